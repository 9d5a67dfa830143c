import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@fastify/type-provider-typebox';
import type { RouteOptions } from 'fastify';
import { ErrorDetailSchema, ErrorResponseSchema } from './schemas.js';
import type { FormloomApp } from './types.js';
import { VERSION } from './version.js';

/**
 * OpenAPI 3 generated from the route schemas, served at `GET /api/openapi.json`, with the
 * Swagger UI at `/api/docs`. Shared schemas (added with `app.addSchema` and an `$id`) become
 * `components.schemas` under their `$id`. Every /api route with a schema also documents the
 * error shape for 4xx and 5xx.
 */
export function addErrorResponses(routeOptions: RouteOptions): void {
  if (!routeOptions.url?.startsWith('/api') || !routeOptions.schema) return;
  const schema = routeOptions.schema as { response?: Record<string, unknown>; hide?: boolean };
  if (schema.hide) return;
  const response = { ...(schema.response ?? {}) };
  response['4xx'] ??= { $ref: 'ErrorResponse#' };
  response['5xx'] ??= { $ref: 'ErrorResponse#' };
  schema.response = response;
}

export async function installOpenApi(app: FormloomApp, publicUrl: string): Promise<void> {
  app.addSchema(ErrorDetailSchema);
  app.addSchema(ErrorResponseSchema);
  app.addHook('onRoute', addErrorResponses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Formloom API',
        version: VERSION,
        description:
          'Every call except sign-in, health and these docs needs `Authorization: Bearer <token or API key>` ' +
          '(or the session cookie plus `X-Formloom-Request: 1` on unsafe methods). ' +
          'Every error is `{error: {code, message, details: [{path, rule, message}]}}`.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token (flt_…) or an API key (flk_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'formloom_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get(
    '/api/openapi.json',
    {
      config: { access: { public: true } },
      schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
}
