// @ts-check
/**
 * Mutation testing of the core rules and use cases (`npm run test:mutation`). Each module adds its
 * own core files to `mutate`. The score and the surviving mutants are recorded in docs/QUALITY.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30_000,
  // A static mutant is one that runs while a module loads (a table, a constant): Stryker can only
  // test it by running every related test with a fresh import, which would take hours here. Mutants
  // that also run inside a test are still tested. docs/QUALITY.md has the separate run that includes
  // the static mutants of the data tables (status, numbering, audit).
  ignoreStatic: true,
  mutate: [
    // orders: review, rules, approval, status
    'apps/server/src/modules/orders/orders.review.ts',
    'apps/server/src/modules/orders/orders.rules.ts',
    'apps/server/src/modules/orders/orders.rule.*.ts',
    '!apps/server/src/modules/orders/orders.rule.*.test.ts',
    'apps/server/src/modules/orders/orders.findings.ts',
    'apps/server/src/modules/orders/orders.approval.ts',
    'apps/server/src/modules/orders/orders.status.ts',
    // platform: audit, idempotency, numbering
    'apps/server/src/modules/platform/platform.audit.ts',
    'apps/server/src/modules/platform/platform.idempotency.ts',
    'apps/server/src/modules/platform/platform.numbering.ts',
    // money
    'apps/server/src/lib/money.ts',
    // identity: access
    'apps/server/src/modules/identity/identity.access.ts',
    // the order and catalog imports
    'apps/server/src/modules/orders/orders.import.ts',
    'apps/server/src/modules/catalog/catalog.import.ts',
  ],
  ignorePatterns: [
    'data',
    'dist',
    'coverage',
    'bench/results',
    '.vitest-results.json',
    'reports',
    '.stryker-tmp',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
