import type { OrderLineInput } from '@gendan/contracts';
import { lineAmount, pctToBp, sumAmounts } from '../../lib/money';

/** Amounts of an order as entered: each line qty × unit price × (1 − discount), and the total. */

export interface PricedLine extends OrderLineInput {
  lineNo: number;
  discountBp: number;
  amount: number;
}

export interface PricedOrder {
  lines: PricedLine[];
  total: number;
  /** The earliest requested date over the lines. */
  requestedDate: string;
}

export function priceLines(lines: readonly OrderLineInput[]): PricedOrder {
  const priced = lines.map((l, i) => {
    const discountBp = pctToBp(l.discountPct);
    return { ...l, lineNo: i + 1, discountBp, amount: lineAmount(l.qty, l.unitPrice, discountBp) };
  });
  let requestedDate = priced[0]?.requestedDate ?? '';
  for (const l of priced) if (l.requestedDate < requestedDate) requestedDate = l.requestedDate;
  return { lines: priced, total: sumAmounts(priced.map((l) => l.amount)), requestedDate };
}
