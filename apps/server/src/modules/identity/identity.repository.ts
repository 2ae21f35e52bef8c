import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { containsText } from '../../db/helpers';
import type { ApiTokenTable, DB, SessionTable, UserTable } from '../../db/schema';

/** All SQL of the identity module. */

export type UserRow = Selectable<UserTable>;

export function findUserById(db: Kysely<DB>, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Kysely<DB>, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Updates a user only at the expected version; returns whether a row changed. */
export async function updateUserAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<UserTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countActiveAdmins(db: Kysely<DB>, excludingId: string): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active', '=', 1)
    .where('roles', 'like', '%"admin"%')
    .where('id', '!=', excludingId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export const USER_SORTS = {
  username: 'username',
  displayName: 'display_name',
  createdAt: 'created_at',
} as const;

export async function listUsers(
  db: Kysely<DB>,
  f: {
    q?: string | undefined;
    role?: string | undefined;
    active?: boolean | undefined;
    customerId?: string | undefined;
    sort: keyof typeof USER_SORTS;
    desc: boolean;
    page: number;
    pageSize: number;
  },
) {
  let q = db.selectFrom('users');
  const text = f.q;
  if (text) {
    q = q.where((eb) =>
      eb.or([
        containsText('username', text),
        containsText('display_name', text),
        containsText('email', text),
      ]),
    );
  }
  if (f.role) q = q.where('roles', 'like', `%"${f.role}"%`);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(USER_SORTS[f.sort], f.desc ? 'desc' : 'asc')
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// Sessions

export async function insertSession(db: Kysely<DB>, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export function findSessionWithUser(db: Kysely<DB>, sessionId: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at as session_expires_at',
      'sessions.last_seen_at as session_last_seen_at',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, id: string, lastSeen: string, expires: string) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeen, expires_at: expires })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends a user's sessions, except optionally the one making the request. */
export async function deleteSessionsOfUser(
  db: Kysely<DB>,
  userId: string,
  exceptId: string | null = null,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Kysely<DB>, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

// Login attempts

export async function countRecentFailures(db: Kysely<DB>, username: string, ip: string, since: string) {
  const r = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('success', '=', 0)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertLoginAttempt(
  db: Kysely<DB>,
  row: { id: string; username: string; ip: string; at: string; success: number },
): Promise<void> {
  await db.insertInto('login_attempts').values(row).execute();
}

export async function deleteLoginAttemptsBefore(db: Kysely<DB>, before: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('at', '<', before).execute();
}

// API tokens

export async function insertToken(db: Kysely<DB>, row: Insertable<ApiTokenTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

function tokensWithUser(db: Kysely<DB>) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('api_tokens')
    .select('users.username');
}

export function listTokens(db: Kysely<DB>) {
  return tokensWithUser(db).orderBy('api_tokens.created_at', 'desc').execute();
}

export function findToken(db: Kysely<DB>, id: string) {
  return tokensWithUser(db).where('api_tokens.id', '=', id).executeTakeFirst();
}

export function findActiveTokenUser(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at as token_last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function markTokenUsed(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function revokeToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}
