import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../adapters/store/embedded/embedded-store.js';
import { createInlineQueue } from '../adapters/queue/index.js';
import { loadConfig } from '../config.js';
import { buildApp } from '../server/app.js';
import type { FormloomApp } from '../server/types.js';
import { webAppsRouteModule } from './web-apps.js';

let dir: string;
let app: FormloomApp;
let close: () => Promise<void>;

async function start(built: { player: boolean; designer: boolean }) {
  const player = join(dir, 'player');
  const designer = join(dir, 'designer');
  if (built.player) {
    await mkdir(join(player, 'assets'), { recursive: true });
    await writeFile(join(player, 'index.html'), '<!doctype html><title>player</title>');
    await writeFile(join(player, 'assets', 'index-abc123.js'), 'console.log("player")');
  }
  if (built.designer) {
    await mkdir(designer, { recursive: true });
    await writeFile(join(designer, 'index.html'), '<!doctype html><title>designer</title>');
  }
  const config = loadConfig({
    DATA_DIR: join(dir, 'data'),
    ADMIN_PASSWORD: 'a-long-admin-password',
    LOG_LEVEL: 'silent',
  });
  const store = await openEmbeddedStore({ dir: join(dir, 'data') });
  const queue = createInlineQueue();
  app = await buildApp({
    config,
    store,
    queue,
    logger: false,
    registerRoutes: [webAppsRouteModule({ player, designer })],
  });
  await app.ready();
  close = async () => {
    await app.close();
    await queue.close();
    await store.close();
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-web-'));
});
afterEach(async () => {
  await close();
  await rm(dir, { recursive: true, force: true });
});

describe('serving the built web apps', () => {
  it('serves the player at / and its client-side routes, with cacheable assets, without signing in', async () => {
    await start({ player: true, designer: true });
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<title>player</title>');

    const deepLink = await app.inject({ method: 'GET', url: '/apps/a1/forms/f1/records/r1' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<title>player</title>');
    expect(deepLink.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('console.log');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('serves the designer under /designer/ and redirects /designer there', async () => {
    await start({ player: true, designer: true });
    const designer = await app.inject({ method: 'GET', url: '/designer/forms/f1' });
    expect(designer.body).toContain('<title>designer</title>');
    const bare = await app.inject({ method: 'GET', url: '/designer' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/designer/');
  });

  it('keeps unknown /api paths JSON 404s and leaves the static routes out of the OpenAPI document', async () => {
    await start({ player: true, designer: true });
    const missing = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });

    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    const paths = Object.keys((openapi.json() as { paths: Record<string, unknown> }).paths);
    expect(paths.some((p) => p.startsWith('/api/'))).toBe(true);
    expect(paths.filter((p) => !p.startsWith('/api'))).toEqual([]);
  });

  it('says to run pnpm build when an app was not built', async () => {
    await start({ player: false, designer: false });
    const page = await app.inject({ method: 'GET', url: '/apps/a1' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('pnpm build');
    const designer = await app.inject({ method: 'GET', url: '/designer/' });
    expect(designer.body).toContain('designer app is not built');
    const api = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(api.statusCode).toBe(404);
  });
});
