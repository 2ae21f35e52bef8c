import type { Role } from '@gendan/contracts';

/**
 * Who may change master data: the same lists as the server's catalog.access.ts (admin passes
 * every role check there too). Reading is for every staff role. The UI hides what the server
 * would refuse; the server checks again on every call.
 */
export const CUSTOMER_WRITE_ROLES: readonly Role[] = ['admin', 'manager', 'clerk', 'sales'];
export const PRODUCT_WRITE_ROLES: readonly Role[] = ['admin', 'manager', 'clerk', 'production', 'purchasing'];
export const AGREEMENT_WRITE_ROLES: readonly Role[] = ['admin', 'manager', 'clerk', 'sales'];
