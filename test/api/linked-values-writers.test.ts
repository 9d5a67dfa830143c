import ExcelJS from 'exceljs';
import type { FormDefinition } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { multipart } from './files-fixtures.js';
import { flowGraph, until } from './flows-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

/**
 * Select-data copies (选择数据) and data-linkage defaults (数据联动) apply on the server to every
 * way a record is written, not only the interactive API: Excel imports (as the importing
 * user), public-link submissions and automations (reading the forms of the same app only).
 */
let t: TestApp;
let admin: Call;
let anonymous: Call;
let appId: string;
let otherAppId: string;
const forms = { products: '', lines: '', requests: '', secrets: '' };
let hammerId: string;

const productsDefinition: FormDefinition = {
  schema: { type: 'object', properties: { p_code: { type: 'string' }, p_price: { type: 'number' } } },
  uiSchema: {},
  fields: { p_code: { kind: 'text', label: 'Code' }, p_price: { kind: 'money', label: 'Price' } },
};

const secretsDefinition: FormDefinition = {
  schema: { type: 'object', properties: { s_code: { type: 'string' }, s_value: { type: 'string' } } },
  uiSchema: {},
  fields: { s_code: { kind: 'text', label: 'Code' }, s_value: { kind: 'text', label: 'Secret' } },
};

const requestsDefinition: FormDefinition = {
  schema: { type: 'object', properties: { r_code: { type: 'string' } } },
  uiSchema: {},
  fields: { r_code: { kind: 'text', label: 'Code' } },
};

/** Lines: a select-data pick copying code and price, a price looked up by code, a value looked up in another app. */
function linesDefinition(productsId: string, secretsId: string): FormDefinition {
  const byLookup = (field: string) => ({
    rel: 'and' as const,
    cond: [{ field, method: 'eq' as const, valueFrom: { field: 'f_lookup' } }],
  });
  return {
    schema: {
      type: 'object',
      properties: {
        f_product: { type: 'string' },
        f_code: { type: 'string' },
        f_price: { type: 'number' },
        f_lookup: { type: 'string' },
        f_list_price: { type: 'number' },
        f_secret: { type: 'string' },
        f_rows: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: {},
    fields: {
      f_product: {
        kind: 'select_data',
        label: 'Product',
        link: { formId: productsId, displayFields: ['p_code'], copy: { p_code: 'f_code', p_price: 'f_price' } },
      },
      f_code: { kind: 'text', label: 'Code' },
      f_price: { kind: 'money', label: 'Price' },
      f_lookup: { kind: 'text', label: 'Code to look up' },
      f_list_price: {
        kind: 'number',
        label: 'List price',
        default: { type: 'linkage', formId: productsId, condition: byLookup('p_code'), sourceField: 'p_price' },
      },
      f_secret: {
        kind: 'text',
        label: 'From another app',
        default: { type: 'linkage', formId: secretsId, condition: byLookup('s_code'), sourceField: 's_value' },
      },
      f_rows: {
        kind: 'subform',
        label: 'Rows',
        subform: {
          fields: {
            r_code: { kind: 'text', label: 'Code' },
            r_price: {
              kind: 'number',
              label: 'Price',
              default: {
                type: 'linkage',
                formId: productsId,
                condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'r_code' } }] },
                sourceField: 'p_price',
              },
            },
          },
        },
      },
    },
  };
}

function expectStatus(what: string, answer: { status: number; body: ApiBody }, status: number): ApiBody {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function form(inApp: string, name: string, definition: FormDefinition): Promise<string> {
  const created = expectStatus(name, await admin('POST', `/api/apps/${inApp}/forms`, { name, definition }), 201);
  const formId = String(created.id);
  expectStatus('publish', await admin('POST', `/api/forms/${formId}/publish`, {}), 201);
  return formId;
}

/** The lines' records as the admin reads them, newest last. */
async function lines(): Promise<Array<Record<string, unknown>>> {
  const page = await admin('POST', `/api/forms/${forms.lines}/records/query`, {
    sort: [{ field: 'createdAt', dir: 'asc' }],
  });
  return (page.body.items ?? []).map((r) => r.data ?? {});
}

beforeAll(async () => {
  t = await createTestApp();
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  appId = String(expectStatus('app', await admin('POST', '/api/apps', { name: 'Shop' }), 201).id);
  otherAppId = String(expectStatus('app', await admin('POST', '/api/apps', { name: 'Vault' }), 201).id);
  forms.products = await form(appId, 'Products', productsDefinition);
  forms.secrets = await form(otherAppId, 'Secrets', secretsDefinition);
  forms.requests = await form(appId, 'Requests', requestsDefinition);
  forms.lines = await form(appId, 'Lines', linesDefinition(forms.products, forms.secrets));
  hammerId = String(
    expectStatus(
      'product',
      await admin('POST', `/api/forms/${forms.products}/records`, { data: { p_code: 'H-1', p_price: 12.5 } }),
      201,
    ).id,
  );
  await admin('POST', `/api/forms/${forms.products}/records`, { data: { p_code: 'S-2', p_price: 3 } });
  await admin('POST', `/api/forms/${forms.secrets}/records`, { data: { s_code: 'H-1', s_value: 'vault value' } });
});
afterAll(async () => t.close());

describe('the interactive API (for comparison)', () => {
  it('a signed-in admin gets the copies and both defaults (the admin may read the other app)', async () => {
    const line = expectStatus(
      'line',
      await admin('POST', `/api/forms/${forms.lines}/records`, { data: { f_product: hammerId, f_lookup: 'H-1' } }),
      201,
    );
    expect(line.data).toMatchObject({ f_code: 'H-1', f_price: 12.5, f_list_price: 12.5, f_secret: 'vault value' });
  });
});

describe('public-link submissions', () => {
  it('fill linkage defaults from the same app, nothing from another app, and answer only the id', async () => {
    const link = expectStatus(
      'link',
      await admin('PUT', `/api/forms/${forms.lines}/public-link`, { enabled: true }),
      200,
    );
    const token = String((link.publicLink as { token: string }).token);
    const submitted = expectStatus(
      'submit',
      await anonymous('POST', `/api/public/forms/${token}/records`, { data: { f_lookup: 'S-2' } }),
      201,
    );
    expect(Object.keys(submitted).sort()).toEqual(['createdAt', 'id']);
    const stored = expectStatus(
      'read',
      await admin('GET', `/api/forms/${forms.lines}/records/${String(submitted.id)}`),
      200,
    );
    expect(stored.data).toMatchObject({ f_lookup: 'S-2', f_list_price: 3 });

    const again = expectStatus(
      'submit',
      await anonymous('POST', `/api/public/forms/${token}/records`, { data: { f_lookup: 'H-1' } }),
      201,
    );
    const read = expectStatus('read', await admin('GET', `/api/forms/${forms.lines}/records/${String(again.id)}`), 200);
    expect(read.data).toMatchObject({ f_list_price: 12.5 });
    // The Vault app's record matches too, but a public link never reads another app.
    expect(read.data?.f_secret).toBeUndefined();
  });

  it('fill the linkage defaults of subform columns in each submitted row', async () => {
    const link = expectStatus(
      'link',
      await admin('PUT', `/api/forms/${forms.lines}/public-link`, { enabled: true }),
      200,
    );
    const token = String((link.publicLink as { token: string }).token);
    const form = expectStatus('public form', await anonymous('GET', `/api/public/forms/${token}`), 200);
    // The public page is not told about linkage (it could not read the other form anyway).
    const columns = (form.definition as { fields: Record<string, { subform?: { fields: Record<string, object> } }> })
      .fields.f_rows.subform?.fields;
    expect(columns?.r_price).not.toHaveProperty('default');
    const submitted = expectStatus(
      'submit',
      await anonymous('POST', `/api/public/forms/${token}/records`, {
        data: { f_rows: [{ r_code: 'H-1' }, { r_code: 'S-2' }] },
      }),
      201,
    );
    const stored = expectStatus(
      'read',
      await admin('GET', `/api/forms/${forms.lines}/records/${String(submitted.id)}`),
      200,
    );
    const rows = stored.data?.f_rows as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.r_code, r.r_price])).toEqual([
      ['H-1', 12.5],
      ['S-2', 3],
    ]);
  });

  it('refuses a select-data pick and copies nothing from it', async () => {
    const link = expectStatus(
      'link',
      await admin('PUT', `/api/forms/${forms.lines}/public-link`, { enabled: true }),
      200,
    );
    const token = String((link.publicLink as { token: string }).token);
    const before = (await lines()).length;
    const refused = await anonymous('POST', `/api/public/forms/${token}/records`, { data: { f_product: hammerId } });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.details[0]).toMatchObject({ path: 'data.f_product', rule: 'writable' });
    expect(await lines()).toHaveLength(before);
  });
});

describe('automations', () => {
  it('a record created by a flow gets the select-data copies and the linkage defaults of its own app only', async () => {
    const flow = flowGraph(
      'automation',
      undefined,
      [
        ['trigger', 'trigger', { trigger: { type: 'record_created', formId: forms.requests } }],
        [
          'create',
          'create_record',
          {
            formId: forms.lines,
            fieldMap: {
              f_lookup: { from: 'field', field: 'r_code' },
              f_product: { from: 'value', value: hammerId },
            },
          },
        ],
        ['end', 'end', { result: 'ended' }],
      ],
      [
        ['trigger', 'create'],
        ['create', 'end'],
      ],
    );
    const created = expectStatus(
      'flow',
      await admin('POST', `/api/apps/${appId}/flows`, { name: 'Request → line', mode: 'automation', definition: flow }),
      201,
    );
    expectStatus('publish flow', await admin('POST', `/api/flows/${String(created.id)}/publish`, {}), 201);
    const before = (await lines()).length;
    await admin('POST', `/api/forms/${forms.requests}/records`, { data: { r_code: 'H-1' } });
    const all = await until('the line the automation creates', async () => {
      const found = await lines();
      return found.length > before ? found : null;
    });
    const line = all[all.length - 1];
    expect(line).toMatchObject({ f_product: hammerId, f_code: 'H-1', f_price: 12.5, f_list_price: 12.5 });
    expect(line.f_secret).toBeUndefined();
    expectStatus('disable', await admin('PUT', `/api/flows/${String(created.id)}/enabled`, { enabled: false }), 200);
  });
});

describe('Excel imports', () => {
  async function workbook(rows: string[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Lines');
    sheet.addRow(['Product', 'Lookup']);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function importAs(token: string, rows: string[][]): Promise<ApiBody> {
    const caller = injectCall(t.app, token);
    const body = multipart(await workbook(rows), 'lines.xlsx');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${forms.lines}/imports`,
      headers: { ...t.auth(token), ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    const { importId } = upload.json() as { importId: string };
    const status = async (states: string[]) =>
      until(`import ${states.join('/')}`, async () => {
        const s = await caller('GET', `/api/imports/${importId}`);
        return states.includes(String(s.body.state)) ? s.body : null;
      });
    await status(['ready']);
    expectStatus(
      'start',
      await caller('POST', `/api/imports/${importId}/start`, { mapping: { '0': 'f_product', '1': 'f_lookup' } }),
      202,
    );
    return status(['done', 'failed']);
  }

  it('imported rows get the copies of the picked record and the linkage defaults, read as the importer', async () => {
    const before = (await lines()).length;
    expect(
      await importAs(t.adminToken, [
        [hammerId, 'S-2'],
        ['', 'H-1'],
      ]),
    ).toMatchObject({ state: 'done', created: 2 });
    // One batch: the two rows share a creation time, so they are told apart by what they hold.
    const imported = (await lines()).slice(before);
    const first = imported.find((r) => r.f_lookup === 'S-2');
    const second = imported.find((r) => r.f_lookup === 'H-1');
    expect(first).toMatchObject({ f_product: hammerId, f_code: 'H-1', f_price: 12.5, f_list_price: 3 });
    expect(second).toMatchObject({ f_list_price: 12.5, f_secret: 'vault value' });
  });

  it('an importer who may not read the other app gets no values from it', async () => {
    const ivy = await signedInUser(admin, anonymous, 'ivy');
    expectStatus('members', await admin('PATCH', `/api/apps/${appId}`, { members: { users: [ivy.id] } }), 200);
    for (const formId of [forms.lines, forms.products])
      expectStatus(
        'permissions',
        await admin('PUT', `/api/forms/${formId}/permissions`, {
          groups: [
            {
              id: 'g1',
              name: 'All',
              subjects: { everyone: true },
              actions: ['create', 'read', 'import'],
              scope: 'all',
            },
          ],
        }),
        200,
      );
    const before = (await lines()).length;
    expect(await importAs(ivy.token, [['', 'H-1']])).toMatchObject({ state: 'done', created: 1 });
    const [line] = (await lines()).slice(before);
    expect(line).toMatchObject({ f_list_price: 12.5 });
    expect(line.f_secret).toBeUndefined();
  });
});
