import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, publishedForm, type ApiBody, type Call } from '../api/records-fixtures.js';

/**
 * System fields (id, version, created/updated by/at, owner, owner's department, flow state)
 * are written by the server only: every attempt to set one through create, update or a batch
 * is refused with 400 naming it, and nothing of it is ever stored.
 */
let t: TestApp;
let admin: Call;
let records: string;
let adminId: string;
let existing: ApiBody;

const FORGED: Array<[string, unknown]> = [
  ['_id', 'forged-id-000000000000'],
  ['_version', 99],
  ['_formVersion', 42],
  ['_createdAt', '2000-01-01T00:00:00.000Z'],
  ['_createdBy', 'mallory'],
  ['_updatedAt', '2000-01-01T00:00:00.000Z'],
  ['_updatedBy', 'mallory'],
  ['_owner', 'mallory'],
  ['_ownerDept', 'd_mallory'],
  ['_flowState', 'approved'],
  ['id', 'forged-id-000000000000'],
  ['version', 99],
  ['formVersion', 42],
  ['createdBy', 'mallory'],
  ['createdAt', '2000-01-01T00:00:00.000Z'],
  ['updatedBy', 'mallory'],
  ['owner', 'mallory'],
  ['ownerDept', 'd_mallory'],
  ['flowState', 'approved'],
  ['$set', { _owner: 'mallory' }],
];

const TOP_LEVEL: Array<[string, unknown]> = [
  ['id', 'forged-id-000000000000'],
  ['_id', 'forged-id-000000000000'],
  ['owner', 'mallory'],
  ['version', 99],
  ['createdBy', 'mallory'],
];

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [registerAppAndRecordRoutes] });
  admin = injectCall(t.app, t.adminToken);
  const me = (await admin('GET', '/api/auth/me')).body.user as { id: string };
  adminId = me.id;
  const { formId } = await publishedForm(admin);
  records = `/api/forms/${formId}/records`;
  existing = (await admin('POST', records, { data: { f_name: 'Original' } })).body;
});

afterAll(async () => {
  await t.close();
});

async function expectUntouched() {
  const page = await admin('POST', `${records}/query`, {});
  expect(page.body.total).toBe(1);
  const record = page.body.items?.[0];
  expect(record).toMatchObject({ id: existing.id, version: 1, formVersion: 1, flowState: null });
  expect(record?.createdBy).toBe(existing.createdBy);
  expect(record?.owner).toBe(existing.owner);
  expect(record?.createdAt).toBe(existing.createdAt);
  expect(record?.data).toEqual({ f_name: 'Original', f_no: existing.data?.f_no });
  expect(JSON.stringify(page.body)).not.toContain('mallory');
}

function expectNamed(answer: { status: number; body: ApiBody }, key: string) {
  expect(answer.status).toBe(400);
  expect(JSON.stringify(answer.body.error?.details ?? [])).toContain(key);
}

describe('system fields cannot be set by clients', () => {
  it('stores the server’s values for a normal create', () => {
    expect(existing.createdBy).toBe(adminId);
    expect(existing.owner).toBe(adminId);
    expect(existing.version).toBe(1);
  });

  it.each(FORGED)('create with data.%s → 400', async (key, value) => {
    expectNamed(await admin('POST', records, { data: { f_name: 'Forged', [key]: value } }), key);
    await expectUntouched();
  });

  it.each(FORGED)('update with data.%s → 400', async (key, value) => {
    expectNamed(await admin('PATCH', `${records}/${existing.id}`, { baseVersion: 1, data: { [key]: value } }), key);
    await expectUntouched();
  });

  it.each(FORGED)('batch create and batch update with data.%s → 400', async (key, value) => {
    expectNamed(
      await admin('POST', `${records}/batch`, {
        create: [{ data: { f_name: 'Fine' } }, { data: { f_name: 'Forged', [key]: value } }],
      }),
      key,
    );
    expectNamed(
      await admin('POST', `${records}/batch`, {
        update: [{ id: existing.id, baseVersion: 1, data: { f_name: 'Changed', [key]: value } }],
      }),
      key,
    );
    await expectUntouched();
  });

  it.each(TOP_LEVEL)('a top-level %s beside data → 400', async (key, value) => {
    expectNamed(await admin('POST', records, { data: { f_name: 'Forged' }, [key]: value }), key);
    expectNamed(await admin('PATCH', `${records}/${existing.id}`, { baseVersion: 1, data: {}, [key]: value }), key);
    await expectUntouched();
  });

  it('ignores a client value for a server-computed serial field', async () => {
    const created = await admin('POST', records, { data: { f_name: 'Second', f_no: 'CUS-FORGED' } });
    expect(created.status).toBe(201);
    expect(created.body.data?.f_no).not.toBe('CUS-FORGED');
    expect((await admin('DELETE', `${records}/${created.body.id}`)).status).toBe(200);
    expect((await admin('DELETE', `/api/forms/${created.body.formId}/bin/${created.body.id}`)).status).toBe(200);
  });
});
