import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { AuthUser } from '../../lib/context';
import { actionContext, hasRole, isCustomerUser } from '../identity/index';
import { registerEntityAccess, type EntityAccess } from '../platform/index';
import { findAgreementCustomerId } from './catalog.agreements-repository';
import { customerExists, productExists } from './catalog.repository';
import type { CatalogContext } from './catalog.validation';

/**
 * Who may read and change master data. Reading is for staff (every role but `customer`); a portal
 * user sees only its own customer record (and its terms), anything else is 404.
 */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'customer');
export const CUSTOMER_WRITE_ROLES: readonly Role[] = ['manager', 'clerk', 'sales'];
export const PRODUCT_WRITE_ROLES: readonly Role[] = ['manager', 'clerk', 'production', 'purchasing'];
export const AGREEMENT_WRITE_ROLES: readonly Role[] = ['manager', 'clerk', 'sales'];

type Check = (db: Kysely<DB>, user: AuthUser, id: string) => Promise<EntityAccess | null>;

function staffAccess(user: AuthUser, writeRoles: readonly Role[]): EntityAccess {
  return hasRole(user, ...writeRoles) ? 'write' : 'read';
}

export const customerEntityAccess: Check = async (db, user, id) => {
  if (!(await customerExists(db, id))) return null;
  if (isCustomerUser(user)) return user.customerId === id ? 'read' : null;
  return staffAccess(user, CUSTOMER_WRITE_ROLES);
};

export const productEntityAccess: Check = async (db, user, id) => {
  if (isCustomerUser(user) || !(await productExists(db, id))) return null;
  return staffAccess(user, PRODUCT_WRITE_ROLES);
};

export const agreementEntityAccess: Check = async (db, user, id) => {
  const found = await findAgreementCustomerId(db, id);
  if (!found) return null;
  if (isCustomerUser(user)) {
    return user.customerId !== null && found.customerId === user.customerId ? 'read' : null;
  }
  return staffAccess(user, AGREEMENT_WRITE_ROLES);
};

/** Makes customers, products and agreements attachable in /api/documents. Idempotent. */
export function registerCatalogAccess(): void {
  registerEntityAccess('customer', customerEntityAccess);
  registerEntityAccess('product', productEntityAccess);
  registerEntityAccess('agreement', agreementEntityAccess);
}

/** The caller, for the audit row, and the language detail messages are written in. */
export function catalogContext(req: FastifyRequest): CatalogContext {
  return { ...actionContext(req), lang: req.lang };
}
