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
