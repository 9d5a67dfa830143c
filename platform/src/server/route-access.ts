import { forbidden, type Principal } from '@formloom/model';
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { FormloomApp, RouteAccess } from './types.js';

/**
 * Deny by default. Every route under /api must say who may call it in `config.access`
 * (see types.ts); the server refuses to start otherwise. At request time the hook
 * authenticates every non-public route (401) and checks its permission (403) before the body
 * is even parsed. Resource-level checks (app membership, form permission groups) stay in the
 * handlers; this is only the first gate.
 */

/** Finds who is calling: throws 401 (FormloomError UNAUTHORIZED) when nobody valid is. */
export interface RequestAuthenticator {
  authenticate(request: FastifyRequest): Promise<Principal>;
}

/**
 * Routes that third-party plugins register without a way to set `config.access`: the
 * Swagger UI pages and assets. They are public documentation, like `/api/openapi.json`.
 */
const PUBLIC_PLUGIN_PREFIXES = ['/api/docs'];

/** The permission every signed-in principal has. */
export const ANY_SIGNED_IN = 'user';

function isPluginPublic(url: string): boolean {
  return PUBLIC_PLUGIN_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`));
}

export function hasPermission(principal: Principal, permission: string): boolean {
  return permission === ANY_SIGNED_IN || principal.isAdmin || principal.permissions.includes(permission);
}

export function requireAccessOnRoute(routeOptions: RouteOptions): void {
  const url = routeOptions.url ?? '';
  if (!url.startsWith('/api')) return;
  const access = routeOptions.config?.access as RouteAccess | undefined;
  if (access !== undefined) return;
  if (isPluginPublic(url)) {
    routeOptions.config = { ...routeOptions.config, access: { public: true } };
    return;
  }
  const methods = Array.isArray(routeOptions.method) ? routeOptions.method.join(',') : routeOptions.method;
  throw new Error(
    `Route ${methods} ${url} has no config.access: every /api route must declare { public: true } or { permission } (deny by default)`,
  );
}

export function installRouteAccess(app: FormloomApp, authenticator: RequestAuthenticator): void {
  app.addHook('onRoute', requireAccessOnRoute);
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    // Routes outside /api (none today; later the web apps' static files) are public by design.
    if (access === undefined || 'public' in access) return;
    const principal = await authenticator.authenticate(request);
    request.principal = principal;
    if (!hasPermission(principal, access.permission)) throw forbidden();
  });
}
