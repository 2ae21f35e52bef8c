import type { Kysely } from 'kysely';
import type { Policy, Settings } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { ActionContext } from '../../lib/context';
import { AppError, assertVersion } from '../../lib/errors';
import { nowIso } from '../../lib/time';
import { isValidTimeZone } from '../../config';
import { audit } from './platform.audit';
import { DEFAULT_NUMBERING } from './platform.numbering';
import { getSettingRows, saveSettingIfVersion } from './platform.repository';

/**
 * Company settings are one JSON document kept under the key `company`, with a version for the
 * optimistic check. Missing fields fall back to defaults (the time zone from the environment).
 */
const KEY = 'company';

export interface SettingsWithVersion extends Settings {
  version: number;
}

/** Company policy until an admin sets it: what the order review checks against. */
export const DEFAULT_POLICY: Policy = {
  allowedPaymentTerms: [
    'T/T 30 days',
    'T/T 60 days',
    '30% deposit, 70% before shipment',
    'L/C at sight',
    'Cash on delivery',
  ],
  maxDiscountPctByRole: { sales: 5, clerk: 3, manager: 15, admin: 100 },
  minOrderValue: 0,
  shippingLeadDays: { express: 2, ftl: 3, ltl: 5, pickup: 0 },
};

export function defaultSettings(timeZone: string): Settings {
  return {
    companyName: 'Gendan',
    timeZone,
    currency: 'CNY',
    numbering: { ...DEFAULT_NUMBERING },
    policy: structuredClone(DEFAULT_POLICY),
  };
}

export async function getSettings(db: Kysely<DB>, fallbackTimeZone: string): Promise<SettingsWithVersion> {
  const rows = await getSettingRows(db);
  const row = rows.find((r) => r.key === KEY);
  const base = defaultSettings(fallbackTimeZone);
  if (!row) return { ...base, version: 1 };
  const stored = JSON.parse(row.value) as Partial<Settings>;
  return {
    ...base,
    ...stored,
    numbering: { ...base.numbering, ...(stored.numbering ?? {}) },
    policy: { ...base.policy, ...(stored.policy ?? {}) },
    version: row.version,
  };
}

/**
 * Company settings as a hot path reads them (creating an order needs the company time zone): from
 * memory, read again at most once per `maxAgeMs` (1 s) and at once after `invalidate`, which the
 * settings route calls when this process has changed them. A change made by another process
 * (PostgreSQL, several processes) is seen within `maxAgeMs`. A read that must see the latest
 * version (an update's optimistic check, numbering) uses `getSettings` in its transaction.
 */
export class SettingsCache {
  #value: Promise<SettingsWithVersion> | null = null;
  #readAt = 0;

  constructor(
    private readonly fallbackTimeZone: string,
    private readonly maxAgeMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  get(db: Kysely<DB>): Promise<SettingsWithVersion> {
    const now = this.clock();
    if (this.#value === null || now - this.#readAt >= this.maxAgeMs) {
      const value = getSettings(db, this.fallbackTimeZone);
      this.#value = value;
      this.#readAt = now;
      // A failed read is not kept: the next call reads again.
      value.catch(() => {
        if (this.#value === value) this.#value = null;
      });
    }
    return this.#value;
  }

  invalidate(): void {
    this.#value = null;
  }
}

export type SettingsPatch = Partial<Settings> & { version: number };

export async function updateSettings(
  db: Kysely<DB>,
  ctx: ActionContext,
  fallbackTimeZone: string,
  patch: SettingsPatch,
): Promise<SettingsWithVersion> {
  const current = await getSettings(db, fallbackTimeZone);
  assertVersion(current.version, patch.version);
  if (patch.timeZone !== undefined && !isValidTimeZone(patch.timeZone)) {
    throw new AppError('BAD_REQUEST', { reason: `timeZone: ${patch.timeZone}` });
  }
  const { version: _v, ...before } = current;
  const { version: _p, ...changes } = patch;
  const next: Settings = {
    ...before,
    ...changes,
    numbering: { ...before.numbering, ...(changes.numbering ?? {}) },
  };
  if (!(await saveSettingIfVersion(db, KEY, JSON.stringify(next), patch.version, nowIso()))) {
    const latest = await getSettings(db, fallbackTimeZone);
    throw new AppError('VERSION_CONFLICT', { current: latest.version, sent: patch.version });
  }
  await audit(db, ctx, { entityType: 'settings', entityId: KEY, action: 'update', before, after: next });
  return getSettings(db, fallbackTimeZone);
}
