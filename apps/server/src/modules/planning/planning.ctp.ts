import type { ShippingMode } from '@gendan/contracts';
import { addDays } from '../../lib/time';

/**
 * Capable-to-promise, first version: the earliest feasible date of a line is
 *   today + the product's standard lead time + the shipping lead days of the mode
 * in calendar days. The production issue replaces this with finite-capacity CTP behind the same
 * `earliestFeasibleDates` interface (planning.service.ts).
 */

/** The shipping mode assumed when an order names none: LTL line haul (专线), the usual B2B case. */
export const DEFAULT_SHIPPING_MODE: ShippingMode = 'ltl';

export type Bilingual = { 'zh-CN': string; en: string };

const MODE_NAMES: Record<ShippingMode, Bilingual> = {
  express: { 'zh-CN': '快递', en: 'express' },
  ftl: { 'zh-CN': '整车', en: 'full truckload' },
  ltl: { 'zh-CN': '专线', en: 'LTL line haul' },
  pickup: { 'zh-CN': '客户自提', en: 'customer pickup' },
};

export interface LeadTimeInput {
  today: string;
  model: string;
  leadTimeDays: number;
  shippingMode: ShippingMode;
  shippingDays: number;
}

export function leadTimeDate(input: LeadTimeInput): { earliestDate: string; explanation: Bilingual } {
  const earliestDate = addDays(input.today, input.leadTimeDays + input.shippingDays);
  const mode = MODE_NAMES[input.shippingMode];
  return {
    earliestDate,
    explanation: {
      'zh-CN': `${input.model}：今天 ${input.today} + 标准生产周期 ${input.leadTimeDays} 天 + ${mode['zh-CN']}运输 ${input.shippingDays} 天 = ${earliestDate}`,
      en: `${input.model}: today ${input.today} + standard lead time ${input.leadTimeDays} days + ${mode.en} ${input.shippingDays} days = ${earliestDate}`,
    },
  };
}

/** The date all lines can ship together: the latest line date, with the line that sets it. */
export function summarize(
  lines: readonly { earliestDate: string; model: string }[],
  today: string,
  requestedDate?: string,
): { earliestDate: string; feasible: boolean | null; explanation: Bilingual } {
  let worst = lines[0];
  for (const l of lines) if (worst === undefined || l.earliestDate > worst.earliestDate) worst = l;
  const earliestDate = worst?.earliestDate ?? today;
  const feasible = requestedDate === undefined ? null : requestedDate >= earliestDate;
  const model = worst?.model ?? '';
  const verdict: Bilingual =
    feasible === null
      ? { 'zh-CN': '', en: '' }
      : feasible
        ? {
            'zh-CN': `，可满足要求交期 ${requestedDate}`,
            en: `; the requested date ${requestedDate} can be met`,
          }
        : {
            'zh-CN': `，无法满足要求交期 ${requestedDate}`,
            en: `; the requested date ${requestedDate} cannot be met`,
          };
  return {
    earliestDate,
    feasible,
    explanation: {
      'zh-CN': `全部产品最早可于 ${earliestDate} 交付（由 ${model} 决定）${verdict['zh-CN']}`,
      en: `All lines can be delivered by ${earliestDate} at the earliest (set by ${model})${verdict.en}`,
    },
  };
}
