import type { Kysely } from 'kysely';
import type { ApiToken, CreateUserBody, Language, Role, UpdateUserBody, User } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { ActionContext, AuthUser } from '../../lib/context';
import { AppError, assertVersion, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { addMinutes, nowIso } from '../../lib/time';
import { audit } from '../platform/index';
import { hashPassword, randomSecret, sha256, verifyPassword, DUMMY_HASH } from './identity.password';
import { loginAllowed, LOGIN_WINDOW_MINUTES, windowStart } from './identity.ratelimit';
import * as repo from './identity.repository';
import type { UserRow } from './identity.repository';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    language: row.language as Language,
    roles: JSON.parse(row.roles) as Role[],
    active: row.active === 1,
    customerId: row.customer_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAuthUser(row: UserRow, authMethod: AuthUser['authMethod'], sessionId: string | null): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    language: row.language as Language,
    customerId: row.customer_id,
    authMethod,
    sessionId,
  };
}

/** Portal users hold only the customer role and belong to one customer company. */
function checkRoleRules(roles: Role[], customerId: string | null | undefined): void {
  if (roles.includes('customer')) {
    if (roles.length > 1) {
      throw new AppError('BAD_REQUEST', {
        reason: 'roles: customer cannot be combined / 客户角色不能与其他角色同时授予',
      });
    }
    if (!customerId) {
      throw new AppError('BAD_REQUEST', {
        reason: 'customerId: required for the customer role / 客户角色必须指定客户',
      });
    }
  }
}

// Users

export async function createUser(db: Kysely<DB>, ctx: ActionContext, input: CreateUserBody): Promise<User> {
  checkRoleRules(input.roles, input.customerId);
  if (await repo.findUserByUsername(db, input.username)) {
    throw new AppError('USERNAME_TAKEN', { username: input.username });
  }
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    username: input.username,
    display_name: input.displayName,
    email: input.email ?? null,
    password_hash: await hashPassword(input.password),
    language: input.language ?? 'zh-CN',
    roles: JSON.stringify([...new Set(input.roles)]),
    active: 1,
    customer_id: input.customerId ?? null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await repo.insertUser(db, row);
  const user = toUser(row);
  await audit(db, ctx, { entityType: 'user', entityId: row.id, action: 'create', after: user });
  return user;
}

export async function getUser(db: Kysely<DB>, id: string): Promise<User> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('user');
  return toUser(row);
}

export async function updateUser(
  db: Kysely<DB>,
  ctx: ActionContext,
  id: string,
  patch: UpdateUserBody,
): Promise<User> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound('user');
  assertVersion(row.version, patch.version);
  const before = toUser(row);
  const roles = patch.roles ? [...new Set(patch.roles)] : before.roles;
  const customerId = patch.customerId === undefined ? before.customerId : patch.customerId;
  checkRoleRules(roles, customerId);
  const active = patch.active ?? before.active;
  if (before.roles.includes('admin') && before.active && (!roles.includes('admin') || !active)) {
    if ((await repo.countActiveAdmins(db, id)) === 0) throw new AppError('LAST_ADMIN');
  }
  const changed = await repo.updateUserAtVersion(db, id, patch.version, {
    display_name: patch.displayName ?? row.display_name,
    email: patch.email === undefined ? row.email : patch.email,
    roles: JSON.stringify(roles),
    language: patch.language ?? row.language,
    active: active ? 1 : 0,
    customer_id: customerId,
    ...(patch.password ? { password_hash: await hashPassword(patch.password) } : {}),
    updated_at: nowIso(),
  });
  if (!changed) {
    const latest = await repo.findUserById(db, id);
    throw new AppError('VERSION_CONFLICT', { current: latest?.version ?? '-', sent: patch.version });
  }
  // A deactivated user or a new password ends every open session.
  if (!active || patch.password) await repo.deleteSessionsOfUser(db, id);
  const after = await getUser(db, id);
  await audit(db, ctx, {
    entityType: 'user',
    entityId: id,
    action: patch.password ? 'update+password' : 'update',
    before,
    after,
  });
  return after;
}

export async function listUsers(db: Kysely<DB>, f: Parameters<typeof repo.listUsers>[1]) {
  const { items, total } = await repo.listUsers(db, f);
  return { items: items.map(toUser), total };
}

export async function userCount(db: Kysely<DB>): Promise<number> {
  return repo.countUsers(db);
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<User | undefined> {
  const row = await repo.findUserByUsername(db, username);
  return row ? toUser(row) : undefined;
}

/** Changes the caller's own language, name or e-mail. */
export async function updateMe(
  db: Kysely<DB>,
  ctx: ActionContext,
  userId: string,
  patch: {
    language?: Language | undefined;
    displayName?: string | undefined;
    email?: string | null | undefined;
  },
): Promise<User> {
  const row = await repo.findUserById(db, userId);
  if (!row) throw notFound('user');
  return updateUser(db, ctx, userId, { version: row.version, ...patch });
}

export async function changePassword(
  db: Kysely<DB>,
  ctx: ActionContext,
  userId: string,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string | null,
): Promise<void> {
  const row = await repo.findUserById(db, userId);
  if (!row) throw notFound('user');
  if (!(await verifyPassword(currentPassword, row.password_hash))) throw new AppError('WRONG_PASSWORD');
  const changed = await repo.updateUserAtVersion(db, userId, row.version, {
    password_hash: await hashPassword(newPassword),
    updated_at: nowIso(),
  });
  if (!changed) throw new AppError('VERSION_CONFLICT', { current: '-', sent: row.version });
  await repo.deleteSessionsOfUser(db, userId, keepSessionId);
  await audit(db, ctx, {
    entityType: 'user',
    entityId: userId,
    action: 'password',
    before: null,
    after: null,
  });
}

/**
 * Who may see and attach documents linked to a user: admins and the user itself may write,
 * managers read, a portal user reads the users of its own company; everyone else sees nothing.
 */
export async function userEntityAccess(
  db: Kysely<DB>,
  actor: AuthUser,
  userId: string,
): Promise<'read' | 'write' | null> {
  if (actor.roles.includes('admin') || actor.id === userId) return 'write';
  const row = await repo.findUserById(db, userId);
  if (!row) return null;
  if (actor.roles.includes('manager')) return 'read';
  if (actor.roles.includes('customer') && actor.customerId && actor.customerId === row.customer_id)
    return 'read';
  return null;
}

// Sessions and login

export interface LoginResult {
  sessionToken: string;
  user: User;
}

/**
 * Checks the credentials and opens a new session. Failures are counted per username and IP;
 * after 10 failures in 15 minutes every attempt gets RATE_LIMITED, even a right one.
 */
export async function login(
  db: Kysely<DB>,
  input: {
    username: string;
    password: string;
    ip: string;
    userAgent: string | null;
    idleMinutes: number;
    requestId: string | null;
  },
): Promise<LoginResult> {
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const failures = await repo.countRecentFailures(db, input.username, input.ip, windowStart(nowMs));
  if (!loginAllowed(failures)) throw new AppError('RATE_LIMITED', { minutes: LOGIN_WINDOW_MINUTES });
  const row = await repo.findUserByUsername(db, input.username);
  const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || row.active !== 1) {
    await repo.insertLoginAttempt(db, {
      id: newId(),
      username: input.username,
      ip: input.ip,
      at: now,
      success: 0,
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await repo.deleteLoginAttemptsBefore(db, addMinutes(now, -24 * 60));
  await repo.deleteExpiredSessions(db, now);
  const token = randomSecret();
  await repo.insertSession(db, {
    id: sha256(token),
    user_id: row.id,
    created_at: now,
    last_seen_at: now,
    expires_at: addMinutes(now, input.idleMinutes),
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 300) ?? null,
  });
  await audit(
    db,
    { actor: { id: row.id, username: row.username }, requestId: input.requestId },
    {
      entityType: 'session',
      entityId: row.id,
      action: 'login',
      after: { ip: input.ip, userAgent: input.userAgent },
    },
  );
  return { sessionToken: token, user: toUser(row) };
}

export async function logout(db: Kysely<DB>, ctx: ActionContext, sessionId: string): Promise<void> {
  await repo.deleteSession(db, sessionId);
  if (ctx.actor) await audit(db, ctx, { entityType: 'session', entityId: ctx.actor.id, action: 'logout' });
}

export async function logoutByToken(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await repo.deleteSession(db, sha256(sessionToken));
}

/** Sliding idle expiry: the session is extended at most once a minute to spare writes. */
const TOUCH_EVERY_MS = 60_000;

export async function userFromSession(
  db: Kysely<DB>,
  sessionToken: string,
  idleMinutes: number,
): Promise<AuthUser | null> {
  const id = sha256(sessionToken);
  const row = await repo.findSessionWithUser(db, id);
  if (!row || row.active !== 1) return null;
  const nowMs = Date.now();
  if (Date.parse(row.session_expires_at) <= nowMs) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (nowMs - Date.parse(row.session_last_seen_at) > TOUCH_EVERY_MS) {
    const now = new Date(nowMs).toISOString();
    await repo.touchSession(db, id, now, addMinutes(now, idleMinutes));
  }
  return toAuthUser(row, 'session', id);
}

// API tokens

function toApiToken(row: Awaited<ReturnType<typeof repo.listTokens>>[number]): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Creates a token; the secret is returned once and only its hash is stored. */
export async function createToken(
  db: Kysely<DB>,
  ctx: ActionContext,
  input: { userId: string; name: string },
): Promise<ApiToken & { token: string }> {
  const user = await repo.findUserById(db, input.userId);
  if (!user) throw notFound('user');
  const prefix = randomSecret(6).slice(0, 8);
  const token = `gdn_${prefix}_${randomSecret(32)}`;
  const id = newId();
  await repo.insertToken(db, {
    id,
    user_id: user.id,
    name: input.name,
    token_hash: sha256(token),
    prefix: `gdn_${prefix}`,
    created_by: ctx.actor?.id ?? null,
    created_at: nowIso(),
    last_used_at: null,
    revoked_at: null,
  });
  const created = await repo.findToken(db, id);
  if (!created) throw notFound('api_token');
  const dto = toApiToken(created);
  await audit(db, ctx, { entityType: 'api_token', entityId: id, action: 'create', after: dto });
  return { ...dto, token };
}

export async function listTokens(db: Kysely<DB>): Promise<ApiToken[]> {
  return (await repo.listTokens(db)).map(toApiToken);
}

export async function revokeToken(db: Kysely<DB>, ctx: ActionContext, id: string): Promise<void> {
  const row = await repo.findToken(db, id);
  if (!row) throw notFound('api_token');
  if (row.revoked_at) return;
  await repo.revokeToken(db, id, nowIso());
  const after = await repo.findToken(db, id);
  await audit(db, ctx, {
    entityType: 'api_token',
    entityId: id,
    action: 'revoke',
    before: toApiToken(row),
    after: after ? toApiToken(after) : null,
  });
}

/** Resolves a bearer token; `last_used_at` is written at most once a minute. */
export async function userFromToken(db: Kysely<DB>, token: string): Promise<AuthUser | null> {
  const row = await repo.findActiveTokenUser(db, sha256(token));
  if (!row || row.active !== 1) return null;
  const nowMs = Date.now();
  if (!row.token_last_used_at || nowMs - Date.parse(row.token_last_used_at) > TOUCH_EVERY_MS) {
    await repo.markTokenUsed(db, row.token_id, new Date(nowMs).toISOString());
  }
  return toAuthUser(row, 'token', null);
}
