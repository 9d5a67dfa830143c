import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, RouteOptions } from 'fastify';
import type { FormloomApp } from '../server/types.js';
import { missingBuildPage } from './missing-build-page.js';

/**
 * Serves the two web apps: the player (runtime/web/dist) at `/` and the designer
 * (designer/dist) at `/designer/`. Both are single-page apps: a GET that is not a file and not
 * under /api gets the app's index.html, so deep links (`/apps/…/forms/…`) survive a reload.
 * These routes are public (the apps sign in through the API) and hidden from the OpenAPI
 * document. A missing build answers with a page saying to run `pnpm build`.
 */
export interface WebAppDirs {
  player: string;
  designer: string;
}

const repoPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

export const defaultWebAppDirs = (): WebAppDirs => ({
  player: repoPath('runtime/web/dist'),
  designer: repoPath('designer/dist'),
});

/** Hashed build assets never change under the same name; index.html must be revalidated. */
function cacheHeaders(reply: FastifyReply, path: string): void {
  const immutable = /[\\/]assets[\\/]/.test(path);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

function markPublicAndHidden(route: RouteOptions): void {
  route.config = { ...route.config, access: { public: true } };
  route.schema = { ...route.schema, hide: true };
}

async function serveSpa(app: FormloomApp, name: string, prefix: string, root: string): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', markPublicAndHidden);
    const indexFile = `${root}/index.html`;
    if (!existsSync(indexFile)) {
      const page = missingBuildPage(name);
      const send = (_request: unknown, reply: FastifyReply) =>
        reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
      scope.get(prefix, send);
      scope.get(`${prefix}*`, (request, reply) =>
        request.url.startsWith('/api/') ? reply.callNotFound() : send(request, reply),
      );
      return;
    }
    // wildcard: false registers one route per built file; everything else falls to index.html.
    await scope.register(fastifyStatic, {
      root,
      prefix,
      wildcard: false,
      cacheControl: false,
      setHeaders: cacheHeaders,
    });
    scope.get(`${prefix}*`, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url === '/api') return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
    });
  });
}

export function webAppsRouteModule(dirs: WebAppDirs = defaultWebAppDirs()) {
  return async function registerWebApps(app: FormloomApp): Promise<void> {
    await serveSpa(app, 'designer', '/designer/', dirs.designer);
    await app.register(async (scope) => {
      scope.addHook('onRoute', markPublicAndHidden);
      scope.get('/designer', (_request, reply) => reply.redirect('/designer/'));
    });
    await serveSpa(app, 'web', '/', dirs.player);
  };
}

/** The route module for `platform/src/modules.ts`: the player at `/`, the designer at `/designer/`. */
export const registerWebApps = webAppsRouteModule();
