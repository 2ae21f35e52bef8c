import type { Kysely } from 'kysely';
import type { Finding, OrderStatus, Role, ShippingMode } from '@gendan/contracts';
import type { DB, OrderFindingTable } from '../../db/schema';
import { AppError, assertVersion } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso, todayInZone } from '../../lib/time';
import { findPriceAgreements } from '../catalog/index';
import { audit, getSettings, type AuditEntry, type SettingsWithVersion } from '../platform/index';
import { earliestFeasibleDates, type FeasibleLine } from '../planning/index';
import { writeEvents } from './orders.events';
import { parseJson, sortFindings, toFinding } from './orders.mapping';
import * as repo from './orders.repository';
import type { ReviewInput, ReviewProduct, RuleFinding } from './orders.review-types';
import { runRules } from './orders.rules';
import { fallbackTimeZone, loadOrder } from './orders.service';
import { assertTransition, REVIEWABLE_STATUSES } from './orders.status';
import { langOf, type OrdersContext } from './orders.validation';

/**
 * The review: gathers what the rules need in a few queries (order + customer + creator in one,
 * lines + products in one, agreements, planning, same-PO orders), runs every rule, and replaces
 * the order's findings. A finding that reappears with the same code, line, actual and expected
 * keeps its id and its override.
 */

export interface ReviewOutcome {
  status: OrderStatus;
  findings: repo.FindingRow[];
  openBlocks: number;
  openWarnings: number;
  feasible: FeasibleLine[];
  /** The audit entry of the review: the caller writes it, or folds it into its own. */
  auditEntry: AuditEntry;
}

export async function prepareReviewInput(
  db: Kysely<DB>,
  order: repo.OrderRow,
  lines: readonly repo.LineWithProduct[],
  settings: SettingsWithVersion,
): Promise<{ input: ReviewInput; feasible: FeasibleLine[] }> {
  const today = todayInZone(settings.timeZone);
  const productIds = [...new Set(lines.map((l) => l.product_id))];
  const agreements = await findPriceAgreements(db, {
    customerId: order.customer_id,
    productIds,
    date: order.order_date,
  });
  const feasible = await earliestFeasibleDates(db, {
    lines: lines.map((l) => ({ productId: l.product_id, qty: Number(l.qty) })),
    shippingMode: order.shipping_mode as ShippingMode | null,
    today,
    policy: settings.policy,
  });
  const samePoOrders = await repo.findSamePoOrders(db, order.customer_id, order.customer_po, order.id);
  const products = new Map<string, ReviewProduct>();
  for (const l of lines) {
    products.set(l.product_id, {
      id: l.product_id,
      model: l.product_model,
      name: l.product_name,
      specs: parseJson<Record<string, string>>(l.product_specs, {}),
      standardLeadTimeDays: Number(l.product_lead_time_days),
      active: Number(l.product_active) === 1,
    });
  }
  const input: ReviewInput = {
    order: {
      id: order.id,
      customerId: order.customer_id,
      customerPo: order.customer_po,
      currency: order.currency,
      paymentTerms: order.payment_terms,
      packaging: order.packaging,
      acceptanceStandard: order.acceptance_standard,
      shippingMode: order.shipping_mode as ShippingMode | null,
      orderDate: order.order_date,
      total: Number(order.total),
      statedTotal: order.stated_total === null ? null : Number(order.stated_total),
    },
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no),
      productId: l.product_id,
      qty: Number(l.qty),
      unitPrice: Number(l.unit_price),
      discountBp: Number(l.discount_bp),
      amount: Number(l.amount),
      statedAmount: l.stated_amount === null ? null : Number(l.stated_amount),
      specs: parseJson<Record<string, string>>(l.specs, {}),
      requestedDate: l.requested_date,
    })),
    customer: {
      id: order.customer_id,
      code: order.customer_code,
      name: order.customer_name,
      currency: order.customer_currency,
      creditLimit: order.customer_credit_limit === null ? null : Number(order.customer_credit_limit),
      paymentTerms: order.customer_payment_terms,
    },
    products,
    agreements,
    policy: settings.policy,
    companyCurrency: settings.currency,
    creatorRoles: parseJson<Role[]>(order.creator_roles, []),
    today,
    feasibleDates: new Map(
      lines.map((l, i) => [
        Number(l.line_no),
        { date: feasible[i]!.earliestDate, explanation: feasible[i]!.explanation },
      ]),
    ),
    samePoOrders,
    openReceivables: 0,
  };
  return { input, feasible };
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const keyOf = (code: string, lineNo: number | null, actual: string | null, expected: string | null) =>
  `${code}|${lineNo ?? ''}|${actual ?? ''}|${expected ?? ''}`;

/** New finding rows; a finding seen before (same key) keeps its id and override. */
export function mergeFindings(
  orderId: string,
  found: readonly RuleFinding[],
  existing: readonly repo.FindingRow[],
  now: string,
): OrderFindingTable[] {
  const previous = new Map<string, repo.FindingRow[]>();
  for (const f of existing) {
    const k = keyOf(f.code, f.line_no, f.actual, f.expected);
    previous.set(k, [...(previous.get(k) ?? []), f]);
  }
  return found.map((f) => {
    const actual = json(f.actual);
    const expected = json(f.expected);
    const old = previous.get(keyOf(f.code, f.lineNo ?? null, actual, expected))?.shift();
    const overridden = old?.status === 'overridden';
    return {
      id: old?.id ?? newId(),
      order_id: orderId,
      code: f.code,
      severity: f.severity,
      line_no: f.lineNo ?? null,
      params: JSON.stringify(f.params),
      expected,
      actual,
      suggestion: json(f.suggestion),
      status: overridden ? 'overridden' : 'open',
      override_reason: overridden ? old.override_reason : null,
      overridden_by: overridden ? old.overridden_by : null,
      overridden_at: overridden ? old.overridden_at : null,
      created_at: old?.created_at ?? now,
    };
  });
}

export function countOpen(findings: readonly Pick<repo.FindingRow, 'severity' | 'status'>[]) {
  let openBlocks = 0;
  let openWarnings = 0;
  for (const f of findings) {
    if (f.status !== 'open') continue;
    if (f.severity === 'block') openBlocks++;
    else openWarnings++;
  }
  return { openBlocks, openWarnings };
}

/**
 * Runs the review on a loaded (locked) order: replaces the findings, stores each line's feasible
 * date, sets the counts and reviewed_version, moves draft → in_review (the one place that status
 * change happens) and writes the 'reviewed' event. The version does not move: a review changes no
 * content, so a client may review and then approve with the version it holds.
 */
export async function runReview(
  db: Kysely<DB>,
  ctx: OrdersContext,
  order: repo.OrderRow,
  lines: readonly repo.LineWithProduct[],
  settings: SettingsWithVersion,
  eventType: 'reviewed' | 'submitted' = 'reviewed',
): Promise<ReviewOutcome> {
  const from = order.status as OrderStatus;
  if (!REVIEWABLE_STATUSES.has(from)) assertTransition(from, 'in_review');
  const to: OrderStatus = from === 'draft' ? 'in_review' : from;
  if (from !== to) assertTransition(from, to);

  const { input, feasible } = await prepareReviewInput(db, order, lines, settings);
  const existing = await repo.findFindings(db, order.id);
  const now = nowIso();
  const rows = sortFindings(mergeFindings(order.id, runRules(input), existing, now));
  await repo.replaceFindings(db, order.id, rows);
  await repo.setLineDates(
    db,
    order.id,
    lines.map((l, i) => ({ lineNo: Number(l.line_no), feasibleDate: feasible[i]!.earliestDate })),
  );
  const counts = countOpen(rows);
  const ok = await repo.updateOrderAtVersion(db, order.id, order.version, {
    status: to,
    open_blocks: counts.openBlocks,
    open_warnings: counts.openWarnings,
    reviewed_version: order.version,
    updated_at: now,
  });
  if (!ok) throw new AppError('VERSION_CONFLICT', { current: order.version + 1, sent: order.version });
  const codes = [...new Set(rows.map((r) => r.code))];
  await writeEvents(db, ctx, order.id, [
    {
      type: eventType,
      fromStatus: from === to ? null : from,
      toStatus: from === to ? null : to,
      data: { ...counts, findings: rows.length, codes, version: order.version },
    },
  ]);
  Object.assign(order, {
    status: to,
    open_blocks: counts.openBlocks,
    open_warnings: counts.openWarnings,
    reviewed_version: order.version,
    updated_at: now,
  });
  return {
    status: to,
    findings: rows,
    ...counts,
    feasible,
    auditEntry: {
      entityType: 'order',
      entityId: order.id,
      action: eventType === 'submitted' ? 'submit' : 'review',
      before: { status: from, openBlocks: order.open_blocks, openWarnings: order.open_warnings },
      after: { status: to, ...counts, reviewedVersion: order.version, codes },
    },
  };
}

export interface ReviewResult {
  orderId: string;
  status: OrderStatus;
  version: number;
  findings: Finding[];
  openBlocks: number;
  openWarnings: number;
}

async function reviewUseCase(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  eventType: 'reviewed' | 'submitted',
  version?: number,
): Promise<ReviewResult> {
  const order = await loadOrder(db, id, { lock: true });
  if (version !== undefined) assertVersion(order.version, version);
  if (eventType === 'submitted') assertTransition(order.status as OrderStatus, 'in_review');
  const before = { status: order.status, openBlocks: order.open_blocks, openWarnings: order.open_warnings };
  const settings = await getSettings(db, fallbackTimeZone(ctx));
  const lines = await repo.findLines(db, id);
  const outcome = await runReview(db, ctx, order, lines, settings, eventType);
  await audit(db, ctx, { ...outcome.auditEntry, before });
  const lang = langOf(ctx);
  return {
    orderId: id,
    status: outcome.status,
    version: order.version,
    findings: outcome.findings.map((f) => toFinding(f, lang)),
    openBlocks: outcome.openBlocks,
    openWarnings: outcome.openWarnings,
  };
}

/** POST /orders/:id/review: runs every rule; allowed on draft and in_review (else 409). */
export function reviewOrder(db: Kysely<DB>, ctx: OrdersContext, id: string): Promise<ReviewResult> {
  return reviewUseCase(db, ctx, id, 'reviewed');
}

/** POST /orders/:id/submit: draft → in_review, running the review; checks the version. */
export function submitOrder(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  version: number,
): Promise<ReviewResult> {
  return reviewUseCase(db, ctx, id, 'submitted', version);
}
