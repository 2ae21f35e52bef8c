import { STAFF_ROLES } from '@gendan/contracts/constants';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  AgreementKind,
  CreateAgreementBody,
  CreateCustomerBody,
  CreateProductBody,
  Customer,
  Product,
  Role,
  UpdateAgreementBody,
  UpdateCustomerBody,
  UpdateProductBody,
  User,
} from '@gendan/contracts';
import { api, type QueryValue } from '../../api/client';
import { useCurrentUser } from '../../components/currentUser';
import { hasAnyRole } from '../../components/nav';

/**
 * Master-data API: customers, products and agreements (contracts, price lists, quotations),
 * each `GET list ?page&pageSize&sort&<filters>` → `{items,total}`, `POST`, `GET /:id` and
 * `PATCH /:id {version,…}` (409 on a stale version).
 */

export interface Page<T> {
  items: T[];
  total: number;
}

export type ListQuery = Record<string, QueryValue>;

export const catalogKeys = {
  all: ['catalog'] as const,
  customers: ['catalog', 'customers'] as const,
  products: ['catalog', 'products'] as const,
  agreements: (kind: AgreementKind) => ['catalog', 'agreements', kind] as const,
  staff: ['catalog', 'staff'] as const,
};

export const CUSTOMERS_API = '/api/customers';
export const PRODUCTS_API = '/api/products';

/** The endpoint of each kind of agreement. */
export const AGREEMENT_API: Record<AgreementKind, string> = {
  contract: '/api/contracts',
  price_list: '/api/price-lists',
  quotation: '/api/quotations',
};

const byId = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

function useList<T>(key: readonly unknown[], path: string, query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: ({ signal }) => api.get<Page<T>>(path, query, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useOne<T>(key: readonly unknown[], path: string, id: string | undefined) {
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) => api.get<T>(byId(path, id ?? ''), undefined, { signal }),
    enabled: id !== undefined,
  });
}

function useCreate<B, T>(key: readonly unknown[], path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<T>(path, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

function useUpdate<B, T>(key: readonly unknown[], path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => api.patch<T>(byId(path, id), body),
    // On success and on a 409 (stale version) alike, reload so the form gets the stored version.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

// Customers

export const useCustomers = (query: ListQuery, enabled = true) =>
  useList<Customer>(catalogKeys.customers, CUSTOMERS_API, query, enabled);
export const useCustomer = (id: string | undefined) =>
  useOne<Customer>(catalogKeys.customers, CUSTOMERS_API, id);
export const useCreateCustomer = () =>
  useCreate<CreateCustomerBody, Customer>(catalogKeys.customers, CUSTOMERS_API);
export const useUpdateCustomer = () =>
  useUpdate<UpdateCustomerBody, Customer>(catalogKeys.customers, CUSTOMERS_API);

// Products

export const useProducts = (query: ListQuery, enabled = true) =>
  useList<Product>(catalogKeys.products, PRODUCTS_API, query, enabled);
export const useProduct = (id: string | undefined) => useOne<Product>(catalogKeys.products, PRODUCTS_API, id);
export const useCreateProduct = () =>
  useCreate<CreateProductBody, Product>(catalogKeys.products, PRODUCTS_API);
export const useUpdateProduct = () =>
  useUpdate<UpdateProductBody, Product>(catalogKeys.products, PRODUCTS_API);

// Agreements

export const useAgreements = (kind: AgreementKind, query: ListQuery) =>
  useList<Agreement>(catalogKeys.agreements(kind), AGREEMENT_API[kind], query);
export const useAgreement = (kind: AgreementKind, id: string | undefined) =>
  useOne<Agreement>(catalogKeys.agreements(kind), AGREEMENT_API[kind], id);
export const useCreateAgreement = (kind: AgreementKind) =>
  useCreate<CreateAgreementBody, Agreement>(catalogKeys.agreements(kind), AGREEMENT_API[kind]);
export const useUpdateAgreement = (kind: AgreementKind) =>
  useUpdate<UpdateAgreementBody, Agreement>(catalogKeys.agreements(kind), AGREEMENT_API[kind]);

// Staff for the clerk and sales-rep pickers

/**
 * Active users holding `role` (every user when no role is given), for pickers and names.
 * `GET /api/users` is for staff; for portal users the query stays idle and the pickers fall back
 * to the stored id (and the current user).
 */
export function useStaff(role?: Role) {
  const me = useCurrentUser();
  return useQuery({
    queryKey: [...catalogKeys.staff, role ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<Page<User>>(
        '/api/users',
        { role, active: role ? 'true' : undefined, pageSize: 500 },
        { signal },
      ),
    staleTime: 5 * 60_000,
    retry: false,
    // Asking without the right would only earn a 403.
    enabled: canListUsers(me.roles),
  });
}

/** Roles that may list users (`GET /api/users`); admin passes every role check. */
export const USER_LIST_ROLES: readonly Role[] = STAFF_ROLES;
export const canListUsers = (roles: readonly Role[]) => hasAnyRole(roles, USER_LIST_ROLES);

/** `GET /api/customers/:id/terms?date=`: what choosing the customer fills into an order. */
export interface CustomerTerms {
  customerId: string;
  date: string;
  /** The binding agreement on `date` (contract before quotation before price list), or null. */
  agreement: Agreement | null;
  paymentTerms: string | null;
  packaging: string | null;
  acceptanceStandard: string | null;
  incoterm: string | null;
  currency: string;
  prices: {
    productId: string;
    productModel: string;
    productName: string;
    unit: string;
    minQty: number;
    unitPrice: number;
    specs: Record<string, string> | null;
    maxDiscountPct: number | null;
  }[];
}

export function useCustomerTerms(id: string | undefined, date?: string) {
  return useQuery({
    queryKey: [...catalogKeys.customers, 'terms', id, date],
    queryFn: ({ signal }) =>
      api.get<CustomerTerms>(`${byId(CUSTOMERS_API, id ?? '')}/terms`, { date }, { signal }),
    enabled: id !== undefined,
  });
}
