import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
import { systemContext } from './lib/context';
import { getSettings, updateSettings } from './modules/platform/index';
import { seedDemoUsers, userCount } from './modules/identity/index';

/** The portal user's company until the catalog has real customers. */
export const DEMO_CUSTOMER_ID = 'demo-customer';

export interface DemoResult {
  seeded: boolean;
  users: { username: string; role: string; password: string }[];
}

/**
 * Seeds demo data: the company settings and one user per role. Runs only on an empty database
 * (no users but the admin), so it never touches real data.
 */
export async function seedDemo(db: Kysely<DB>, timeZone: string, force = false): Promise<DemoResult> {
  if (!force && (await userCount(db)) > 1) return { seeded: false, users: [] };
  return db.transaction().execute(async (trx) => {
    const settings = await getSettings(trx, timeZone);
    if (settings.companyName === 'Gendan') {
      await updateSettings(trx, systemContext, timeZone, {
        version: settings.version,
        companyName: '宁波恒达精密制造有限公司',
      });
    }
    const users = await seedDemoUsers(trx, DEMO_CUSTOMER_ID);
    return { seeded: true, users };
  });
}
