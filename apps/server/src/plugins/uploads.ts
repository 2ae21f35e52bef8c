import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * Multipart parsing (`req.file()`, `req.parts()`) for the routes that take an upload. Each plugin
 * scope that holds such a route calls this; it is not registered for the whole app, because the
 * multipart plugin also adds an onRequest and an onResponse hook (cleaning disk-mode temp files,
 * which Gendan does not use) to every route of the scope it is registered in. Elsewhere a
 * multipart body gets 415 like any other content type a route does not take.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: app.config.uploadMaxBytes, files: 1, fields: 20, parts: 25 },
  });
}
