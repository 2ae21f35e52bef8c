import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  auditListSchema,
  healthSchema,
  listAuditQuerySchema,
  settingsResponseSchema,
  systemInfoSchema,
  updateSettingsBodySchema,
} from '@gendan/contracts';
import { APP_VERSION } from '../../lib/version';
import { actionContext } from '../identity/index';
import { documentRoutes } from './platform.documents-routes';
import { listAppliedMigrations, listAuditRows } from './platform.repository';
import { getSettings, updateSettings } from './platform.settings';

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The health answer. A module-level function rather than a closure made per request: the server
 * runs through tsx, whose transform names every closure it creates (a defineProperty call each
 * time), which showed in the profile of this route.
 */
function sendHealth(reply: FastifyReply, ok: boolean, db: string): void {
  void reply
    .code(ok ? 200 : 503)
    .header('cache-control', 'no-store')
    .send({ status: ok ? 'ok' : 'degraded', db, version: APP_VERSION });
}

/** Platform routes, registered under /api: health, system, settings, audit and documents. */
export const platformRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      // A probe: it answers whatever credentials come with it, without looking them up.
      config: { access: 'public', identify: false },
      schema: { summary: 'Liveness and database check', response: { 200: healthSchema, 503: healthSchema } },
      // Load balancers call this many times a second. Its body is built right here from three
      // known values, so it is written as JSON directly; the schema above still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    (_req, reply) => {
      // SQLite answers synchronously, and the reply goes out without a trip through the microtask queue.
      const ok = app.database.ping();
      if (typeof ok === 'boolean') return sendHealth(reply, ok, app.database.dialect);
      return ok.then((up) => sendHealth(reply, up, app.database.dialect));
    },
  );

  app.get(
    '/system',
    { config: { access: 'authenticated' }, schema: { response: { 200: systemInfoSchema } } },
    async () => {
      const [settings, migrations, outbox] = await Promise.all([
        getSettings(app.db, app.config.timeZone),
        listAppliedMigrations(app.db),
        app.outbox.counts(),
      ]);
      return {
        version: APP_VERSION,
        db: app.database.dialect,
        dbLabel: app.database.label,
        node: process.version,
        timeZone: settings.timeZone,
        uptimeSeconds: Math.round(process.uptime()),
        migrations,
        outbox,
      };
    },
  );

  app.get(
    '/settings',
    { config: { access: 'authenticated' }, schema: { response: { 200: settingsResponseSchema } } },
    async () => getSettings(app.db, app.config.timeZone),
  );

  app.put(
    '/settings',
    {
      config: { access: ['admin'] },
      schema: { body: updateSettingsBodySchema, response: { 200: settingsResponseSchema } },
    },
    async (req) => {
      const saved = await app.database.transact((trx) =>
        updateSettings(trx, actionContext(req), app.config.timeZone, req.body),
      );
      app.settings.invalidate();
      return saved;
    },
  );

  app.get(
    '/audit',
    {
      config: { access: ['admin', 'manager'] },
      schema: { querystring: listAuditQuerySchema, response: { 200: auditListSchema } },
    },
    async (req) => {
      const { page, pageSize, entityType, entityId } = req.query;
      const { items, total } = await listAuditRows(app.db, { entityType, entityId }, page, pageSize);
      return {
        total,
        items: items.map((r) => ({
          id: r.id,
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          entityType: r.entity_type,
          entityId: r.entity_id,
          action: r.action,
          before: parseJson(r.before),
          after: parseJson(r.after),
        })),
      };
    },
  );

  await app.register(documentRoutes);
};
