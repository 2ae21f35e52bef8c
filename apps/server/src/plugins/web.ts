import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { errorMessage } from '@gendan/contracts';

const defaultWebDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * Serves the built web app at `/` with history fallback: any GET outside /api that is not a file
 * gets index.html. Unknown /api routes get a JSON 404.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const webDir = app.config.webDir ? path.resolve(app.config.webDir) : defaultWebDir;
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      maxAge: '1h',
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api' || !['GET', 'HEAD'].includes(req.method)) {
      return reply.status(404).send({
        error: {
          code: 'ROUTE_NOT_FOUND',
          message: errorMessage('ROUTE_NOT_FOUND', req.lang, { route: `${req.method} ${url}` }),
        },
      });
    }
    if (!hasWeb) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run `npm run build`. / 前端尚未构建，请运行 npm run build。');
    }
    // A request for a missing file with an extension is a real 404, not an app route.
    if (path.extname(url) && !url.endsWith('.html')) return reply.status(404).send();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
