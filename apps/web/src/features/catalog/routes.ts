import type { AgreementKind } from '@gendan/contracts';

/** Paths of the master-data pages (router.tsx mounts them under /catalog). */
export const CATALOG_PATHS = {
  customers: '/catalog/customers',
  products: '/catalog/products',
} as const;

export const AGREEMENT_SEGMENT: Record<AgreementKind, string> = {
  contract: 'contracts',
  price_list: 'price-lists',
  quotation: 'quotations',
};

export const agreementListPath = (kind: AgreementKind) => `/catalog/${AGREEMENT_SEGMENT[kind]}`;
export const agreementPath = (kind: AgreementKind, id: string) =>
  `${agreementListPath(kind)}/${encodeURIComponent(id)}`;
export const customerPath = (id: string) => `${CATALOG_PATHS.customers}?open=${encodeURIComponent(id)}`;
export const productPath = (id: string) => `${CATALOG_PATHS.products}?open=${encodeURIComponent(id)}`;
