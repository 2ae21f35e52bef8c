import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createCustomerBodySchema,
  createProductBodySchema,
  customerSchema,
  idParamsSchema,
  listCustomersQuerySchema,
  listProductsQuerySchema,
  pageOf,
  productSchema,
  updateCustomerBodySchema,
  updateProductBodySchema,
} from '@gendan/contracts';
import { isBusinessDate, todayInZone } from '../../lib/time';
import { assertCustomerScope, isCustomerUser, requireUser } from '../identity/index';
import { getSettings } from '../platform/index';
import {
  catalogContext,
  CUSTOMER_WRITE_ROLES,
  PRODUCT_WRITE_ROLES,
  registerCatalogAccess,
  STAFF_ROLES,
} from './catalog.access';
import { agreementRoutes } from './catalog.agreements-routes';
import * as customers from './catalog.customers-service';
import * as products from './catalog.products-service';
import { CUSTOMER_SORTS, PRODUCT_SORTS } from './catalog.repository';
import { customerTermsSchema, termsQuerySchema } from './catalog.route-schemas';
import { sheetRoutes } from './catalog.sheet-routes';
import { getCustomerTerms } from './catalog.terms-service';
import { fieldError, parseBoolFilter, parseSort } from './catalog.validation';

/** Query filters shared by the customer list and its export. */
export function customerFilter(q: {
  q?: string | undefined;
  active?: 'true' | 'false' | undefined;
  clerkId?: string | undefined;
}) {
  return { q: q.q, active: parseBoolFilter(q.active), clerkId: q.clerkId };
}

/**
 * Master data under /api: customers (with their order terms) and products here, agreements in
 * catalog.agreements-routes.ts, templates/imports/exports in catalog.sheet-routes.ts.
 */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  registerCatalogAccess();

  app.get(
    '/customers',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['customers'],
        querystring: listCustomersQuerySchema,
        response: { 200: pageOf(customerSchema) },
      },
    },
    async (req) =>
      customers.listCustomers(app.db, {
        filter: customerFilter(req.query),
        ...parseSort(req.query.sort, CUSTOMER_SORTS, 'code', req.lang),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  app.post(
    '/customers',
    {
      config: { access: CUSTOMER_WRITE_ROLES },
      schema: { tags: ['customers'], body: createCustomerBodySchema, response: { 201: customerSchema } },
    },
    async (req, reply) => {
      const created = await app.database.transact((trx) =>
        customers.createCustomer(trx, catalogContext(req), req.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/customers/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['customers'], params: idParamsSchema, response: { 200: customerSchema } },
    },
    async (req) => {
      const user = requireUser(req);
      assertCustomerScope(user, req.params.id, 'customer');
      const customer = await customers.getCustomerOrThrow(app.db, req.params.id);
      // Internal notes are for staff only.
      return isCustomerUser(user) ? { ...customer, notes: null } : customer;
    },
  );

  app.patch(
    '/customers/:id',
    {
      config: { access: CUSTOMER_WRITE_ROLES },
      schema: {
        tags: ['customers'],
        params: idParamsSchema,
        body: updateCustomerBodySchema,
        response: { 200: customerSchema },
      },
    },
    async (req) =>
      app.database.transact((trx) =>
        customers.updateCustomer(trx, catalogContext(req), req.params.id, req.body),
      ),
  );

  app.get(
    '/customers/:id/terms',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['customers'],
        summary:
          "The customer's order terms and prices on a date (default today): from its best active agreement",
        params: idParamsSchema,
        querystring: termsQuerySchema,
        response: { 200: customerTermsSchema },
      },
    },
    async (req) => {
      assertCustomerScope(requireUser(req), req.params.id, 'customer');
      let date = req.query.date;
      if (date === undefined) {
        date = todayInZone((await getSettings(app.db, app.config.timeZone)).timeZone);
      } else if (!isBusinessDate(date)) {
        throw fieldError(
          [
            {
              path: 'querystring.date',
              reasonZh: `${date} 不是有效日期`,
              reasonEn: `${date} is not a valid date`,
            },
          ],
          req.lang,
        );
      }
      return getCustomerTerms(app.db, req.params.id, date);
    },
  );

  app.get(
    '/products',
    {
      config: { access: STAFF_ROLES },
      schema: {
        tags: ['products'],
        querystring: listProductsQuerySchema,
        response: { 200: pageOf(productSchema) },
      },
    },
    async (req) =>
      products.listProducts(app.db, {
        filter: { q: req.query.q, active: parseBoolFilter(req.query.active), category: req.query.category },
        ...parseSort(req.query.sort, PRODUCT_SORTS, 'model', req.lang),
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  app.post(
    '/products',
    {
      config: { access: PRODUCT_WRITE_ROLES },
      schema: { tags: ['products'], body: createProductBodySchema, response: { 201: productSchema } },
    },
    async (req, reply) => {
      const created = await app.database.transact((trx) =>
        products.createProduct(trx, catalogContext(req), req.body),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/products/:id',
    {
      config: { access: STAFF_ROLES },
      schema: { tags: ['products'], params: idParamsSchema, response: { 200: productSchema } },
    },
    async (req) => products.getProductOrThrow(app.db, req.params.id),
  );

  app.patch(
    '/products/:id',
    {
      config: { access: PRODUCT_WRITE_ROLES },
      schema: {
        tags: ['products'],
        params: idParamsSchema,
        body: updateProductBodySchema,
        response: { 200: productSchema },
      },
    },
    async (req) =>
      app.database.transact((trx) =>
        products.updateProduct(trx, catalogContext(req), req.params.id, req.body),
      ),
  );

  await app.register(agreementRoutes);
  await app.register(sheetRoutes);
};
