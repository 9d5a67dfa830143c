import type { FormDefinition } from '@formloom/model';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, publishedForm, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let formId: string;
let records: string;

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [registerAppAndRecordRoutes], loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
});

afterAll(async () => {
  await t.close();
});

beforeEach(async () => {
  ({ formId } = await publishedForm(admin));
  records = `/api/forms/${formId}/records`;
});

async function create(data: Record<string, unknown>) {
  const answer = await admin('POST', records, { data });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

describe('records: the life of one record', () => {
  it('creates, reads, updates, deletes to the bin, restores and purges', async () => {
    const created = await create({ f_name: 'Acme', f_amount: 1200, f_stage: 'lead' });
    expect(created).toMatchObject({ version: 1, formVersion: 1, formId, data: { f_name: 'Acme', f_amount: 1200 } });
    expect(created.createdBy).toEqual(expect.any(String));
    const url = `${records}/${created.id}`;

    expect((await admin('GET', url)).body).toMatchObject({ id: created.id, data: { f_stage: 'lead' } });

    const updated = await admin('PATCH', url, { baseVersion: 1, data: { f_stage: 'won', f_amount: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    expect(updated.body.data).toMatchObject({ f_name: 'Acme', f_stage: 'won' });
    expect(updated.body.data?.f_amount ?? null).toBeNull();

    expect((await admin('DELETE', url)).status).toBe(200);
    expect((await admin('GET', url)).status).toBe(404);
    const bin = await admin('GET', `/api/forms/${formId}/bin`);
    expect(bin.body.items?.map((e) => e.id)).toEqual([created.id]);

    const restored = await admin('POST', `/api/forms/${formId}/bin/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect((await admin('GET', url)).body.data).toMatchObject({ f_name: 'Acme', f_stage: 'won' });

    expect((await admin('DELETE', url)).status).toBe(200);
    expect((await admin('DELETE', `/api/forms/${formId}/bin/${created.id}`)).status).toBe(200);
    expect((await admin('GET', `/api/forms/${formId}/bin`)).body.items).toEqual([]);
    expect((await admin('POST', `/api/forms/${formId}/bin/${created.id}/restore`)).status).toBe(404);
  });

  it('names the field and the rule of every validation error', async () => {
    const answer = await admin('POST', records, { data: { f_email: 'not-an-email', f_rating: 9, f_stage: 'maybe' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
    const rules = answer.body.error?.details.map((d) => `${d.path}:${d.rule}`) ?? [];
    expect(rules).toEqual(
      expect.arrayContaining(['data.f_name:required', 'data.f_email:format', 'data.f_rating:maximum']),
    );
    expect(rules.some((r) => r.startsWith('data.f_stage:'))).toBe(true);

    const unknown = await admin('POST', records, { data: { f_name: 'A', f_ghost: 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.details[0]?.path).toBe('data.f_ghost');

    const shape = await admin('POST', records, { data: { f_name: 'A' }, extra: true });
    expect(shape.status).toBe(400);
    expect(shape.body.error?.details[0]).toMatchObject({ path: 'body.extra', rule: 'additionalProperties' });
  });

  it('answers a stale update with 409 and the current record', async () => {
    const created = await create({ f_name: 'Acme' });
    const url = `${records}/${created.id}`;
    expect((await admin('PATCH', url, { baseVersion: 1, data: { f_name: 'Acme 2' } })).status).toBe(200);
    const stale = await admin('PATCH', url, { baseVersion: 1, data: { f_name: 'Lost update' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error?.current).toMatchObject({ id: created.id, version: 2, data: { f_name: 'Acme 2' } });
    expect((await admin('GET', url)).body.data?.f_name).toBe('Acme 2');
  });

  it('keeps unique fields unique (409 naming the field)', async () => {
    await create({ f_name: 'A', f_email: 'sales@acme.test' });
    const duplicate = await admin('POST', records, { data: { f_name: 'B', f_email: 'sales@acme.test' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error?.code).toBe('DUPLICATE');
    expect(duplicate.body.error?.details[0]).toMatchObject({ path: 'data.f_email', rule: 'unique' });
  });

  it('numbers records with the serial pattern and ignores client values for it', async () => {
    const year = new Date().getUTCFullYear();
    const a = await create({ f_name: 'A' });
    const b = await create({ f_name: 'B', f_no: 'CUS-HACKED' });
    expect(a.data?.f_no).toBe(`CUS-${year}-0001`);
    expect(b.data?.f_no).toBe(`CUS-${year}-0002`);
  });

  it('creates one record for one Idempotency-Key and returns it again', async () => {
    const headers = { 'idempotency-key': 'order-42' };
    const first = await admin('POST', records, { data: { f_name: 'Once' } }, headers);
    const second = await admin('POST', records, { data: { f_name: 'Once' } }, headers);
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect((await admin('POST', `${records}/query`, {})).body.total).toBe(1);
  });

  it('keeps a history with field-level diffs and versions without gaps', async () => {
    const created = await create({ f_name: 'Acme', f_amount: 10 });
    const url = `${records}/${created.id}`;
    await admin('PATCH', url, { baseVersion: 1, data: { f_amount: 20 } });
    await admin('PATCH', url, { baseVersion: 2, data: { f_name: 'Acme Ltd' } });
    const history = await admin('GET', `${url}/history`);
    expect(history.status).toBe(200);
    const items = history.body.items ?? [];
    expect(items.map((h) => [h.version, h.action])).toEqual([
      [1, 'create'],
      [2, 'update'],
      [3, 'update'],
    ]);
    expect(items[1].changes).toEqual([{ field: 'f_amount', from: 10, to: 20 }]);
    expect(items[2].changes).toEqual([{ field: 'f_name', from: 'Acme', to: 'Acme Ltd' }]);
  });
});

describe('records: batches are all or nothing', () => {
  it('writes nothing when one item of a batch create is bad', async () => {
    const answer = await admin('POST', `${records}/batch`, {
      create: [{ data: { f_name: 'Good 1' } }, { data: { f_rating: 'bad' } }, { data: { f_name: 'Good 2' } }],
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.error?.details)).toContain('f_rating');
    expect((await admin('POST', `${records}/query`, {})).body.total).toBe(0);
  });

  it('creates, updates and deletes many records', async () => {
    const created = await admin('POST', `${records}/batch`, {
      create: [{ data: { f_name: 'One' } }, { data: { f_name: 'Two' } }, { data: { f_name: 'Three' } }],
    });
    expect(created.status).toBe(200);
    const ids = created.body.created?.map((r) => String(r.id)) ?? [];
    expect(ids).toHaveLength(3);

    const staleBatch = await admin('POST', `${records}/batch`, {
      update: [
        { id: ids[0], baseVersion: 1, data: { f_stage: 'won' } },
        { id: ids[1], baseVersion: 7, data: { f_stage: 'won' } },
      ],
    });
    expect(staleBatch.status).toBe(409);
    expect((await admin('GET', `${records}/${ids[0]}`)).body.version).toBe(1);

    const updated = await admin('POST', `${records}/batch`, {
      update: ids.map((id) => ({ id, baseVersion: 1, data: { f_stage: 'won' } })),
    });
    expect(updated.body.updated?.map((r) => r.version)).toEqual([2, 2, 2]);

    const deleted = await admin('POST', `${records}/batch`, { delete: ids.slice(0, 2) });
    expect(deleted.body.deleted).toBe(2);
    expect((await admin('POST', `${records}/query`, {})).body.total).toBe(1);

    const two = await admin('POST', `${records}/batch`, { create: [{ data: { f_name: 'x' } }], delete: [ids[2]] });
    expect(two.status).toBe(400);
  });
});

describe('records: query', () => {
  beforeEach(async () => {
    const rows: Array<[string, string, number]> = [
      ['Alpha', 'lead', 100],
      ['Bravo', 'won', 500],
      ['Charlie', 'won', 300],
      ['Delta', 'lost', 50],
      ['Echo', 'won', 900],
    ];
    const answer = await admin('POST', `${records}/batch`, {
      create: rows.map(([f_name, f_stage, f_amount]) => ({ data: { f_name, f_stage, f_amount } })),
    });
    expect(answer.status).toBe(200);
  });

  it('filters, sorts, selects fields and counts', async () => {
    const page = await admin('POST', `${records}/query`, {
      filter: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'won' }] },
      sort: [{ field: 'f_amount', dir: 'desc' }],
      fields: ['f_name'],
    });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.items?.map((r) => r.data)).toEqual([
      { f_name: 'Echo' },
      { f_name: 'Bravo' },
      { f_name: 'Charlie' },
    ]);

    const nested = await admin('POST', `${records}/query`, {
      filter: {
        rel: 'or',
        cond: [
          { field: 'f_amount', method: 'range', value: [0, 100] },
          { rel: 'and', cond: [{ field: 'f_name', method: 'like', value: 'harl' }] },
        ],
      },
      sort: [{ field: 'f_name', dir: 'asc' }],
    });
    expect(nested.body.items?.map((r) => r.data?.f_name)).toEqual(['Alpha', 'Charlie', 'Delta']);

    const keyword = await admin('POST', `${records}/query`, { keyword: 'ravo' });
    expect(keyword.body.items?.map((r) => r.data?.f_name)).toEqual(['Bravo']);
  });

  it('pages with a cursor until every record was seen once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin('POST', `${records}/query`, {
        sort: [{ field: 'f_amount', dir: 'asc' }],
        limit: 2,
        ...(cursor === null ? {} : { cursor }),
      });
      expect(page.status).toBe(200);
      seen.push(...(page.body.items ?? []).map((r) => String(r.data?.f_name)));
      cursor = page.body.nextCursor ?? null;
    } while (cursor !== null);
    expect(seen).toEqual(['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo']);
  });

  it('rejects unknown fields and methods with 400', async () => {
    const unknownField = await admin('POST', `${records}/query`, {
      filter: { rel: 'and', cond: [{ field: 'f_ghost', method: 'eq', value: 1 }] },
    });
    expect(unknownField.status).toBe(400);
    const badSort = await admin('POST', `${records}/query`, { sort: [{ field: 'f_ghost', dir: 'asc' }] });
    expect(badSort.status).toBe(400);
    const badLimit = await admin('POST', `${records}/query`, { limit: 100000 });
    expect(badLimit.status).toBe(400);
  });
});

describe('records: links between forms', () => {
  /** An orders form linking to the customers form of this test: a link (block), a select-data copy and a linkage default. */
  async function ordersForm(customersId: string) {
    const definition: FormDefinition = {
      schema: {
        type: 'object',
        properties: {
          o_customer: { type: 'string' },
          o_pick: { type: 'string' },
          o_name: { type: 'string' },
          o_email: { type: 'string' },
          o_amount: { type: 'number' },
        },
      },
      uiSchema: {},
      fields: {
        o_customer: { kind: 'link', label: 'Customer', link: { formId: customersId, displayFields: ['f_name'] } },
        o_pick: {
          kind: 'select_data',
          label: 'Copy from',
          link: { formId: customersId, displayFields: ['f_name'], onDelete: 'clear', copy: { f_name: 'o_name' } },
        },
        o_name: { kind: 'text', label: 'Name' },
        o_email: { kind: 'text', label: 'E-mail to look up' },
        o_amount: {
          kind: 'money',
          label: 'Amount',
          default: {
            type: 'linkage',
            formId: customersId,
            condition: { rel: 'and', cond: [{ field: 'f_email', method: 'eq', valueFrom: { field: 'o_email' } }] },
            sourceField: 'f_amount',
          },
        },
      },
    };
    const { formId: ordersId } = await publishedForm(admin, definition);
    return `/api/forms/${ordersId}/records`;
  }

  it('refuses a delete while records link to it (409 naming form, field and count) and clears select-data picks', async () => {
    const orders = await ordersForm(formId);
    const acme = await create({ f_name: 'Acme', f_email: 'buy@acme.test', f_amount: 99 });
    const order = await admin('POST', orders, {
      data: { o_customer: acme.id, o_pick: acme.id, o_email: 'buy@acme.test' },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    // Copied on the server from the picked record, and the linkage default from the matching one.
    expect(order.body.data).toMatchObject({ o_name: 'Acme', o_amount: 99 });

    const refused = await admin('DELETE', `${records}/${acme.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('CONFLICT');
    expect(refused.body.error?.details).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/^links\.[^.]+\.o_customer$/), rule: 'linked' }),
    ]);
    expect(refused.body.error?.references).toEqual([expect.objectContaining({ field: 'o_customer', count: 1 })]);
    expect((await admin('GET', `${records}/${acme.id}`)).status).toBe(200);

    // Unlink the block-link; the delete then clears the select-data pick in the same step.
    const unlinked = await admin('PATCH', `${orders}/${order.body.id}`, { baseVersion: 1, data: { o_customer: null } });
    expect(unlinked.status).toBe(200);
    expect((await admin('DELETE', `${records}/${acme.id}`)).status).toBe(200);
    const after = await admin('GET', `${orders}/${order.body.id}`);
    expect(after.body.version).toBe(3);
    expect(after.body.data?.o_pick).toBeUndefined();
    expect(after.body.data?.o_name).toBe('Acme');
  });

  it('refuses links to records that do not exist', async () => {
    const orders = await ordersForm(formId);
    const answer = await admin('POST', orders, { data: { o_customer: 'nosuchrecord' } });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details).toEqual([expect.objectContaining({ path: 'data.o_customer', rule: 'link' })]);
  });
});
