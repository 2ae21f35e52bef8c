import type { ReactNode } from 'react';
import { Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { FindingCode } from '@gendan/contracts';
import { formatMoney } from './money';

/** Codes whose numeric expected/actual are money in minor units, or a percent. */
const MONEY_CODES: ReadonlySet<FindingCode> = new Set([
  'PRICE_MISMATCH',
  'AMOUNT_MISMATCH',
  'BELOW_MIN_ORDER',
  'CREDIT_LIMIT',
]);
const PERCENT_CODES: ReadonlySet<FindingCode> = new Set(['DISCOUNT_OVER_POLICY']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface OrderRef {
  id: string;
  number?: string | null;
}

function isOrderRef(v: unknown): v is OrderRef {
  return isRecord(v) && typeof v.id === 'string';
}

/** A finding's `expected` or `actual`, formatted by what the code means (money, percent, dates, specs, other orders). */
export function FindingValue({
  code,
  value,
  currency,
  lang,
}: {
  code: FindingCode;
  value: unknown;
  currency: string;
  lang: string;
}): ReactNode {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') {
    if (MONEY_CODES.has(code)) return formatMoney(value, currency, lang);
    if (PERCENT_CODES.has(code)) return `${String(value)}%`;
    return value.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return (
      <Space size={4} wrap>
        {value.map((v, i) => (
          <Tag key={i}>{typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)}</Tag>
        ))}
      </Space>
    );
  }
  if (isRecord(value)) {
    // DUPLICATE_PO: `{ otherOrders: [{id, number}] }` links to the other orders.
    const refs = value.otherOrders;
    if (Array.isArray(refs) && refs.every(isOrderRef)) {
      return (
        <Space size={4} wrap>
          {refs.map((o) => (
            <Link key={o.id} to={`/orders/${encodeURIComponent(o.id)}`}>
              {o.number ?? o.id.slice(-8)}
            </Link>
          ))}
        </Space>
      );
    }
    return (
      <Space size={4} wrap>
        {Object.entries(value).map(([k, v]) => (
          <Tag key={k}>
            {k}: {typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v)}
          </Tag>
        ))}
      </Space>
    );
  }
  return JSON.stringify(value);
}
