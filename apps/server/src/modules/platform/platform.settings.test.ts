import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateToLatest, type Database } from '../../db/database';
import { systemContext } from '../../lib/context';
import { getSettings, SettingsCache, updateSettings } from './platform.settings';

describe('SettingsCache', () => {
  let database: Database;
  let now = 0;
  const clock = () => now;

  beforeAll(async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(database);
  });
  afterAll(async () => database?.destroy());

  const rename = async (companyName: string) => {
    const { version } = await getSettings(database.db, 'Asia/Shanghai');
    await updateSettings(database.db, systemContext, 'Asia/Shanghai', { version, companyName });
  };

  it('serves settings from memory for up to maxAgeMs, then reads them again', async () => {
    const cache = new SettingsCache('Asia/Shanghai', 1000, clock);
    await rename('First');
    expect((await cache.get(database.db)).companyName).toBe('First');
    await rename('Second');
    now += 999;
    expect((await cache.get(database.db)).companyName).toBe('First');
    now += 1;
    expect((await cache.get(database.db)).companyName).toBe('Second');
  });

  it('reads again at once after invalidate', async () => {
    const cache = new SettingsCache('Asia/Shanghai', 1000, clock);
    await rename('Before');
    expect((await cache.get(database.db)).companyName).toBe('Before');
    await rename('After');
    cache.invalidate();
    expect((await cache.get(database.db)).companyName).toBe('After');
  });

  it('falls back to the configured time zone while settings hold none', async () => {
    const fresh = openDatabase({ sqliteFile: ':memory:' });
    await migrateToLatest(fresh);
    try {
      expect((await new SettingsCache('Europe/Berlin').get(fresh.db)).timeZone).toBe('Europe/Berlin');
    } finally {
      await fresh.destroy();
    }
  });

  it('does not keep a failed read', async () => {
    const broken = openDatabase({ sqliteFile: ':memory:' });
    const cache = new SettingsCache('Asia/Shanghai', 60_000, clock);
    await expect(cache.get(broken.db)).rejects.toThrow(); // no settings table yet
    await migrateToLatest(broken);
    try {
      expect((await cache.get(broken.db)).version).toBe(1);
    } finally {
      await broken.destroy();
    }
  });
});
