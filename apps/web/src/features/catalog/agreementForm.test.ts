import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Agreement } from '@gendan/contracts';
import {
  agreementToValues,
  duplicateTiers,
  newAgreementValues,
  valuesToAgreementBody,
  valuesToAgreementUpdate,
} from './agreementForm';

const agreement: Agreement = {
  id: 'a1',
  kind: 'contract',
  code: 'HT-2026-001',
  name: null,
  customerId: 'c1',
  customerName: 'Acme',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  currency: 'CNY',
  status: 'active',
  paymentTerms: 'T/T 30 days',
  packaging: '纸箱',
  acceptanceStandard: 'AQL 1.0',
  incoterm: 'FOB',
  lines: [
    {
      id: 'l1',
      lineNo: 1,
      productId: 'p1',
      productModel: 'GD-100',
      productName: '支架',
      unitPrice: 1250,
      minQty: 1,
      specs: { 材质: '304' },
      maxDiscountPct: 5,
    },
    {
      id: 'l2',
      lineNo: 2,
      productId: 'p1',
      productModel: 'GD-100',
      productName: '支架',
      unitPrice: 1180,
      minQty: 1000,
      specs: null,
      maxDiscountPct: null,
    },
  ],
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('agreement form', () => {
  it('round-trips header and tiered lines', () => {
    const v = agreementToValues(agreement);
    expect(v.lines[0]?.unitPrice).toBe(12.5);
    expect(v.lines[0]?.productLabel).toBe('GD-100 支架');
    expect(valuesToAgreementUpdate(v, 4)).toEqual({
      version: 4,
      code: 'HT-2026-001',
      name: null,
      customerId: 'c1',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      currency: 'CNY',
      status: 'active',
      paymentTerms: 'T/T 30 days',
      packaging: '纸箱',
      acceptanceStandard: 'AQL 1.0',
      incoterm: 'FOB',
      lines: [
        { productId: 'p1', unitPrice: 1250, minQty: 1, specs: { 材质: '304' }, maxDiscountPct: 5 },
        { productId: 'p1', unitPrice: 1180, minQty: 1000, specs: null, maxDiscountPct: null },
      ],
    });
  });

  it('starts a new agreement as a one-year draft with one line', () => {
    const v = newAgreementValues('CNY', dayjs('2026-03-15'));
    const body = valuesToAgreementBody({ ...v, code: 'PL-1', incoterm: ' fob ' });
    expect(body).toMatchObject({
      status: 'draft',
      validFrom: '2026-03-15',
      validTo: '2027-03-14',
      incoterm: 'FOB',
      customerId: null,
    });
    expect(body.lines).toHaveLength(1);
  });

  it('finds repeated product tiers', () => {
    expect(
      duplicateTiers([
        { productId: 'p1', minQty: 1, specs: [] },
        { productId: 'p1', minQty: 100, specs: [] },
        { productId: 'p2', minQty: 1, specs: [] },
        { productId: 'p1', minQty: 100, specs: [] },
        { minQty: 1, specs: [] },
        { productId: 'p1', minQty: null, specs: [] },
      ]),
    ).toEqual([
      { line: 4, first: 2 },
      { line: 6, first: 1 },
    ]);
  });
});
