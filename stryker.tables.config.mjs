// @ts-check
import base from './stryker.config.mjs';

/**
 * `npm run test:mutation:tables`: the data tables that the main run leaves out as static mutants
 * (the order status machine, the default numbering patterns, the audit's secret keys), with every
 * static mutant tested by running all related tests on a fresh import. A few minutes.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  ...base,
  ignoreStatic: false,
  mutate: [
    'apps/server/src/modules/orders/orders.status.ts',
    'apps/server/src/modules/platform/platform.numbering.ts',
    'apps/server/src/modules/platform/platform.audit.ts',
  ],
  htmlReporter: { fileName: 'reports/mutation-tables/index.html' },
  jsonReporter: { fileName: 'reports/mutation-tables/mutation.json' },
  tempDirName: '.stryker-tmp-tables',
};
