import { LRUCache } from 'lru-cache';
import type { AuthUser } from '../../lib/context';

/**
 * Who a credential (API token or session cookie) belongs to, as recently read from the database.
 * Every authenticated request would otherwise start with one round trip to the database, and on
 * PostgreSQL that is a good part of a small request's cost. An entry lives for at most a second
 * (`maxAgeMs`); any identity change made through this process (login, logout, password, a user's
 * roles, active flag or language, tokens) clears the whole cache at once. A change made by another
 * process (several processes on one PostgreSQL, the CLI) is seen within a second: a revoked token,
 * an ended session or a deactivated user may still pass for up to that second there.
 * Unknown or rejected credentials are never kept: each one is checked against the database.
 */
export class AuthCache {
  readonly #users: LRUCache<string, AuthUser>;

  constructor(maxAgeMs = 1000, maxEntries = 10_000) {
    this.#users = new LRUCache<string, AuthUser>({ max: maxEntries, ttl: maxAgeMs });
  }

  /** The user a credential was found to belong to within the last second, if any. */
  get(credential: string): AuthUser | undefined {
    return this.#users.get(credential);
  }

  set(credential: string, user: AuthUser): void {
    this.#users.set(credential, user);
  }

  clear(): void {
    this.#users.clear();
  }
}

/** Cache keys: the kind of credential, then the credential itself (it never leaves the process). */
export const tokenKey = (token: string): string => `token:${token}`;
export const sessionKey = (token: string): string => `session:${token}`;
