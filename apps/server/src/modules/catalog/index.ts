/**
 * Public API of the catalog module: customers, products, price lists, contracts and quotations.
 * Other modules (orders first) call these; they never write catalog tables.
 */
export { catalogRoutes } from './catalog.routes';
export { registerCatalogAccess } from './catalog.access';
export {
  getCustomer,
  findCustomerByCode,
  findCustomersByCodes,
  findCustomersByContactEmail,
  createCustomer,
  updateCustomer,
} from './catalog.customers-service';
export {
  getProductsByIds,
  findProductsByModels,
  createProduct,
  updateProduct,
} from './catalog.products-service';
export {
  findPriceAgreements,
  getAgreement,
  createAgreement,
  updateAgreement,
} from './catalog.agreements-service';
export {
  getCustomerTerms,
  getCustomersTerms,
  termsKey,
  type CustomerTerms,
  type TermsPrice,
} from './catalog.terms-service';
export { selectPrice, sortAgreements, tierFor, termsAgreement, type PriceMatch } from './catalog.pricing';
export { findImportReceipts, insertImportReceipts } from './catalog.agreements-repository';
export { findOrderReferences } from './catalog.repository';
export type { CatalogContext } from './catalog.validation';
