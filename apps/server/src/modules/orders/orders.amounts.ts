import { MONEY_MAX, type OrderLineInput } from '@gendan/contracts';
import { AppError } from '../../lib/errors';
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

/** Throws 400 AMOUNT_TOO_LARGE when a line amount or the total is above MONEY_MAX. */
export function priceLines(lines: readonly OrderLineInput[]): PricedOrder {
  const priced = lines.map((l, i) => {
    const discountBp = pctToBp(l.discountPct);
    const amount = lineAmount(l.qty, l.unitPrice, discountBp);
    if (amount > MONEY_MAX) throw new AppError('AMOUNT_TOO_LARGE', { where: `#${i + 1}`, limit: MONEY_MAX });
    return { ...l, lineNo: i + 1, discountBp, amount };
  });
  let requestedDate = priced[0]?.requestedDate ?? '';
  for (const l of priced) if (l.requestedDate < requestedDate) requestedDate = l.requestedDate;
  const total = sumAmounts(priced.map((l) => l.amount));
  if (total > MONEY_MAX) throw new AppError('AMOUNT_TOO_LARGE', { where: 'total', limit: MONEY_MAX });
  return { lines: priced, total, requestedDate };
}
