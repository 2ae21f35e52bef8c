import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers';
import { DEFAULT_NUMBERING, nextDocumentNumber } from './platform.numbering';

describe('default numbering patterns', () => {
  it('are the patterns of DESIGN §5.4, one per document type', () => {
    expect(DEFAULT_NUMBERING).toEqual({
      sales_order: 'SO{yyyy}{MM}-{seq:5}',
      purchase_order: 'PO{yyyy}{MM}-{seq:5}',
      work_order: 'WO{yyyy}{MM}-{seq:5}',
      shipment: 'SH{yyyy}{MM}-{seq:5}',
      change_request: 'CR{yyyy}{MM}-{seq:5}',
      aftersales_case: 'AS{yyyy}{MM}-{seq:5}',
    });
  });
});

for (const dialect of testDialects()) {
  describe(`nextDocumentNumber [${dialect}]`, () => {
    let tdb: TestDatabase;
    beforeAll(async () => {
      tdb = await createTestDatabase(dialect);
    });
    afterAll(() => tdb?.dispose());

    const next = (docType: string, pattern: string, at: string, timeZone = 'Asia/Shanghai') =>
      nextDocumentNumber(tdb.database.db, docType, pattern, timeZone, new Date(at));

    it('counts up per type and restarts in the next period of the pattern', async () => {
      const p = 'SO{yyyy}{MM}-{seq:5}';
      expect(await next('sales_order', p, '2026-03-10T02:00:00Z')).toBe('SO202603-00001');
      expect(await next('sales_order', p, '2026-03-31T02:00:00Z')).toBe('SO202603-00002');
      // Another type has its own counter.
      expect(await next('shipment', 'SH{yyyy}{MM}-{seq:5}', '2026-03-10T02:00:00Z')).toBe('SH202603-00001');
      expect(await next('sales_order', p, '2026-04-01T02:00:00Z')).toBe('SO202604-00001');
      // A month seen before goes on where it stopped.
      expect(await next('sales_order', p, '2026-03-20T02:00:00Z')).toBe('SO202603-00003');
    });

    it('dates the number in the company time zone', async () => {
      const p = 'D{yyyy}{MM}{dd}-{seq:3}';
      // 2026-06-30 20:00 UTC is already 1 July in Shanghai, still 30 June in Berlin.
      expect(await next('daily', p, '2026-06-30T20:00:00Z')).toBe('D20260701-001');
      expect(await next('daily', p, '2026-06-30T20:00:00Z', 'Europe/Berlin')).toBe('D20260630-001');
      expect(await next('daily', p, '2026-07-01T03:00:00Z')).toBe('D20260701-002');
    });

    it('never restarts a pattern without date tokens', async () => {
      const p = 'INV-{seq:6}';
      expect(await next('invoice', p, '2026-01-01T00:00:00Z')).toBe('INV-000001');
      expect(await next('invoice', p, '2027-09-01T00:00:00Z')).toBe('INV-000002');
    });
  });
}
