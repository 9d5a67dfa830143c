import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, publishedForm, type Call, type HttpAnswer } from '../api/records-fixtures.js';

/**
 * A NoSQL-injection corpus against every input of the records query route (filter, sort,
 * fields, keyword, cursor) and the record routes' path parameters. Every attempt must be
 * refused with 400 and the answer must carry no record data.
 */
let t: TestApp;
let admin: Call;
let query: string;
let formId: string;
const SECRET = 'Secret-row';

/** Objects with own prototype keys, as a hostile JSON body would produce them. */
const proto = (json: string): unknown => JSON.parse(json);

const leaf = (extra: Record<string, unknown>) => ({
  rel: 'and',
  cond: [{ field: 'f_name', method: 'eq', value: 'x', ...extra }],
});

const FILTERS: Array<[string, unknown]> = [
  ['$where at the top', { $where: 'sleep(1000) || true' }],
  ['$where beside a group', { rel: 'and', cond: [], $where: '1' }],
  ['$expr at the top', { $expr: { $gt: ['$f_amount', 0] } }],
  ['raw Mongo filter', { f_name: { $ne: null } }],
  ['$ne as value', leaf({ value: { $ne: null } })],
  ['$gt as value', leaf({ value: { $gt: '' } })],
  ['$regex as value', leaf({ value: { $regex: '.*' } })],
  ['$where as value', leaf({ value: { $where: 'true' } })],
  ['operator in an in-list', { rel: 'and', cond: [{ field: 'f_name', method: 'in', value: [{ $ne: 1 }] }] }],
  ['operator in a range', { rel: 'and', cond: [{ field: 'f_amount', method: 'range', value: [{ $gt: 0 }, null] }] }],
  ['$where as method', { rel: 'and', cond: [{ field: 'f_name', method: '$where', value: '1' }] }],
  ['$ne as method', { rel: 'and', cond: [{ field: 'f_name', method: '$ne', value: 'x' }] }],
  ['regex as method', { rel: 'and', cond: [{ field: 'f_name', method: 'regex', value: '.*' }] }],
  ['$where as field', { rel: 'and', cond: [{ field: '$where', method: 'eq', value: 'x' }] }],
  ['operator path as field', { rel: 'and', cond: [{ field: 'f_name.$ne', method: 'eq', value: 'x' }] }],
  ['dotted field', { rel: 'and', cond: [{ field: 'f_name.length', method: 'gt', value: 0 }] }],
  ['stored system path as field', { rel: 'and', cond: [{ field: '_id', method: 'ne', value: 'x' }] }],
  ['$-prefixed field', { rel: 'and', cond: [{ field: '$f_name', method: 'eq', value: 'x' }] }],
  ['operator key on a leaf', leaf({ $where: '1' })],
  ['$or as rel', { rel: '$or', cond: [{ field: 'f_name', method: 'eq', value: 'x' }] }],
  ['operator object as cond', { rel: 'and', cond: { $ne: 1 } }],
  [
    'nested operator in a nested group',
    { rel: 'and', cond: [{ rel: 'or', cond: [leaf({ value: { $exists: true } })] }] },
  ],
  ['$where as dynamic value', { rel: 'and', cond: [{ field: 'f_name', method: 'eq', dynamic: '$where' }] }],
  ['__proto__ as field', { rel: 'and', cond: [{ field: '__proto__', method: 'eq', value: 1 }] }],
  ['constructor as field', { rel: 'and', cond: [{ field: 'constructor', method: 'eq', value: 1 }] }],
  ['prototype as field', { rel: 'and', cond: [{ field: 'prototype', method: 'eq', value: 1 }] }],
  ['__proto__ key in a group', proto('{"rel":"and","cond":[],"__proto__":{"isAdmin":true}}')],
  [
    '__proto__ key in a value',
    proto('{"rel":"and","cond":[{"field":"f_name","method":"eq","value":{"__proto__":{"x":1}}}]}'),
  ],
  ['constructor key in a value', leaf({ value: { constructor: { prototype: { x: 1 } } } })],
  ['function-looking string as field', { rel: 'and', cond: [{ field: 'this.f_name', method: 'eq', value: 'x' }] }],
  ['too deep', deep(40)],
  ['filter is a string', "{ '$where': '1' }"],
  ['filter is an array', [{ $where: '1' }]],
];

const SORTS: Array<[string, unknown]> = [
  ['$where field', [{ field: '$where', dir: 'asc' }]],
  ['operator direction', [{ field: 'f_name', dir: { $ne: 1 } }]],
  ['numeric direction', [{ field: 'f_name', dir: -1 }]],
  ['raw Mongo sort', { f_name: 1 }],
  ['__proto__ field', [{ field: '__proto__', dir: 'asc' }]],
  ['constructor field', [{ field: 'constructor', dir: 'asc' }]],
  ['dotted field', [{ field: 'f_name.$ne', dir: 'asc' }]],
  ['stored system path', [{ field: '_createdBy', dir: 'asc' }]],
  ['extra operator key', [{ field: 'f_name', dir: 'asc', $where: '1' }]],
  ['unknown field', [{ field: 'f_nope', dir: 'asc' }]],
];

const FIELDS: Array<[string, unknown]> = [
  ['$where', ['$where']],
  ['operator path', ['f_name.$ne']],
  ['operator object', [{ $ne: 1 }]],
  ['__proto__', ['__proto__']],
  ['constructor', ['constructor']],
  ['stored system path', ['_owner']],
  ['projection object', { f_name: 1, $where: 1 }],
  ['unknown field', ['f_nope']],
];

const KEYWORDS: Array<[string, unknown]> = [
  ['$regex object', { $regex: '.*' }],
  ['$ne object', { $ne: null }],
  ['array', ['a', 'b']],
  ['number', 42],
  ['too long', 'x'.repeat(5000)],
];

const CURSORS: Array<[string, unknown]> = [
  ['operator object', { $gt: '' }],
  ['garbage', 'not-a-cursor'],
  ['encoded operators', Buffer.from(JSON.stringify({ $where: 'true' })).toString('base64url')],
  ['encoded filter', Buffer.from(JSON.stringify({ _id: { $ne: null } })).toString('base64')],
  ['number', 1],
];

function deep(levels: number): unknown {
  let node: unknown = { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: 'x' }] };
  for (let i = 0; i < levels; i++) node = { rel: 'and', cond: [node] };
  return node;
}

function expectRefusedWithoutLeak(answer: HttpAnswer) {
  expect(answer.status).toBe(400);
  expect(answer.body.items).toBeUndefined();
  expect(answer.body.error?.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
  expect(JSON.stringify(answer.body)).not.toContain(SECRET);
}

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [registerAppAndRecordRoutes] });
  admin = injectCall(t.app, t.adminToken);
  ({ formId } = await publishedForm(admin));
  query = `/api/forms/${formId}/records/query`;
  for (let i = 0; i < 3; i++) {
    const answer = await admin('POST', `/api/forms/${formId}/records`, {
      data: { f_name: `${SECRET}-${i}`, f_amount: i },
    });
    expect(answer.status).toBe(201);
  }
});

afterAll(async () => {
  await t.close();
});

describe('NoSQL injection through the query route is refused with 400', () => {
  it.each(FILTERS)('filter: %s', async (_name, filter) => {
    expectRefusedWithoutLeak(await admin('POST', query, { filter }));
  });

  it.each(SORTS)('sort: %s', async (_name, sort) => {
    expectRefusedWithoutLeak(await admin('POST', query, { sort }));
  });

  it.each(FIELDS)('fields: %s', async (_name, fields) => {
    expectRefusedWithoutLeak(await admin('POST', query, { fields }));
  });

  it.each(KEYWORDS)('keyword: %s', async (_name, keyword) => {
    expectRefusedWithoutLeak(await admin('POST', query, { keyword }));
  });

  it.each(CURSORS)('cursor: %s', async (_name, cursor) => {
    expectRefusedWithoutLeak(await admin('POST', query, { cursor }));
  });

  it('refuses a cursor that was tampered with', async () => {
    const page = await admin('POST', query, { limit: 1, sort: [{ field: 'f_amount', dir: 'asc' }] });
    const cursor = String(page.body.nextCursor);
    const decoded = Buffer.from(cursor, 'base64url').toString();
    const tampered = Buffer.from(decoded.replace(/"[^"]*"/, '{"$ne":null}')).toString('base64url');
    expectRefusedWithoutLeak(await admin('POST', query, { cursor: tampered }));
    expectRefusedWithoutLeak(await admin('POST', query, { cursor: `${cursor.slice(0, -2)}$$` }));
  });

  it('refuses operator keys beside the documented query keys', async () => {
    expectRefusedWithoutLeak(await admin('POST', query, { $where: '1' }));
    expectRefusedWithoutLeak(await admin('POST', query, { filter: { rel: 'and', cond: [] }, $or: [{}] }));
  });

  it('treats regex metacharacters in like and keyword as plain text', async () => {
    const like = await admin('POST', query, {
      filter: { rel: 'and', cond: [{ field: 'f_name', method: 'like', value: '.*' }] },
    });
    expect(like.status).toBe(200);
    expect(like.body.total).toBe(0);
    const keyword = await admin('POST', query, { keyword: '^Secret|.*' });
    expect(keyword.status).toBe(200);
    expect(keyword.body.total).toBe(0);
  });

  it('refuses operators in record and form ids of the path', async () => {
    for (const url of [
      `/api/forms/${formId}/records/${encodeURIComponent('{"$ne":null}')}`,
      `/api/forms/${formId}/records/%24where`,
      `/api/forms/${encodeURIComponent('{"$gt":""}')}/records/query`,
    ]) {
      const answer = await admin(url.endsWith('/query') ? 'POST' : 'GET', url, url.endsWith('/query') ? {} : undefined);
      expectRefusedWithoutLeak(answer);
    }
  });
});
