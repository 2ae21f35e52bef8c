import type { Agreement } from '@gendan/contracts';

/**
 * The agreement status machine, as data. A draft becomes active (or is dropped as expired); an
 * active agreement expires; an expired one may be renewed (active again, usually with a new
 * valid-to). An agreement never goes back to draft: orders were reviewed against it.
 */
export type AgreementStatus = Agreement['status'];

export const AGREEMENT_TRANSITIONS: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  draft: ['active', 'expired'],
  active: ['expired'],
  expired: ['active'],
};

/** Whether `from` may become `to` (staying the same is not a change and always allowed). */
export function canChangeStatus(from: AgreementStatus, to: AgreementStatus): boolean {
  return from === to || AGREEMENT_TRANSITIONS[from].includes(to);
}
