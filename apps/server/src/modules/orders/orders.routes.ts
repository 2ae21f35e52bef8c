import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  approveBodySchema,
  createOrderBodySchema,
  findingSchema,
  idParamsSchema,
  idSchema,
  listOrdersQuerySchema,
  orderSchema,
  orderSummarySchema,
  pageOf,
  reasonBodySchema,
  reviewResultSchema,
  timelineSchema,
  updateOrderBodySchema,
  versionBodySchema,
  type OrderChannel,
} from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import { attachmentHeader, XLSX_MIME } from '../../lib/xlsx';
import { actionContext, assertCustomerScope, isCustomerUser, requireUser } from '../identity/index';
import { registerEntityAccess } from '../platform/index';
import { ORDER_ACCESS, orderEntityAccess, portalOrder, portalSummary } from './orders.access';
import { approveOrder, cancelOrder, overrideFinding, rejectOrder, reopenOrder } from './orders.approval';
import { exportOrders, listOrders } from './orders.list';
import { intakeRoutes } from './orders.intake-routes';
import { findOrderCustomerId } from './orders.repository';
import { reviewOrder, submitOrder } from './orders.review';
import { createOrder, getOrder, getTimeline, updateOrder } from './orders.service';
import { referenceError, type OrdersContext } from './orders.validation';

const createdSchema = orderSummarySchema.pick({ id: true, status: true, version: true });
const overrideParamsSchema = z.strictObject({ id: idSchema, findingId: idSchema });
const overrideBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });
const exportQuerySchema = listOrdersQuerySchema.omit({ page: true, pageSize: true });

/** Orders routes, registered under /api. */
export const orderRoutes: FastifyPluginAsyncZod = async (app) => {
  registerEntityAccess('order', orderEntityAccess);
  // Import (xlsx/csv) and e-mail intake: orders.intake-routes.ts.
  await app.register(intakeRoutes);

  const ctxOf = (req: FastifyRequest): OrdersContext => ({
    ...actionContext(req),
    lang: req.lang,
    timeZone: app.config.timeZone,
  });

  /** 404 for an unknown order; a portal user sees its own company's orders only (404 otherwise). */
  async function assertCanRead(req: FastifyRequest, id: string): Promise<void> {
    const user = requireUser(req);
    const customerId = await findOrderCustomerId(app.db, id);
    if (customerId === undefined) throw new AppError('NOT_FOUND', { entity: 'order' });
    assertCustomerScope(user, customerId, 'order');
  }

  const listFilter = (req: FastifyRequest, q: z.infer<typeof exportQuerySchema>) => {
    const user = requireUser(req);
    const customer = isCustomerUser(user);
    return {
      ...q,
      customerId: customer ? (user.customerId ?? '-') : q.customerId,
      // Findings are internal: a portal customer cannot pick out the orders that have them.
      hasFindings: customer || q.hasFindings === undefined ? undefined : q.hasFindings === 'true',
    };
  };

  app.post(
    '/orders',
    {
      config: { access: [...ORDER_ACCESS.create] },
      schema: {
        tags: ['orders'],
        summary: 'Create a draft order (form, API or portal)',
        body: createOrderBodySchema,
        response: { 201: createdSchema },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      // Settings from the app's cache, read outside the unit of work (SQLite's one connection is
      // the unit's while it runs).
      const ctx = { ...ctxOf(req), settings: await app.settings.get(app.db) };
      let body = req.body;
      let channel: OrderChannel = user.authMethod === 'token' ? 'api' : 'form';
      if (isCustomerUser(user)) {
        // A portal user orders for its own company only; another id looks like an unknown one.
        if (body.customerId !== user.customerId) {
          throw referenceError(
            [{ path: 'body.customerId', entity: 'customer', value: body.customerId }],
            req.lang,
          );
        }
        channel = 'portal';
        body = { ...body, clerkId: null };
      }
      // Reads, then one INSERT statement (db/inserts.ts): no BEGIN/COMMIT needed on PostgreSQL.
      const created = await app.database.singleWrite((db) =>
        createOrder(db, ctx, body, { channel, createdBy: user.id }),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/orders',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orders'],
        querystring: listOrdersQuerySchema,
        response: { 200: pageOf(orderSummarySchema) },
      },
    },
    async (req) => {
      const page = await listOrders(
        app.db,
        listFilter(req, req.query) as Parameters<typeof listOrders>[1],
        req.lang,
      );
      return isCustomerUser(requireUser(req)) ? { ...page, items: page.items.map(portalSummary) } : page;
    },
  );

  app.get(
    '/orders/export',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['orders'],
        summary: 'The filtered order list as xlsx',
        querystring: exportQuerySchema,
      },
    },
    async (req, reply) => {
      const buffer = await exportOrders(app.db, listFilter(req, req.query), req.lang, {
        customerView: isCustomerUser(requireUser(req)),
      });
      const name = req.lang === 'en' ? 'orders.xlsx' : '订单.xlsx';
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(name))
        .send(buffer);
    },
  );

  app.get(
    '/orders/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['orders'], params: idParamsSchema, response: { 200: orderSchema } },
    },
    async (req) => {
      await assertCanRead(req, req.params.id);
      const order = await getOrder(app.db, req.params.id, req.lang);
      // The review is internal: a portal customer sees the order, not the clerk's checks.
      return isCustomerUser(requireUser(req)) ? portalOrder(order) : order;
    },
  );

  app.get(
    '/orders/:id/timeline',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['orders'], params: idParamsSchema, response: { 200: timelineSchema } },
    },
    async (req) => {
      await assertCanRead(req, req.params.id);
      const customerView = isCustomerUser(requireUser(req));
      return getTimeline(app.db, req.params.id, { customerView });
    },
  );

  app.patch(
    '/orders/:id',
    {
      config: { access: [...ORDER_ACCESS.edit] },
      schema: {
        tags: ['orders'],
        params: idParamsSchema,
        body: updateOrderBodySchema,
        response: { 200: orderSchema },
      },
    },
    async (req) => app.database.transact((trx) => updateOrder(trx, ctxOf(req), req.params.id, req.body)),
  );

  app.post(
    '/orders/:id/submit',
    {
      config: { access: [...ORDER_ACCESS.edit] },
      schema: {
        tags: ['orders'],
        params: idParamsSchema,
        body: versionBodySchema,
        response: { 200: reviewResultSchema },
      },
    },
    async (req) =>
      app.database.transact((trx) => submitOrder(trx, ctxOf(req), req.params.id, req.body.version)),
  );

  app.post(
    '/orders/:id/review',
    {
      config: { access: [...ORDER_ACCESS.edit] },
      schema: {
        tags: ['orders'],
        summary: 'Run every review rule',
        params: idParamsSchema,
        response: { 200: reviewResultSchema },
      },
    },
    async (req) => app.database.transact((trx) => reviewOrder(trx, ctxOf(req), req.params.id)),
  );

  app.post(
    '/orders/:id/approve',
    {
      config: { access: [...ORDER_ACCESS.decide] },
      schema: {
        tags: ['orders'],
        params: idParamsSchema,
        body: approveBodySchema,
        response: { 200: orderSchema },
      },
    },
    async (req) => {
      const roles = requireUser(req).roles;
      const result = await app.database.transact((trx) =>
        approveOrder(trx, ctxOf(req), req.params.id, req.body, { roles }),
      );
      // Thrown after the commit: a review re-run by this request stays, with the ids listed here.
      if (!result.ok) {
        throw new AppError(
          'REVIEW_BLOCKED',
          { count: result.openBlocks.length },
          { findings: result.openBlocks },
        );
      }
      return result.order;
    },
  );

  app.post(
    '/orders/:id/findings/:findingId/override',
    {
      config: { access: [...ORDER_ACCESS.decide] },
      schema: {
        tags: ['orders'],
        summary: 'Override one finding with a reason (a block needs a manager)',
        params: overrideParamsSchema,
        body: overrideBodySchema,
        response: { 200: findingSchema },
      },
    },
    async (req) => {
      const roles = requireUser(req).roles;
      return app.database.transact((trx) =>
        overrideFinding(trx, ctxOf(req), req.params.id, req.params.findingId, req.body.reason, { roles }),
      );
    },
  );

  for (const [path, run, access] of [
    ['reject', rejectOrder, ORDER_ACCESS.decide],
    ['cancel', cancelOrder, ORDER_ACCESS.decide],
  ] as const) {
    app.post(
      `/orders/:id/${path}`,
      {
        config: { access: [...access] },
        schema: {
          tags: ['orders'],
          params: idParamsSchema,
          body: reasonBodySchema,
          response: { 200: orderSchema },
        },
      },
      async (req) =>
        app.database.transact((trx) =>
          run(trx, ctxOf(req), req.params.id, req.body.version, req.body.reason),
        ),
    );
  }

  app.post(
    '/orders/:id/reopen',
    {
      config: { access: [...ORDER_ACCESS.edit] },
      schema: {
        tags: ['orders'],
        params: idParamsSchema,
        body: versionBodySchema,
        response: { 200: orderSchema },
      },
    },
    async (req) =>
      app.database.transact((trx) => reopenOrder(trx, ctxOf(req), req.params.id, req.body.version)),
  );
};
