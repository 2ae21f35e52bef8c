import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  ApproveBody,
  CreateOrderBody,
  Customer,
  DocumentInfo,
  Finding,
  Order,
  OrderStatus,
  OrderSummary,
  Product,
  UpdateOrderBody,
  orderEventSchema,
} from '@gendan/contracts';
import { api, type QueryValue } from '../../api/client';
import type { TermsPrice } from './pricing';

export interface Page<T> {
  items: T[];
  total: number;
}

export type OrderEvent = ReturnType<typeof orderEventSchema.parse>;

/** `GET /api/orders` filters; the same ones drive the xlsx export. */
export interface OrderListParams {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  status?: OrderStatus;
  customerId?: string;
  clerkId?: string;
  from?: string;
  to?: string;
  hasFindings?: 'true' | 'false';
  channel?: string;
}

/** `GET /api/customers/:id/terms`: the terms and prices of the customer's best active agreement on a date. */
export interface CustomerTerms {
  customerId: string;
  date: string;
  agreement: Agreement | null;
  paymentTerms: string | null;
  packaging: string | null;
  acceptanceStandard: string | null;
  incoterm: string | null;
  currency: string;
  prices: TermsPrice[];
}

export interface ReviewResult {
  findings: Finding[];
  openBlocks: number;
  openWarnings: number;
  version: number;
  status: OrderStatus;
}

export type OrderAction = 'submit' | 'review' | 'approve' | 'reject' | 'cancel' | 'reopen';

export const orderKeys = {
  all: ['orders'] as const,
  list: (params: OrderListParams) => ['orders', 'list', params] as const,
  queue: ['orders', 'queue'] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  timeline: (id: string) => ['orders', 'timeline', id] as const,
  documents: (id: string) => ['orders', 'documents', id] as const,
  terms: (customerId: string, date: string | undefined) =>
    ['orders', 'terms', customerId, date ?? ''] as const,
  customers: (q: string) => ['orders', 'customer-options', q] as const,
  products: (q: string) => ['orders', 'product-options', q] as const,
};

const orderPath = (id: string) => `/api/orders/${encodeURIComponent(id)}`;

function listQuery(params: Omit<OrderListParams, 'page' | 'pageSize'> & Partial<OrderListParams>) {
  return { ...params } as Record<string, QueryValue>;
}

export function useOrders(params: OrderListParams) {
  return useQuery({
    queryKey: orderKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<OrderSummary>>('/api/orders', listQuery(params), { signal }),
    placeholderData: keepPreviousData,
  });
}

/** The export URL for the current filters (the browser downloads it with the session cookie). */
export function exportQuery(params: OrderListParams): Record<string, QueryValue> {
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  return listQuery(filters);
}

const QUEUE_PAGE = 200;

/**
 * The review queue: orders in review plus drafts that already have findings, oldest first.
 * Two list calls merged on the client (the queue is short by nature; each call is capped).
 */
export function useReviewQueue() {
  return useQuery({
    queryKey: orderKeys.queue,
    queryFn: async ({ signal }) => {
      const [inReview, drafts] = await Promise.all([
        api.get<Page<OrderSummary>>(
          '/api/orders',
          { status: 'in_review', sort: 'createdAt', pageSize: QUEUE_PAGE },
          { signal },
        ),
        api.get<Page<OrderSummary>>(
          '/api/orders',
          { status: 'draft', hasFindings: 'true', sort: 'createdAt', pageSize: QUEUE_PAGE },
          { signal },
        ),
      ]);
      const items = [...inReview.items, ...drafts.items].sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      );
      return {
        items,
        total: inReview.total + drafts.total,
        truncated: inReview.total + drafts.total > items.length,
      };
    },
    refetchInterval: 60_000,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }) => api.get<Order>(orderPath(id), undefined, { signal }),
  });
}

export function useOrderTimeline(id: string) {
  return useQuery({
    queryKey: orderKeys.timeline(id),
    queryFn: ({ signal }) =>
      api.get<{ items: OrderEvent[] }>(`${orderPath(id)}/timeline`, undefined, { signal }),
  });
}

export function useOrderDocuments(id: string) {
  return useQuery({
    queryKey: orderKeys.documents(id),
    queryFn: ({ signal }) =>
      api.get<Page<DocumentInfo>>('/api/documents', { entityType: 'order', entityId: id }, { signal }),
  });
}

export const documentContentUrl = (id: string) => `/api/documents/${encodeURIComponent(id)}/content`;

export function useCustomerTerms(customerId: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: orderKeys.terms(customerId ?? '', date),
    queryFn: ({ signal }) =>
      api.get<CustomerTerms>(
        `/api/customers/${encodeURIComponent(customerId ?? '')}/terms`,
        { date },
        { signal },
      ),
    enabled: Boolean(customerId),
    staleTime: 5 * 60_000,
  });
}

const OPTION_PAGE = 20;

export function useCustomerOptions(q: string) {
  return useQuery({
    queryKey: orderKeys.customers(q),
    queryFn: ({ signal }) =>
      api.get<Page<Customer>>('/api/customers', { q, pageSize: OPTION_PAGE, active: 'true' }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useProductOptions(q: string) {
  return useQuery({
    queryKey: orderKeys.products(q),
    queryFn: ({ signal }) =>
      api.get<Page<Product>>('/api/products', { q, pageSize: OPTION_PAGE, active: 'true' }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** After any change to an order: its detail, timeline and every list. */
function useInvalidateOrder() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(id) });
    void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
    void queryClient.invalidateQueries({ queryKey: orderKeys.queue });
  };
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrderBody) =>
      api.post<{ id: string; status: OrderStatus; version: number }>('/api/orders', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

export function useUpdateOrder() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrderBody }) =>
      api.patch<Order>(orderPath(id), body),
    // On a 409 too: reload, so the next attempt starts from the stored version.
    onSettled: (_data, _error, { id }) => {
      invalidate(id);
    },
  });
}

export type ActionBody = { version: number } | { version: number; reason: string } | ApproveBody;

/** Runs a status action. The caller decides whether errors toast (`meta`). */
export function useOrderAction(action: OrderAction, options: { silentError?: boolean } = {}) {
  const invalidate = useInvalidateOrder();
  return useMutation({
    // `review` takes no body; every other action sends at least the version.
    mutationFn: ({ id, body }: { id: string; body?: ActionBody }) =>
      api.post<unknown>(`${orderPath(id)}/${action}`, body),
    onSettled: (_data, _error, { id }) => {
      invalidate(id);
    },
    meta: { silentError: options.silentError },
  });
}

/** Re-review after a fix: PATCH then review, as one mutation. */
export function useFixAndReview() {
  const invalidate = useInvalidateOrder();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: UpdateOrderBody }) => {
      await api.patch<Order>(orderPath(id), body);
      return api.post<ReviewResult>(`${orderPath(id)}/review`);
    },
    onSettled: (_data, _error, { id }) => {
      invalidate(id);
    },
  });
}

export function useInvalidateDocuments() {
  const queryClient = useQueryClient();
  return (id: string) => {
    void queryClient.invalidateQueries({ queryKey: orderKeys.documents(id) });
    void queryClient.invalidateQueries({ queryKey: orderKeys.timeline(id) });
  };
}

export function useInvalidateOrders() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: orderKeys.all });
}

export function useCustomerLabel(id: string | undefined) {
  return useQuery({
    queryKey: ['orders', 'customer', id ?? ''],
    queryFn: ({ signal }) =>
      api.get<Customer>(`/api/customers/${encodeURIComponent(id ?? '')}`, undefined, { signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
    select: (c) => ({ value: c.id, label: `${c.code} · ${c.name}` }),
  });
}

/** Clerks for the list filter (listing users needs the manager role). */
export function useClerkOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['orders', 'clerks'],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: string; username: string; displayName: string }>>(
        '/api/users',
        { role: 'clerk', pageSize: 500, active: 'true' },
        { signal },
      ),
    enabled,
    staleTime: 5 * 60_000,
    select: (page) => page.items.map((u) => ({ value: u.id, label: u.displayName || u.username })),
  });
}
