import type { Kysely } from 'kysely';
import type { ApproveBody, Finding, Order, OrderStatus, Role, ShippingMode } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError, assertVersion } from '../../lib/errors';
import { maxDate, nowIso, todayInZone } from '../../lib/time';
import { audit, getSettings, nextDocumentNumber } from '../platform/index';
import { earliestFeasibleDates } from '../planning/index';
import { writeEvents, type NewOrderEvent } from './orders.events';
import { toFinding, toOrder } from './orders.mapping';
import * as repo from './orders.repository';
import { countOpen, runReview } from './orders.review';
import { fallbackTimeZone, loadOrder } from './orders.service';
import { assertEditable, assertTransition, REASON_REQUIRED, REVIEWABLE_STATUSES } from './orders.status';
import {
  dateIssue,
  fieldError,
  langOf,
  referenceError,
  type FieldIssue,
  type OrdersContext,
} from './orders.validation';

/** Who may override a `block` finding (admin passes every role check). */
const OVERRIDE_ROLES: readonly Role[] = ['manager'];
const canOverrideBlocks = (roles: readonly Role[]) =>
  roles.some((r) => r === 'admin' || OVERRIDE_ROLES.includes(r));

export interface ApproverOptions {
  /** The approver's roles: overriding a block finding needs `manager` (or `admin`). */
  roles: readonly Role[];
}

export type ApproveResult = { ok: true; order: Order } | { ok: false; openBlocks: Finding[] };

function checkPromisedDates(body: ApproveBody, lineNos: ReadonlySet<number>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  (body.promisedDates ?? []).forEach((p, i) => {
    const path = `body.promisedDates[${i}]`;
    if (!lineNos.has(p.lineNo)) {
      issues.push({
        path: `${path}.lineNo`,
        reasonZh: `订单没有第 ${p.lineNo} 行`,
        reasonEn: `the order has no line ${p.lineNo}`,
      });
      return;
    }
    const bad = dateIssue(`${path}.promisedDate`, p.promisedDate);
    if (bad) issues.push(bad);
    else if (p.promisedDate < today) {
      issues.push({
        path: `${path}.promisedDate`,
        reasonZh: `承诺交期 ${p.promisedDate} 早于今天 ${today}`,
        reasonEn: `the promised date ${p.promisedDate} is before today ${today}`,
      });
    }
  });
  return issues;
}

/**
 * POST /orders/:id/approve. Re-runs the review first when it is missing or stale (same
 * transaction), applies the overrides (a `block` needs a manager; each has a reason), and
 * approves when no `block` finding stays open: order number from the settings pattern, each
 * line's promised date (the later of requested and feasible unless the body gives one), the
 * order's promised date (the latest), the clerk (order's, else customer's, else the approver).
 *
 * When blocks remain it returns `{ ok: false }` instead of throwing, having written nothing but
 * the re-run review (if any): the route commits that and answers 409 REVIEW_BLOCKED, so the
 * finding ids it lists exist for the overrides of the next attempt.
 */
export async function approveOrder(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  body: ApproveBody,
  opts: ApproverOptions,
): Promise<ApproveResult> {
  const lang = langOf(ctx);
  const order = await loadOrder(db, id, { lock: true });
  assertVersion(order.version, body.version);
  const from = order.status as OrderStatus;
  if (!REVIEWABLE_STATUSES.has(from)) assertTransition(from, 'approved');
  const settings = await getSettings(db, fallbackTimeZone(ctx));
  const today = todayInZone(settings.timeZone);
  const lines = await repo.findLines(db, id);

  const stale = from === 'draft' || order.reviewed_version !== order.version;
  const previous = stale ? await repo.findFindings(db, id) : [];
  const review = stale ? await runReview(db, ctx, order, lines, settings) : undefined;
  const findings = review ? review.findings : await repo.findFindings(db, id);

  // Overrides: every id must be a finding of this order (one that a re-run just resolved is
  // ignored); overriding a block needs a manager.
  const byId = new Map(findings.map((f) => [f.id, f]));
  const previousIds = new Set(previous.map((f) => f.id));
  const overrides = body.overrides ?? [];
  const unknown = overrides
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => !byId.has(o.findingId) && !previousIds.has(o.findingId));
  if (unknown.length > 0) {
    throw referenceError(
      unknown.map(({ o, i }) => ({
        path: `body.overrides[${i}].findingId`,
        entity: 'finding',
        value: o.findingId,
      })),
      lang,
    );
  }
  const toOverride = overrides.filter((o) => byId.get(o.findingId)?.status === 'open');
  if (toOverride.some((o) => byId.get(o.findingId)?.severity === 'block') && !canOverrideBlocks(opts.roles)) {
    throw new AppError('OVERRIDE_NOT_ALLOWED');
  }
  const issues = checkPromisedDates(body, new Set(lines.map((l) => Number(l.line_no))), today);
  if (issues.length > 0) throw fieldError(issues, lang);

  const now = nowIso();
  const actorId = ctx.actor?.id ?? null;
  const overridden = new Map(toOverride.map((o) => [o.findingId, o.reason]));
  for (const f of findings) {
    const reason = overridden.get(f.id);
    if (reason === undefined) continue;
    Object.assign(f, {
      status: 'overridden',
      override_reason: reason,
      overridden_by: actorId,
      overridden_at: now,
    });
  }
  const counts = countOpen(findings);
  if (counts.openBlocks > 0) {
    if (review) await audit(db, ctx, review.auditEntry);
    return {
      ok: false,
      openBlocks: findings
        .filter((f) => f.severity === 'block' && f.status === 'open')
        .map((f) => toFinding(f, lang)),
    };
  }
  assertTransition(order.status as OrderStatus, 'approved');

  const feasible =
    review?.feasible ??
    (await earliestFeasibleDates(db, {
      lines: lines.map((l) => ({ productId: l.product_id, qty: Number(l.qty) })),
      shippingMode: order.shipping_mode as ShippingMode | null,
      today,
      policy: settings.policy,
    }));
  const given = new Map((body.promisedDates ?? []).map((p) => [p.lineNo, p.promisedDate]));
  const dates = lines.map((l, i) => {
    const feasibleDate = feasible[i]!.earliestDate;
    const promisedDate = given.get(Number(l.line_no)) ?? maxDate(l.requested_date, feasibleDate);
    Object.assign(l, { feasible_date: feasibleDate, promised_date: promisedDate });
    return { lineNo: Number(l.line_no), feasibleDate, promisedDate };
  });
  const promisedDate = dates.reduce((m, d) => maxDate(m, d.promisedDate), dates[0]?.promisedDate ?? today);
  const number =
    order.number ??
    (await nextDocumentNumber(
      db,
      'sales_order',
      settings.numbering.sales_order ?? 'SO{yyyy}{MM}-{seq:5}',
      settings.timeZone,
    ));

  await repo.setLineDates(db, id, dates);
  if (toOverride.length > 0)
    await repo.overrideFindings(
      db,
      id,
      toOverride.map((o) => ({ id: o.findingId, reason: o.reason })),
      actorId,
      now,
    );
  const clerkId = order.clerk_id ?? order.customer_clerk_id ?? actorId;
  const patch = {
    status: 'approved',
    number,
    promised_date: promisedDate,
    clerk_id: clerkId,
    approved_by: actorId,
    approved_at: now,
    status_reason: null,
    open_blocks: counts.openBlocks,
    open_warnings: counts.openWarnings,
    version: order.version + 1,
    updated_at: now,
  };
  if (!(await repo.updateOrderAtVersion(db, id, order.version, patch))) {
    throw new AppError('VERSION_CONFLICT', { current: order.version + 1, sent: order.version });
  }
  const events: NewOrderEvent[] = toOverride.map((o) => {
    const f = byId.get(o.findingId)!;
    return {
      type: 'finding_overridden',
      data: { findingId: f.id, code: f.code, severity: f.severity, lineNo: f.line_no, reason: o.reason },
    };
  });
  events.push({
    type: 'approved',
    fromStatus: 'in_review',
    toStatus: 'approved',
    data: { number, promisedDate, clerkId },
  });
  await writeEvents(db, ctx, id, events);
  await audit(db, ctx, {
    entityType: 'order',
    entityId: id,
    action: 'approve',
    before: {
      status: from,
      number: order.number,
      clerkId: order.clerk_id,
      version: order.version,
      ...(review ? { review: review.auditEntry.before } : {}),
    },
    after: {
      status: 'approved',
      number,
      promisedDate,
      clerkId,
      version: order.version + 1,
      overrides: toOverride,
      ...(review ? { review: review.auditEntry.after } : {}),
    },
  });
  Object.assign(order, patch);
  return { ok: true, order: toOrder(order, lines, findings, lang) };
}

/** A decision that moves the status with a reason (reject, cancel) or without (reopen). */
async function decide(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  version: number,
  to: OrderStatus,
  action: 'reject' | 'cancel' | 'reopen',
  reason: string | null,
): Promise<Order> {
  const order = await loadOrder(db, id, { lock: true });
  assertVersion(order.version, version);
  const from = order.status as OrderStatus;
  assertTransition(from, to);
  if (REASON_REQUIRED.has(to) && !reason?.trim()) {
    throw fieldError(
      [{ path: 'body.reason', reasonZh: '必须填写原因', reasonEn: 'a reason is required' }],
      langOf(ctx),
    );
  }
  const now = nowIso();
  const patch = { status: to, status_reason: reason, version: order.version + 1, updated_at: now };
  if (!(await repo.updateOrderAtVersion(db, id, order.version, patch))) {
    throw new AppError('VERSION_CONFLICT', { current: order.version + 1, sent: order.version });
  }
  const type = { reject: 'rejected', cancel: 'cancelled', reopen: 'reopened' }[action];
  await writeEvents(db, ctx, id, [
    { type, fromStatus: from, toStatus: to, data: reason === null ? undefined : { reason } },
  ]);
  await audit(db, ctx, {
    entityType: 'order',
    entityId: id,
    action,
    before: { status: from, statusReason: order.status_reason, version: order.version },
    after: { status: to, statusReason: reason, version: order.version + 1 },
  });
  Object.assign(order, patch);
  const [lines, findings] = [await repo.findLines(db, id), await repo.findFindings(db, id)];
  return toOrder(order, lines, findings, langOf(ctx));
}

/** POST /orders/:id/reject: in_review → rejected, with a reason. */
export function rejectOrder(db: Kysely<DB>, ctx: OrdersContext, id: string, version: number, reason: string) {
  return decide(db, ctx, id, version, 'rejected', 'reject', reason);
}

/** POST /orders/:id/cancel: draft, in_review, rejected or approved → cancelled, with a reason. */
export function cancelOrder(db: Kysely<DB>, ctx: OrdersContext, id: string, version: number, reason: string) {
  return decide(db, ctx, id, version, 'cancelled', 'cancel', reason);
}

/** POST /orders/:id/reopen: rejected → draft, to fix and submit again. */
export function reopenOrder(db: Kysely<DB>, ctx: OrdersContext, id: string, version: number) {
  return decide(db, ctx, id, version, 'draft', 'reopen', null);
}

/**
 * POST /orders/:id/findings/:findingId/override: overrides one finding with a reason before
 * approval (a `block` needs a manager). The counts on the order follow; the version does not move.
 */
export async function overrideFinding(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  findingId: string,
  reason: string,
  opts: ApproverOptions,
): Promise<Finding> {
  const order = await loadOrder(db, id, { lock: true });
  if (!REVIEWABLE_STATUSES.has(order.status as OrderStatus)) {
    assertEditable(order.status as OrderStatus);
  }
  const findings = await repo.findFindings(db, id);
  const finding = findings.find((f) => f.id === findingId);
  if (!finding) throw new AppError('NOT_FOUND', { entity: 'finding' });
  if (finding.status === 'open') {
    if (finding.severity === 'block' && !canOverrideBlocks(opts.roles))
      throw new AppError('OVERRIDE_NOT_ALLOWED');
    const now = nowIso();
    const actorId = ctx.actor?.id ?? null;
    await repo.overrideFindings(db, id, [{ id: findingId, reason }], actorId, now);
    Object.assign(finding, {
      status: 'overridden',
      override_reason: reason,
      overridden_by: actorId,
      overridden_at: now,
    });
    const counts = countOpen(findings);
    await repo.updateOrderAtVersion(db, id, order.version, {
      open_blocks: counts.openBlocks,
      open_warnings: counts.openWarnings,
      updated_at: now,
    });
    await writeEvents(db, ctx, id, [
      {
        type: 'finding_overridden',
        data: { findingId, code: finding.code, severity: finding.severity, lineNo: finding.line_no, reason },
      },
    ]);
    await audit(db, ctx, {
      entityType: 'order',
      entityId: id,
      action: 'override',
      before: { findingId, status: 'open', openBlocks: order.open_blocks, openWarnings: order.open_warnings },
      after: { findingId, status: 'overridden', reason, ...counts },
    });
  }
  return toFinding(finding, langOf(ctx));
}
