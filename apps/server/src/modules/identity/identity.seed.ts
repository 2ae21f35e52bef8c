import type { Kysely } from 'kysely';
import { ROLES, type Role } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { systemContext } from '../../lib/context';
import { createUser, findUserByUsername } from './identity.service';
import { generatePassword } from './identity.password';

/**
 * Creates the `admin` user on first start. Returns the password when it was generated here
 * (the caller prints it once), or null when the admin already existed or the password was given.
 */
export async function ensureAdminUser(
  db: Kysely<DB>,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if (await findUserByUsername(db, 'admin')) return { created: false, generatedPassword: null };
  const pw = password ?? generatePassword();
  await createUser(db, systemContext, {
    username: 'admin',
    password: pw,
    displayName: '系统管理员',
    roles: ['admin'],
    language: 'zh-CN',
  });
  return { created: true, generatedPassword: password ? null : pw };
}

export const DEMO_PASSWORD = 'gendan-demo';

const DEMO_NAMES: Record<Role, string> = {
  admin: '演示管理员',
  manager: '王主管',
  clerk: '李跟单',
  sales: '张销售',
  production: '赵计划',
  qc: '钱质检',
  purchasing: '孙采购',
  warehouse: '周仓管',
  logistics: '吴物流',
  finance: '郑财务',
  aftersales: '冯售后',
  customer: '客户联系人',
};

/** One demo user per role (`demo-<role>`), all with the demo password. Idempotent. */
export async function seedDemoUsers(
  db: Kysely<DB>,
  customerId: string,
): Promise<{ username: string; role: Role; password: string }[]> {
  const out: { username: string; role: Role; password: string }[] = [];
  for (const role of ROLES) {
    const username = role === 'admin' ? 'demo-admin' : role;
    if (!(await findUserByUsername(db, username))) {
      await createUser(db, systemContext, {
        username,
        password: DEMO_PASSWORD,
        displayName: DEMO_NAMES[role],
        roles: [role],
        language: 'zh-CN',
        ...(role === 'customer' ? { customerId } : {}),
      });
    }
    out.push({ username, role, password: DEMO_PASSWORD });
  }
  return out;
}
