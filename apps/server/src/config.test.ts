import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      demo: false,
      timeZone: 'Asia/Shanghai',
    });
    expect(c.uploadMaxBytes).toBe(25 * 1024 * 1024);
    expect(c.pgPoolSize).toBe(20);
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });
  it('reads values and treats empty strings as unset', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      GENDAN_DEMO: '1',
      HOST: '',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@h:5432/db',
      demo: true,
      host: '0.0.0.0',
    });
    expect(loadConfig({ GENDAN_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ GENDAN_PG_POOL_SIZE: '24' }).pgPoolSize).toBe(24);
  });
  it('names every bad variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        GENDAN_TIMEZONE: 'Mars/Base',
        GENDAN_DEMO: 'maybe',
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).issues.map((i) => i.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'GENDAN_DEMO', 'GENDAN_TIMEZONE', 'PORT']);
      expect((e as Error).message).toContain('PORT');
    }
  });
  it('rejects out-of-range ports and short admin passwords', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ GENDAN_ADMIN_PASSWORD: 'short' })).toThrow(/GENDAN_ADMIN_PASSWORD/);
    expect(() => loadConfig({ GENDAN_PG_POOL_SIZE: '0' })).toThrow(/GENDAN_PG_POOL_SIZE/);
    expect(() => loadConfig({ GENDAN_PG_POOL_SIZE: '2.5' })).toThrow(/GENDAN_PG_POOL_SIZE/);
  });
});
