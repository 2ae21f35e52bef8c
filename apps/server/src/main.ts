import { main } from './cli';

// `node --import tsx apps/server/src/main.ts` is the same as `gendan serve`.
await main([process.argv[0] ?? 'node', 'gendan', 'serve']);
