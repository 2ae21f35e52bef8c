import { defineConfig } from 'vitest/config';

/**
 * The test set StrykerJS runs against each mutant (`npm run test:mutation`): the server's unit and
 * API tests on SQLite. Left out are the tests whose subject runs in another process, where a mutant
 * is never active (the CLI, the numbering race across processes), and the randomised fuzz tests,
 * whose verdict on a mutant could change from run to run.
 */
export default defineConfig({
  test: {
    include: ['apps/server/**/*.test.ts', 'packages/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      'apps/server/test/cli.test.ts',
      'apps/server/test/fuzz.test.ts',
      'apps/server/src/modules/platform/platform.numbering.concurrency.test.ts',
    ],
    environment: 'node',
    // One module graph for all files: a mutant is switched on at run time, so it needs no fresh
    // import, and an isolated import of the app per file would be most of every mutant's run.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
