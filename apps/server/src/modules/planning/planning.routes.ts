import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ctpRequestSchema, ctpResponseSchema, ROLES, type Role } from '@gendan/contracts';
import { capableToPromise } from './planning.service';

/** Every staff role (not portal customers) may ask for a delivery date. */
const STAFF: Role[] = ROLES.filter((r) => r !== 'customer');

/** Planning routes, registered under /api. */
export const planningRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ctp',
    {
      config: { access: STAFF },
      schema: {
        tags: ['planning'],
        summary: 'Earliest feasible delivery date (capable-to-promise)',
        body: ctpRequestSchema,
        response: { 200: ctpResponseSchema },
      },
    },
    async (req) => capableToPromise(app.db, app.config.timeZone, req.lang, req.body),
  );
};
