import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@fastify/type-provider-typebox';
import { FormloomError, type DocumentStore, type JobQueue } from '@formloom/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInlineQueue } from '../adapters/queue/index.js';
import { openEmbeddedStore } from '../adapters/store/embedded/index.js';
import { loadConfig } from '../config.js';
import { buildApp } from './app.js';
import type { FormloomApp } from './types.js';

let dir: string;
let store: DocumentStore;
let queue: JobQueue;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-access-'));
  store = await openEmbeddedStore({ dir });
  queue = createInlineQueue();
});
afterEach(async () => {
  await queue.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const build = (register: (app: FormloomApp) => void) =>
  buildApp({
    config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }),
    store,
    queue,
    logger: false,
    registerRoutes: [register],
  });

describe('deny by default', () => {
  it('refuses to start when an /api route declares no access', async () => {
    await expect(
      build((app) => {
        app.get('/api/forgotten', { schema: { response: { 200: Type.Object({}) } } }, async () => ({}));
      }),
    ).rejects.toThrow(/GET \/api\/forgotten has no config\.access/);
  });

  it('answers 401 to an anonymous call of a permission route', async () => {
    const app = await build((a) => {
      a.get(
        '/api/audit-only',
        {
          config: { access: { permission: 'audit.read' } },
          schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
        },
        async () => ({ ok: true }),
      );
    });
    const anonymous = await app.inject({ method: 'GET', url: '/api/audit-only' });
    expect(anonymous.statusCode).toBe(401);
    await app.close();
  });
});

describe('error handler', () => {
  it('passes a FormloomError through with its extra fields, and hides internal errors', async () => {
    const app = await build((a) => {
      a.get(
        '/api/conflict',
        { config: { access: { public: true } }, schema: { response: { 200: Type.Object({}) } } },
        async () => {
          throw new FormloomError(
            'VERSION_CONFLICT',
            'Stale',
            [{ path: 'version', rule: 'current', message: 'is 3' }],
            {
              current: { _id: 'r1', version: 3 },
            },
          );
        },
      );
      a.get(
        '/api/boom',
        { config: { access: { public: true } }, schema: { response: { 200: Type.Object({}) } } },
        async () => {
          throw new Error('database password is hunter2');
        },
      );
    });
    const conflict = await app.inject({ method: 'GET', url: '/api/conflict' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({
      error: {
        code: 'VERSION_CONFLICT',
        message: 'Stale',
        details: [{ path: 'version', rule: 'current', message: 'is 3' }],
        current: { _id: 'r1', version: 3 },
      },
    });
    const boom = await app.inject({ method: 'GET', url: '/api/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', details: [] } });
    expect(boom.body).not.toContain('hunter2');
    await app.close();
  });

  it('coerces querystrings but never bodies', async () => {
    const app = await build((a) => {
      a.post(
        '/api/echo',
        {
          config: { access: { public: true } },
          schema: {
            querystring: Type.Object({ n: Type.Integer() }),
            body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
            response: { 200: Type.Object({ q: Type.Integer(), b: Type.Integer() }) },
          },
        },
        async (request) => ({ q: request.query.n, b: request.body.n }),
      );
    });
    const ok = await app.inject({ method: 'POST', url: '/api/echo?n=5', payload: { n: 6 } });
    expect(ok.json()).toEqual({ q: 5, b: 6 });
    const stringBody = await app.inject({ method: 'POST', url: '/api/echo?n=5', payload: { n: '6' } });
    expect(stringBody.statusCode).toBe(400);
    expect(stringBody.json().error.details).toEqual([{ path: 'body.n', rule: 'type', message: 'must be integer' }]);
    await app.close();
  });
});
