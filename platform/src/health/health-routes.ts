import { Type } from '@fastify/type-provider-typebox';
import { FormloomError } from '@formloom/model';
import { VERSION } from '../server/version.js';
import type { FormloomApp } from '../server/types.js';

/** `GET /api/health`: public liveness and readiness; pings the store (503 when it does not answer). */
export async function registerHealthRoutes(app: FormloomApp): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['health'],
        summary: 'Is the server up and does its store answer?',
        security: [],
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            store: Type.Union([Type.Literal('embedded'), Type.Literal('mongodb')]),
            queue: Type.Union([Type.Literal('inline'), Type.Literal('bullmq')]),
            version: Type.String(),
          }),
        },
      },
    },
    async (request) => {
      const { store, queue } = app.services;
      try {
        await store.ping();
      } catch (err) {
        request.log.error({ err }, 'store ping failed');
        throw new FormloomError('UNAVAILABLE', 'The store does not answer');
      }
      return { status: 'ok' as const, store: store.kind, queue: queue.kind, version: VERSION };
    },
  );
}
