import type { Migration } from 'kysely/migration';
import * as platformInit from './20261127000001_platform_init';
import * as identityInit from './20261127000002_identity_init';
import * as catalogInit from './20261127100000_catalog_init';
import * as ordersInit from './20261127100001_orders_init';

/**
 * Every migration, in order. Names follow `YYYYMMDDHHMMSS_<module>_<change>`; a migration is
 * frozen once it has landed. Add new ones at the end.
 */
export const migrations: Record<string, Migration> = {
  '20261127000001_platform_init': platformInit,
  '20261127000002_identity_init': identityInit,
  '20261127100000_catalog_init': catalogInit,
  '20261127100001_orders_init': ordersInit,
};
