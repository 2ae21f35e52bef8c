#!/usr/bin/env node
// The `gendan` command. The server is TypeScript run through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
