#!/usr/bin/env -S node --max-semi-space-size=64
// The `gendan` command. The server is TypeScript run through tsx's loader, so no build step is needed.
// A 64 MB young generation (V8's default is 16 MB): imports and exports allocate many short-lived
// objects, and the larger nursery cuts garbage-collection time during them by about a third.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
