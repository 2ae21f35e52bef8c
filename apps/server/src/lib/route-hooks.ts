import type { RouteOptions } from 'fastify';

type HookName = 'onRequest' | 'preValidation' | 'preHandler' | 'onSend';

/**
 * Adds a hook to one route from an `onRoute` listener, after the route's own hooks. Hooks that
 * only some routes need (an access check, the CSRF check, idempotency) are attached this way, so
 * that every other request — health probes, static files — does not pay for them.
 */
export function appendRouteHook(route: RouteOptions, name: HookName, hook: unknown): void {
  const existing: unknown = route[name];
  const list: unknown[] =
    existing === undefined ? [] : Array.isArray(existing) ? (existing as unknown[]) : [existing];
  (route as unknown as Record<HookName, unknown[]>)[name] = [...list, hook];
}

/** The HTTP methods of a route, as a list. */
export function routeMethods(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}
