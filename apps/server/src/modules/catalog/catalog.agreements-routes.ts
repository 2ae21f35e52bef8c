import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agreementSchema,
  createAgreementBodySchema,
  idParamsSchema,
  listAgreementsQuerySchema,
  pageOf,
  updateAgreementBodySchema,
} from '@gendan/contracts';
import { AGREEMENT_WRITE_ROLES, catalogContext, STAFF_ROLES } from './catalog.access';
import { AGREEMENT_SORTS } from './catalog.agreements-repository';
import * as service from './catalog.agreements-service';
import { parseSort } from './catalog.validation';

/** URL segment of each agreement kind: one implementation serves all three. */
export const AGREEMENT_PATHS: readonly { path: string; kind: service.AgreementKind }[] = [
  { path: 'contracts', kind: 'contract' },
  { path: 'quotations', kind: 'quotation' },
  { path: 'price-lists', kind: 'price_list' },
];

/** `/api/contracts`, `/api/quotations`, `/api/price-lists`: create, list, read, change. */
export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const { path, kind } of AGREEMENT_PATHS) {
    const tags = [path];

    app.get(
      `/${path}`,
      {
        config: { access: STAFF_ROLES },
        schema: { tags, querystring: listAgreementsQuerySchema, response: { 200: pageOf(agreementSchema) } },
      },
      async (req) =>
        service.listAgreements(app.db, {
          filter: { kind, q: req.query.q, customerId: req.query.customerId, status: req.query.status },
          ...parseSort(req.query.sort, AGREEMENT_SORTS, 'code', req.lang),
          page: req.query.page,
          pageSize: req.query.pageSize,
        }),
    );

    app.post(
      `/${path}`,
      {
        config: { access: AGREEMENT_WRITE_ROLES },
        schema: { tags, body: createAgreementBodySchema, response: { 201: agreementSchema } },
      },
      async (req, reply) => {
        const created = await app.database.transact((trx) =>
          service.createAgreement(trx, catalogContext(req), kind, req.body),
        );
        return reply.status(201).send(created);
      },
    );

    app.get(
      `/${path}/:id`,
      {
        config: { access: STAFF_ROLES },
        schema: { tags, params: idParamsSchema, response: { 200: agreementSchema } },
      },
      async (req) => service.getAgreement(app.db, kind, req.params.id),
    );

    app.patch(
      `/${path}/:id`,
      {
        config: { access: AGREEMENT_WRITE_ROLES },
        schema: {
          tags,
          summary: 'Change an agreement; `lines`, when sent, replace all lines',
          params: idParamsSchema,
          body: updateAgreementBodySchema,
          response: { 200: agreementSchema },
        },
      },
      async (req) =>
        app.database.transact((trx) =>
          service.updateAgreement(trx, catalogContext(req), kind, req.params.id, req.body),
        ),
    );
  }
};
