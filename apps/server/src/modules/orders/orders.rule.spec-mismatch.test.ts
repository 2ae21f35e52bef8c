import { describe, expect, it } from 'vitest';
import { agreement, agreementLine, line, reviewInput } from './orders.rule-fixture';
import { specMismatch } from './orders.rule.spec-mismatch';

describe('SPEC_MISMATCH', () => {
  it('fires when a line spec differs from the product spec', () => {
    const f = specMismatch(reviewInput({ lines: [line({ specs: { 材质: '201' } })] }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'SPEC_MISMATCH',
      severity: 'block',
      lineNo: 1,
      expected: { 材质: '304' },
      actual: { 材质: '201' },
      suggestion: { specs: { 材质: '304' } },
      params: { source: 'product', key: '材质' },
    });
  });

  it('holds the line to the agreed spec, which wins over the product spec', () => {
    const agreements = [agreement({ lines: [agreementLine({ specs: { 材质: '316' } })] })];
    const fires = specMismatch(reviewInput({ agreements, lines: [line({ specs: { 材质: '304' } })] }));
    expect(fires).toHaveLength(1);
    expect(fires[0]).toMatchObject({
      expected: { 材质: '316' },
      params: { source: 'agreement', agreementCode: 'HT-2026-01' },
    });
    expect(specMismatch(reviewInput({ agreements, lines: [line({ specs: { 材质: '316' } })] }))).toEqual([]);
  });

  it('uses the agreed spec of the tier that applies to the quantity', () => {
    const agreements = [
      agreement({
        lines: [
          agreementLine({ minQty: 1, specs: { 颜色: 'silver' } }),
          agreementLine({ minQty: 500, specs: { 颜色: 'black' } }),
        ],
      }),
    ];
    expect(
      specMismatch(reviewInput({ agreements, lines: [line({ qty: 600, specs: { 颜色: 'black' } })] })),
    ).toEqual([]);
    expect(
      specMismatch(reviewInput({ agreements, lines: [line({ qty: 10, specs: { 颜色: 'black' } })] })),
    ).toHaveLength(1);
  });

  it('does not fire for equal values written differently, unknown keys or unstated specs', () => {
    const input = reviewInput({
      lines: [line({ specs: { 材质: ' ３０４ ', 颜色: 'SILVER', 备注: 'anything' } })],
    });
    expect(specMismatch(input)).toEqual([]);
    expect(specMismatch(reviewInput({ lines: [line({ specs: {} })] }))).toEqual([]);
  });

  it('reports each differing key of each line', () => {
    const lines = [
      line({ specs: { 材质: '201', 颜色: 'red' } }),
      line({ lineNo: 2, specs: { 颜色: 'blue' } }),
    ];
    const f = specMismatch(reviewInput({ lines }));
    expect(f.map((x) => [x.lineNo, Object.keys(x.actual as object)[0]])).toEqual([
      [1, '材质'],
      [1, '颜色'],
      [2, '颜色'],
    ]);
  });
});

describe('SPEC_MISMATCH without an agreement or a product', () => {
  it('holds a line no agreement covers to the product spec', () => {
    const f = specMismatch(reviewInput({ agreements: [], lines: [line({ specs: { 材质: '201' } })] }));
    expect(f).toEqual([
      {
        code: 'SPEC_MISMATCH',
        severity: 'block',
        lineNo: 1,
        params: {
          lineNo: 1,
          model: 'BR-100',
          key: '材质',
          expected: '304',
          actual: '201',
          source: 'product',
          agreementCode: undefined,
          agreementKind: undefined,
        },
        expected: { 材质: '304' },
        actual: { 材质: '201' },
        suggestion: { specs: { 材质: '304' } },
      },
    ]);
  });

  it('takes an unknown product as defining no spec, and names no model for it', () => {
    expect(
      specMismatch(reviewInput({ lines: [line({ productId: 'gone', specs: { 材质: '201' } })] })),
    ).toEqual([]);
    const agreements = [agreement({ lines: [agreementLine({ productId: 'gone', specs: { 材质: '316' } })] })];
    const f = specMismatch(
      reviewInput({ agreements, lines: [line({ productId: 'gone', specs: { 材质: '201' } })] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.params).toMatchObject({ model: '', source: 'agreement', expected: '316' });
  });
});
