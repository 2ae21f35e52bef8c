import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '@gendan/contracts/constants';
import {
  apiTokenSchema,
  changePasswordBodySchema,
  createdTokenSchema,
  createTokenBodySchema,
  createUserBodySchema,
  idParamsSchema,
  listUsersQuerySchema,
  loginBodySchema,
  meSchema,
  okSchema,
  pageOf,
  updateMeBodySchema,
  updateUserBodySchema,
  userSchema,
} from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import { actionContext, assertCustomerScope, isCustomerUser, requireUser } from './identity.access';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './identity.cookies';
import * as service from './identity.service';
import { USER_SORTS } from './identity.repository';

function parseSort(sort: string | undefined): { sort: keyof typeof USER_SORTS; desc: boolean } {
  if (!sort) return { sort: 'username', desc: false };
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  if (!Object.hasOwn(USER_SORTS, key)) {
    throw new AppError('BAD_REQUEST', { reason: `sort: ${Object.keys(USER_SORTS).join(', ')}` });
  }
  return { sort: key as keyof typeof USER_SORTS, desc };
}

export const identityRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Every change to users, sessions or tokens goes through these routes: credentials cached by
  // this process are looked up again after any of them (see AuthCache).
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') app.authCache.clear();
    done(null, payload);
  });

  app.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], body: loginBodySchema, response: { 200: meSchema } },
    },
    async (req, reply) => {
      // Not one transaction: a failed attempt must stay recorded for the rate limit.
      const result = await service.login(app.db, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        idleMinutes: app.config.sessionIdleMinutes,
        requestId: req.id,
      });
      // Any session the browser held before is replaced: a new id is issued at every login.
      const previous = sessionTokenOf(req);
      if (previous) await service.logoutByToken(app.db, previous);
      setSessionCookie(req, reply, result.sessionToken, app.config.sessionIdleMinutes);
      return { ...result.user, authMethod: 'session' as const };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'public' }, schema: { tags: ['auth'], response: { 200: okSchema } } },
    async (req, reply) => {
      const sessionId = req.user?.sessionId;
      if (sessionId) {
        await app.database.transact((trx) => service.logout(trx, actionContext(req), sessionId));
      }
      clearSessionCookie(req, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    { config: { access: 'authenticated' }, schema: { tags: ['auth'], response: { 200: meSchema } } },
    async (req) => {
      const user = requireUser(req);
      return { ...(await service.getUser(app.db, user.id)), authMethod: user.authMethod };
    },
  );

  app.patch(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: updateMeBodySchema, response: { 200: meSchema } },
    },
    async (req) => {
      const user = requireUser(req);
      const updated = await app.database.transact((trx) =>
        service.updateMe(trx, actionContext(req), user.id, req.body),
      );
      return { ...updated, authMethod: user.authMethod };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], body: changePasswordBodySchema, response: { 200: okSchema } },
    },
    async (req) => {
      const user = requireUser(req);
      await app.database.transact((trx) =>
        service.changePassword(
          trx,
          actionContext(req),
          user.id,
          req.body.currentPassword,
          req.body.newPassword,
          user.sessionId,
        ),
      );
      return { ok: true as const };
    },
  );

  app.get(
    '/users',
    {
      // Any staff member may look colleagues up (to assign a clerk or a sales rep); not portal users.
      config: { access: STAFF_ROLES },
      schema: { tags: ['users'], querystring: listUsersQuerySchema, response: { 200: pageOf(userSchema) } },
    },
    async (req) => {
      const q = req.query;
      return service.listUsers(app.db, {
        q: q.q,
        role: q.role,
        active: q.active === undefined ? undefined : q.active === 'true',
        ...parseSort(q.sort),
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['users'], params: idParamsSchema, response: { 200: userSchema } },
    },
    async (req) => {
      const me = requireUser(req);
      const user = await service.getUser(app.db, req.params.id);
      // Staff may look up colleagues (to assign work); portal users only their own company.
      if (isCustomerUser(me)) assertCustomerScope(me, user.customerId, 'user');
      return user;
    },
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], body: createUserBodySchema, response: { 201: userSchema } },
    },
    async (req, reply) => {
      const user = await app.database.transact((trx) =>
        service.createUser(trx, actionContext(req), req.body),
      );
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (req) =>
      app.database.transact((trx) => service.updateUser(trx, actionContext(req), req.params.id, req.body)),
  );

  app.get(
    '/tokens',
    {
      config: { access: ['admin'] },
      schema: { tags: ['tokens'], response: { 200: z.array(apiTokenSchema) } },
    },
    async () => service.listTokens(app.db),
  );

  app.post(
    '/tokens',
    {
      config: { access: ['admin'] },
      schema: { tags: ['tokens'], body: createTokenBodySchema, response: { 201: createdTokenSchema } },
    },
    async (req, reply) => {
      const token = await app.database.transact((trx) =>
        service.createToken(trx, actionContext(req), req.body),
      );
      return reply.status(201).send(token);
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: ['admin'] },
      schema: { tags: ['tokens'], params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      await app.database.transact((trx) => service.revokeToken(trx, actionContext(req), req.params.id));
      return { ok: true as const };
    },
  );
};
