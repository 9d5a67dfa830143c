import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Deny by default, checked from the outside: every operation of the OpenAPI document (built
 * with every route module) is called without credentials and must answer 401 in the error
 * shape, except the short list of public operations below.
 */
const PUBLIC_OPERATIONS = new Set([
  'POST /api/auth/login',
  'GET /api/health',
  // A form's public link (anonymous filling; see platform/src/public-forms and test/api/public-forms.test.ts).
  'GET /api/public/forms/{token}',
  'POST /api/public/forms/{token}/records',
  'POST /api/public/forms/{token}/files',
  'GET /api/public/forms/{token}/files/{blobId}',
]);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const DUMMY_ID = '0000000000aaaaaaaaaa';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: unknown;
  parameters?: unknown[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

let t: TestApp;
let doc: OpenApiDocument;
let operations: Array<{ method: string; path: string; operation: Operation }>;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as OpenApiDocument;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path, operation: item[m] as Operation })),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3 with bearer and cookie security schemes, and covers the core routes', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(['bearer', 'cookie']));
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/auth/me', 'GET /api/org/users', 'GET /api/health']),
    );
  });

  it('gives every operation a success response schema and the error shape for 4xx/5xx', () => {
    const missing: string[] = [];
    for (const { method, path, operation } of operations) {
      const responses = operation.responses ?? {};
      const success = Object.entries(responses).find(([status]) => /^2/.test(status));
      const hasSchema = (r?: { content?: Record<string, { schema?: unknown }> }) =>
        Object.values(r?.content ?? {}).some((c) => c.schema !== undefined);
      if (!success || !hasSchema(success[1])) missing.push(`${method} ${path}: no 2xx response schema`);
      if (!hasSchema(responses['4XX'])) missing.push(`${method} ${path}: no 4XX error schema`);
    }
    expect(missing).toEqual([]);
  });
});

describe('unauthenticated walk', () => {
  it('answers 401 in the error shape on every non-public operation', async () => {
    const wrong: string[] = [];
    for (const { method, path } of operations) {
      const name = `${method} ${path}`;
      if (PUBLIC_OPERATIONS.has(name)) continue;
      const url = path.replace(/\{[^}]+\}/g, DUMMY_ID);
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      const body = res.json() as { error?: { code?: string; details?: unknown } };
      if (res.statusCode !== 401 || body.error?.code !== 'UNAUTHORIZED' || !Array.isArray(body.error.details)) {
        wrong.push(`${name} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(operations.length).toBeGreaterThan(PUBLIC_OPERATIONS.size + 10);
  });

  it('keeps the public list short and real: each public operation exists', () => {
    const names = new Set(operations.map((o) => `${o.method} ${o.path}`));
    for (const name of PUBLIC_OPERATIONS) expect(names.has(name)).toBe(true);
  });

  it('serves the docs without credentials', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });
});
