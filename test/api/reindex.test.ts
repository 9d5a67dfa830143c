import type { FormDefinition } from '@formloom/model';
import { LINKS_COLLECTION, recordsCollection } from '@formloom/engine';
import { BLOB_REFS, DATA_VERSION, dataVersion, reindexNow } from '@formloom/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PNG_1PX, multipart } from './files-fixtures.js';
import { until } from './flows-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

/**
 * Records stored before the link and file indexes existed (`record_links`, `blob_refs`) have no
 * entries until the reindex: after it, deleting a linked customer is blocked or clears the link
 * as configured, and a colleague who may read the record downloads its file. Re-running changes
 * nothing; a run interrupted half-way finishes when run again; users writing meanwhile leave
 * the index matching their records.
 */
let t: TestApp;
let admin: Call;
let ann: Call;
let annToken: string;
const forms = { customers: '', orders: '' };
const customers: Record<string, string> = {};
let blobId: string;
const orderIds: string[] = [];

const customersDefinition: FormDefinition = {
  schema: { type: 'object', properties: { c_name: { type: 'string' } } },
  uiSchema: {},
  fields: { c_name: { kind: 'text', label: 'Name' } },
};

function ordersDefinition(customersId: string): FormDefinition {
  return {
    schema: {
      type: 'object',
      properties: {
        o_title: { type: 'string' },
        o_customer: { type: 'string' },
        o_contacts: { type: 'array', items: { type: 'string' } },
        o_scan: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: {},
    fields: {
      o_title: { kind: 'text', label: 'Title' },
      o_customer: {
        kind: 'link',
        label: 'Customer',
        link: { formId: customersId, displayFields: ['c_name'], onDelete: 'block' },
      },
      o_contacts: {
        kind: 'link',
        label: 'Contacts',
        link: { formId: customersId, displayFields: ['c_name'], multiple: true, onDelete: 'clear' },
      },
      o_scan: { kind: 'attachment', label: 'Scan' },
    },
  };
}

function ok(what: string, answer: { status: number; body: ApiBody }, status = 200): ApiBody {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Makes the store look like one written before the indexes: no entries, no data version. */
async function forgetIndexes(): Promise<void> {
  await t.store.collection(LINKS_COLLECTION).deleteMany({});
  await t.store.collection(BLOB_REFS).deleteMany({});
  await t.store.collection('store_meta').deleteMany({});
}

/** The `record_links` entries the orders' stored values call for, and the ones stored. */
async function linkIndex(): Promise<{ wanted: string[]; stored: string[] }> {
  const records = await t.store.collection(recordsCollection(forms.orders)).find({});
  const wanted = records.flatMap((r) => {
    const ids = [
      ...(typeof r.o_customer === 'string' ? [`o_customer|${r.o_customer}`] : []),
      ...(Array.isArray(r.o_contacts) ? r.o_contacts.map((c) => `o_contacts|${String(c)}`) : []),
    ];
    return ids.map((id) => `${r._id}|${id}`);
  });
  const refs = await t.store.collection(LINKS_COLLECTION).find({ sourceFormId: forms.orders });
  const stored = refs.map((r) => `${String(r.sourceRecordId)}|${String(r.path)}|${String(r.target).split('|')[1]}`);
  return { wanted: [...new Set(wanted)].sort(), stored: stored.sort() };
}

const download = (token: string) =>
  t.app.inject({ method: 'GET', url: `/api/files/${blobId}`, headers: t.auth(token) });

beforeAll(async () => {
  t = await createTestApp();
  admin = injectCall(t.app, t.adminToken);
  const anonymous = injectCall(t.app, null);
  const annUser = await signedInUser(admin, anonymous, 'ann');
  annToken = annUser.token;
  ann = injectCall(t.app, annToken);
  const appId = String(ok('app', await admin('POST', '/api/apps', { name: 'Sales' }), 201).id);
  ok('members', await admin('PATCH', `/api/apps/${appId}`, { members: { users: [annUser.id] } }));
  const form = async (name: string, definition: FormDefinition) => {
    const id = String(ok(name, await admin('POST', `/api/apps/${appId}/forms`, { name, definition }), 201).id);
    ok('publish', await admin('POST', `/api/forms/${id}/publish`, {}), 201);
    ok(
      'permissions',
      await admin('PUT', `/api/forms/${id}/permissions`, {
        groups: [{ id: 'g1', name: 'All', subjects: { everyone: true }, actions: ['read'], scope: 'all' }],
      }),
    );
    return id;
  };
  forms.customers = await form('Customers', customersDefinition);
  forms.orders = await form('Orders', ordersDefinition(forms.customers));
  for (const name of ['Acme', 'Globex', 'Initech', 'Umbrella'])
    customers[name] = String(
      ok('customer', await admin('POST', `/api/forms/${forms.customers}/records`, { data: { c_name: name } }), 201).id,
    );
  const body = multipart(PNG_1PX, 'scan.png', 'image/png');
  const up = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { ...t.auth(t.adminToken), ...body.headers },
    payload: body.payload,
  });
  blobId = (up.json() as { blobId: string }).blobId;
  const order = async (data: Record<string, unknown>) =>
    orderIds.push(String(ok('order', await admin('POST', `/api/forms/${forms.orders}/records`, { data }), 201).id));
  await order({
    o_title: 'With file',
    o_customer: customers.Acme,
    o_contacts: [customers.Globex],
    o_scan: [{ blobId, name: 'scan.png', size: PNG_1PX.length, type: 'image/png' }],
  });
  for (let i = 0; i < 7; i++)
    await order({ o_title: `Order ${i}`, o_customer: customers.Initech, o_contacts: [customers.Globex] });
  // The file index follows the record events; wait until it has the file, then forget everything.
  await until('the file index', async () => (await download(annToken)).statusCode === 200);
  await forgetIndexes();
});
afterAll(async () => t.close());

describe('reindex of records stored before the link and file indexes', () => {
  it('without entries nothing protects the links and the colleague cannot read the file', async () => {
    expect((await download(annToken)).statusCode).toBe(404);
    expect(await dataVersion(t.store)).toBe(0);
    expect((await linkIndex()).stored).toEqual([]);
  });

  it('an interrupted run goes on from where it stopped and completes', async () => {
    // Batches: customers 3 + 1, the end of customers, then the first 3 orders; then it stops.
    const first = await reindexNow(t.app.services, { batchSize: 3, stopAfter: 4 });
    expect(first).toMatchObject({ state: 'running', checked: 7, repairedLinks: 3 });
    const partly = await linkIndex();
    expect(partly.stored.length).toBeGreaterThan(0);
    expect(partly.stored.length).toBeLessThan(partly.wanted.length);
    expect(await dataVersion(t.store)).toBe(0);

    const rest = await reindexNow(t.app.services, { batchSize: 3 });
    expect(rest.state).toBe('done');
    // The customers' 4 records and the orders' 8, each checked once over both runs.
    expect(rest.checked).toBe(12);
    expect(rest.repairedLinks).toBe(8);
    expect(rest.repairedFiles).toBe(1);
    const index = await linkIndex();
    expect(index.stored).toEqual(index.wanted);
    expect(await dataVersion(t.store)).toBe(DATA_VERSION);
  });

  it('deleting a linked customer is blocked or clears the link as configured, and the file is readable', async () => {
    const blocked = await admin('DELETE', `/api/forms/${forms.customers}/records/${customers.Acme}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error?.details[0]).toMatchObject({ path: `links.${forms.orders}.o_customer`, rule: 'linked' });

    ok('delete Globex', await admin('DELETE', `/api/forms/${forms.customers}/records/${customers.Globex}`));
    const order = ok('order', await admin('GET', `/api/forms/${forms.orders}/records/${orderIds[0]}`));
    expect(order.data?.o_contacts).toBeUndefined();
    expect(order.version).toBe(2);

    const file = await download(annToken);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG_1PX)).toBe(true);
  });

  it('running it again changes nothing', async () => {
    const before = await linkIndex();
    const again = await reindexNow(t.app.services, { full: true });
    expect(again).toMatchObject({ state: 'done', checked: 11, repairedLinks: 0, repairedFiles: 0 });
    expect(await linkIndex()).toEqual(before);
  });

  it('the index matches the records when users change links while it runs', async () => {
    await forgetIndexes();
    const run = reindexNow(t.app.services, { batchSize: 1 });
    const edits = orderIds.slice(1).map(async (id, i) => {
      const to = i % 2 === 0 ? customers.Umbrella : customers.Initech;
      const current = ok('read', await admin('GET', `/api/forms/${forms.orders}/records/${id}`));
      ok(
        'edit',
        await admin('PATCH', `/api/forms/${forms.orders}/records/${id}`, {
          baseVersion: current.version,
          data: { o_customer: to, o_contacts: i % 3 === 0 ? null : [customers.Umbrella] },
        }),
      );
    });
    await Promise.all([run, ...edits]);
    const index = await linkIndex();
    expect(index.stored).toEqual(index.wanted);
    expect(index.wanted.some((w) => w.includes(customers.Umbrella))).toBe(true);
  });

  it('runs by itself in the background as queue jobs, and admins see the progress', async () => {
    await forgetIndexes();
    expect((await ann('GET', '/api/admin/reindex')).status).toBe(403);
    await t.queue.add('reindex', 'batch', {}, { jobId: 'test-start' });
    const status = await until('the background reindex', async () => {
      const answer = ok('status', await admin('GET', '/api/admin/reindex'));
      return answer.dataVersion === DATA_VERSION ? answer : null;
    });
    expect(status).toMatchObject({ currentVersion: DATA_VERSION, run: { state: 'done', forms: 2, formsDone: 2 } });
    const index = await linkIndex();
    expect(index.stored).toEqual(index.wanted);
    expect((await download(annToken)).statusCode).toBe(200);
  });
});
