import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rearmImports } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PNG_1PX, multipart } from './files-fixtures.js';
import { publishedForm, type ApiBody, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let bob: Call;
let bobId: string;

function caller(token: string): Call {
  return async (method, url, body, headers = {}) => {
    const res = await t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...t.auth(token), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : {}) as ApiBody };
  };
}

async function raw(token: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: t.auth(token), ...(payload ? { payload } : {}) });
}

async function readWorkbook(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = caller(t.adminToken);
  const created = await admin('POST', '/api/org/users', {
    username: 'bob',
    displayName: 'Bob',
    password: 'bob-password-1',
  });
  bobId = String(created.body.id);
  bob = caller(await t.login('bob', 'bob-password-1'));
});
afterAll(async () => {
  await t?.close();
});

describe('POST /api/forms/:formId/records/export', () => {
  it('exports the filtered records with label headers and values formatted per kind', async () => {
    const { formId } = await publishedForm(admin);
    const records = `/api/forms/${formId}/records`;
    const won = {
      f_name: 'Acme',
      f_email: 'acme@example.com',
      f_stage: 'won',
      f_amount: 1234.5,
      f_since: '2026-03-01',
      f_active: true,
      f_tags: ['vip', 'partner'],
      f_notes: '=HYPERLINK("http://evil")',
    };
    expect((await admin('POST', records, { data: won })).status).toBe(201);
    expect((await admin('POST', records, { data: { f_name: 'Lost Ltd', f_stage: 'lost' } })).status).toBe(201);

    const res = await raw(t.adminToken, 'POST', `${records}/export`, {
      filter: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'won' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Customers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await readWorkbook(res.rawPayload);
    const header = rows[0] as string[];
    expect(header).toEqual(expect.arrayContaining(['Name', 'Email', 'Stage', 'Amount', 'Customer since', 'Tags']));
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({ Name: 'Acme', Stage: 'Won', Amount: 1234.5, Tags: 'VIP, Partner', Active: true });
    expect(row['Customer since']).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    // A formula-looking value stays text: a text cell with the Text format, so editing it in Excel keeps it text.
    expect(row.Notes).toBe('=HYPERLINK("http://evil")');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getRow(2);
    const notes = cells.getCell(header.indexOf('Notes') + 1);
    expect(notes.type).toBe(ExcelJS.ValueType.String);
    expect(notes.numFmt).toBe('@');
    expect(cells.getCell(header.indexOf('Name') + 1).numFmt).not.toBe('@');
  });

  it('needs the export permission, and exports only the rows and fields the caller may read', async () => {
    const { appId, formId } = await publishedForm(admin);
    const records = `/api/forms/${formId}/records`;
    await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bobId] } });
    const group = (actions: string[]) => ({
      id: 'reps',
      name: 'Reps',
      subjects: { users: [bobId] },
      actions,
      scope: 'own',
      fields: { readable: ['f_name', 'f_stage'], writable: ['f_name', 'f_stage'] },
    });
    await admin('PUT', `/api/forms/${formId}/permissions`, { groups: [group(['create', 'read'])] });
    await admin('POST', records, { data: { f_name: 'Admin row', f_amount: 5 } });
    expect((await bob('POST', records, { data: { f_name: 'Bob row', f_stage: 'lead' } })).status).toBe(201);

    const refused = await raw((await t.login('bob', 'bob-password-1')) as string, 'POST', `${records}/export`, {});
    expect(refused.statusCode).toBe(403);

    await admin('PUT', `/api/forms/${formId}/permissions`, { groups: [group(['create', 'read', 'export'])] });
    const res = await raw(await t.login('bob', 'bob-password-1'), 'POST', `${records}/export`, {});
    expect(res.statusCode).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual(['Name', 'Stage', 'Created at', 'Updated at']);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([['Bob row', 'Lead']]);
  });

  it('names the columns it adds in the language the table is shown in', async () => {
    const { formId } = await publishedForm(admin);
    await admin('POST', `/api/forms/${formId}/records`, { data: { f_name: 'Acme' } });
    const header = async (language?: string) => {
      const res = await raw(t.adminToken, 'POST', `/api/forms/${formId}/records/export`, {
        fields: ['f_name'],
        ...(language ? { language } : {}),
      });
      expect(res.statusCode).toBe(200);
      return (await readWorkbook(res.rawPayload))[0];
    };
    expect(await header('zh-CN')).toEqual(['Name', '创建时间', '更新时间']);
    expect(await header()).toEqual(['Name', 'Created at', 'Updated at']);
    const refused = await raw(t.adminToken, 'POST', `/api/forms/${formId}/records/export`, { language: 'fr' });
    expect(refused.statusCode).toBe(400);
  });

  it('answers a bad filter with 400 in the error shape, not a broken file', async () => {
    const { formId } = await publishedForm(admin);
    const res = await raw(t.adminToken, 'POST', `/api/forms/${formId}/records/export`, {
      filter: { rel: 'and', cond: [{ field: 'f_nope', method: 'eq', value: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});

/** 2,000 customers; rows with a known problem at fixed data-row indexes (0-based). */
const ROWS = 2000;
const BAD: Record<number, { field: string; rule: string }> = {
  9: { field: 'f_stage', rule: 'enum' },
  499: { field: 'f_amount', rule: 'type' },
  1203: { field: 'f_email', rule: 'format' },
  1499: { field: 'f_name', rule: 'required' },
  1700: { field: 'f_email', rule: 'unique' },
};

async function customersWorkbook(rowCount = ROWS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Customers');
  sheet.addRow(['Name', 'Email', 'Stage', 'Amount', 'Customer since', 'Tags', 'Active', 'Ignored']);
  for (let i = 0; i < rowCount; i++) {
    const row: unknown[] = [
      `Customer ${i}`,
      `c${i}@example.com`,
      ['Lead', 'Won', 'lost'][i % 3],
      i * 10 + 0.5,
      new Date(Date.UTC(2025, i % 12, 1 + (i % 28))),
      i % 2 ? 'VIP, Partner' : 'VIP',
      i % 2 ? 'yes' : 'no',
      'x',
    ];
    if (i === 9) row[2] = 'Unknown stage';
    if (i === 499) row[3] = 'a lot';
    if (i === 1203) row[1] = 'not-an-email';
    if (i === 1499) row[0] = null;
    if (i === 1700) row[1] = 'c1650@example.com';
    sheet.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The slowest status answer seen while waiting (a figure for the report: the server stays responsive during an import). */
let slowestStatusMs = 0;

async function waitFor(importId: string, states: string[], timeoutMs = 60_000): Promise<ApiBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const asked = Date.now();
    const status = await admin('GET', `/api/imports/${importId}`);
    slowestStatusMs = Math.max(slowestStatusMs, Date.now() - asked);
    if (states.includes(String(status.body.state))) return status.body;
    if (Date.now() > until) throw new Error(`import stuck: ${JSON.stringify(status.body).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function uploadImport(formId: string, content: Buffer, name: string) {
  const body = multipart(content, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/forms/${formId}/imports`,
    headers: { ...t.auth(t.adminToken), ...body.headers },
    payload: body.payload,
  });
}

describe('Excel import', () => {
  it('imports 2,000 rows in chunks, lands the good rows and reports each bad row with its field and rule', async () => {
    const { formId } = await publishedForm(admin);
    const upload = await uploadImport(formId, await customersWorkbook(), 'customers.xlsx');
    expect(upload.statusCode).toBe(201);
    const { importId } = upload.json() as { importId: string };

    const ready = await waitFor(importId, ['ready', 'failed']);
    expect(ready).toMatchObject({ state: 'ready', total: ROWS, processed: 0 });
    expect((ready.columns as Array<{ header: string }>).map((c) => c.header)).toEqual([
      'Name',
      'Email',
      'Stage',
      'Amount',
      'Customer since',
      'Tags',
      'Active',
      'Ignored',
    ]);

    const badMapping = await admin('POST', `/api/imports/${importId}/start`, { mapping: { '0': 'f_nope' } });
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.error?.details[0]).toMatchObject({ path: 'mapping.0', rule: 'unknownField' });

    const mapping = {
      '0': 'f_name',
      '1': 'f_email',
      '2': 'f_stage',
      '3': 'f_amount',
      '4': 'f_since',
      '5': 'f_tags',
      '6': 'f_active',
    };
    const started = Date.now();
    expect((await admin('POST', `/api/imports/${importId}/start`, { mapping })).status).toBe(202);
    expect((await admin('POST', `/api/imports/${importId}/start`, { mapping })).status).toBe(409);
    slowestStatusMs = 0;
    const done = await waitFor(importId, ['done', 'failed']);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `import: ${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s; slowest status answer meanwhile ${slowestStatusMs} ms`,
    );

    const badCount = Object.keys(BAD).length;
    expect(done).toMatchObject({
      state: 'done',
      total: ROWS,
      processed: ROWS,
      created: ROWS - badCount,
      failed: badCount,
    });
    const errors = done.errors as Array<{ row: number; field: string; rule: string }>;
    const expected = Object.entries(BAD).map(([i, e]) => ({ row: Number(i) + 2, ...e }));
    for (const e of expected) expect(errors).toEqual(expect.arrayContaining([expect.objectContaining(e)]));
    expect(new Set(errors.map((e) => e.row)).size).toBe(badCount);

    // The file and its row chunks are released once the import is done; the status and errors stay.
    expect(await t.store.collection('import_chunks').countDocuments({ importId })).toBe(0);
    expect(await t.store.collection('blobs').countDocuments({ name: 'customers.xlsx' })).toBe(0);

    const page = await admin('POST', `/api/forms/${formId}/records/query`, {
      filter: { rel: 'and', cond: [{ field: 'f_email', method: 'eq', value: 'c1@example.com' }] },
    });
    expect(page.body.total).toBe(1);
    expect(page.body.items?.[0]?.data).toMatchObject({
      f_name: 'Customer 1',
      f_stage: 'won',
      f_amount: 10.5,
      f_since: '2025-02-02',
      f_tags: ['vip', 'partner'],
      f_active: true,
    });
    const all = await admin('POST', `/api/forms/${formId}/records/query`, { limit: 1 });
    expect(all.body.total).toBe(ROWS - badCount);

    const report = await raw(t.adminToken, 'GET', `/api/imports/${importId}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    const rows = await readWorkbook(report.rawPayload);
    expect(rows[0]).toEqual([
      'Row',
      'Name',
      'Email',
      'Stage',
      'Amount',
      'Customer since',
      'Tags',
      'Active',
      'Ignored',
      'Errors',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((e) => e.row));
    expect(String(rows[1]![9])).toMatch(/Stage: .*\(enum\)/);
  }, 90_000);

  it('imports an exported file back into another form, mapping columns by their labels', async () => {
    const source = await publishedForm(admin);
    const items = Array.from({ length: 300 }, (_, i) => ({
      data: {
        f_name: `Row ${i}`,
        f_email: `r${i}@example.com`,
        f_stage: 'won',
        f_since: '2026-01-15',
        f_tags: ['vip'],
      },
    }));
    expect((await admin('POST', `/api/forms/${source.formId}/records/batch`, { create: items })).status).toBe(200);
    const started = Date.now();
    const exported = await raw(t.adminToken, 'POST', `/api/forms/${source.formId}/records/export`, {});
    console.log(`export: 300 rows in ${Date.now() - started} ms, ${exported.rawPayload.length} bytes`);

    const target = await publishedForm(admin);
    const upload = await uploadImport(target.formId, exported.rawPayload, 'export.xlsx');
    const { importId } = upload.json() as { importId: string };
    const ready = await waitFor(importId, ['ready', 'failed']);
    expect(ready.total).toBe(300);
    const fieldByLabel: Record<string, string> = {
      Name: 'f_name',
      Email: 'f_email',
      Stage: 'f_stage',
      'Customer since': 'f_since',
      Tags: 'f_tags',
    };
    const mapping = Object.fromEntries(
      (ready.columns as Array<{ index: number; header: string }>)
        .filter((c) => fieldByLabel[c.header])
        .map((c) => [String(c.index), fieldByLabel[c.header]]),
    );
    expect(Object.keys(mapping)).toHaveLength(5);
    expect((await admin('POST', `/api/imports/${importId}/start`, { mapping })).status).toBe(202);
    expect(await waitFor(importId, ['done', 'failed'])).toMatchObject({ state: 'done', created: 300, failed: 0 });
    const back = await admin('POST', `/api/forms/${target.formId}/records/query`, {
      filter: { rel: 'and', cond: [{ field: 'f_email', method: 'eq', value: 'r7@example.com' }] },
    });
    expect(back.body.items?.[0]?.data).toMatchObject({
      f_name: 'Row 7',
      f_stage: 'won',
      f_since: '2026-01-15',
      f_tags: ['vip'],
    });
  }, 60_000);

  it('finishes an import whose jobs were lost in a crash when the worker re-arms from the store', async () => {
    const { formId } = await publishedForm(admin);
    const upload = await uploadImport(formId, await customersWorkbook(450), 'crash.xlsx');
    const { importId } = upload.json() as { importId: string };
    expect(await waitFor(importId, ['ready', 'failed'])).toMatchObject({ state: 'ready', total: 450 });
    // As if `start` committed and the process died before its chunk jobs ran.
    await t.store
      .collection('imports')
      .updateOne({ _id: importId }, { $set: { state: 'running', mapping: { '0': 'f_name', '1': 'f_email' } } });
    expect((await admin('GET', `/api/imports/${importId}`)).body).toMatchObject({ state: 'running', processed: 0 });

    await rearmImports(t.app.services);
    const done = await waitFor(importId, ['done', 'failed']);
    expect(done).toMatchObject({ state: 'done', processed: 450, created: 450, failed: 0 });
  }, 30_000);

  it('refuses a file that is not an .xlsx workbook, naming the rule', async () => {
    const { formId } = await publishedForm(admin);
    const res = await uploadImport(formId, PNG_1PX, 'customers.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { details: [{ path: 'file', rule: 'fileType' }] } });
  });

  it('shows an import only to the user who made it (404 for others)', async () => {
    const { formId } = await publishedForm(admin);
    const upload = await uploadImport(formId, await customersWorkbook(), 'c.xlsx');
    const { importId } = upload.json() as { importId: string };
    expect((await bob('GET', `/api/imports/${importId}`)).status).toBe(404);
    expect((await bob('POST', `/api/imports/${importId}/start`, { mapping: { '0': 'f_name' } })).status).toBe(404);
    await waitFor(importId, ['ready', 'failed']);
  }, 30_000);
});

describe('linked records in Excel', () => {
  /** An orders form in the customers' app whose "Customer" field links to a customer by name. */
  async function ordersLinkingCustomers() {
    const customers = await publishedForm(admin);
    const orders = await admin('POST', `/api/apps/${customers.appId}/forms`, {
      name: 'Orders',
      definition: {
        schema: {
          type: 'object',
          properties: { o_title: { type: 'string' }, o_customer: { type: 'string' } },
        },
        uiSchema: { 'ui:order': ['o_title', 'o_customer'] },
        fields: {
          o_title: { kind: 'text', label: 'Title' },
          o_customer: {
            kind: 'link',
            label: 'Customer',
            link: { formId: customers.formId, displayFields: ['f_name'] },
          },
        },
      },
    });
    expect(orders.status).toBe(201);
    const ordersId = String(orders.body.id);
    expect((await admin('POST', `/api/forms/${ordersId}/publish`, {})).status).toBe(201);
    const made = await admin('POST', `/api/forms/${customers.formId}/records/batch`, {
      create: [
        { data: { f_name: 'Acme Trading', f_email: 'acme@example.com' } },
        { data: { f_name: 'Twin', f_email: 'twin1@example.com' } },
        { data: { f_name: 'Twin', f_email: 'twin2@example.com' } },
      ],
    });
    expect(made.status).toBe(200);
    const page = await admin('POST', `/api/forms/${customers.formId}/records/query`, {
      sort: [{ field: 'f_email', dir: 'asc' }],
    });
    const ids = Object.fromEntries(
      (page.body.items as Array<{ id: string; data: { f_email: string } }>).map((r) => [r.data.f_email, r.id]),
    );
    return { ordersId, acme: ids['acme@example.com']!, twin: ids['twin1@example.com']! };
  }

  it('exports a link by its display fields and imports it back by that label or by the record id', async () => {
    const { ordersId, acme, twin } = await ordersLinkingCustomers();
    const orders = `/api/forms/${ordersId}/records`;
    expect((await admin('POST', orders, { data: { o_title: 'First order', o_customer: acme } })).status).toBe(201);

    const exported = await raw(t.adminToken, 'POST', `${orders}/export`, {});
    expect(exported.statusCode).toBe(200);
    const rows = await readWorkbook(exported.rawPayload);
    expect(rows[0]!.slice(0, 2)).toEqual(['Title', 'Customer']);
    expect(rows[1]!.slice(0, 2)).toEqual(['First order', 'Acme Trading']);

    // The exported file plus hand-written rows: an id, an ambiguous label, a label naming nobody.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    sheet.addRow(['By id', twin]);
    sheet.addRow(['Ambiguous', 'Twin']);
    sheet.addRow(['Unknown', 'Nobody Ltd']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const upload = await uploadImport(ordersId, file, 'orders.xlsx');
    const { importId } = upload.json() as { importId: string };
    await waitFor(importId, ['ready', 'failed']);
    const mapping = { '0': 'o_title', '1': 'o_customer' };
    expect((await admin('POST', `/api/imports/${importId}/start`, { mapping })).status).toBe(202);
    const done = await waitFor(importId, ['done', 'failed']);
    expect(done).toMatchObject({ state: 'done', created: 2, failed: 2 });

    const back = await admin('POST', `${orders}/query`, {});
    const byTitle = (title: string) =>
      (back.body.items as Array<{ data: Record<string, unknown> }>).filter((r) => r.data.o_title === title);
    expect(byTitle('First order').map((r) => r.data.o_customer)).toEqual([acme, acme]);
    expect(byTitle('By id')[0]?.data.o_customer).toBe(twin);

    const text = JSON.stringify(done);
    expect(text).toContain('link_ambiguous');
    expect(text).toContain('Nobody Ltd');
    expect(text).toContain('o_customer');
  }, 60_000);

  it('writes the id, not the label, of a linked record the exporter may not read', async () => {
    const { ordersId, acme } = await ordersLinkingCustomers();
    const orders = `/api/forms/${ordersId}/records`;
    const published = (await admin('GET', `/api/forms/${ordersId}/published`)).body as unknown as {
      definition: { fields: { o_customer: { link: { formId: string } } } };
    };
    const customersFormId = published.definition.fields.o_customer.link.formId;
    const appId = String((await admin('GET', `/api/forms/${ordersId}`)).body.appId);
    await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bobId] } });
    const everything = (actions: string[]) => ({
      id: 'all',
      name: 'All',
      subjects: { users: [bobId] },
      actions,
      scope: 'all',
    });
    await admin('PUT', `/api/forms/${ordersId}/permissions`, { groups: [everything(['read', 'export'])] });
    await admin('PUT', `/api/forms/${customersFormId}/permissions`, { groups: [] });
    await admin('POST', orders, { data: { o_title: 'Order', o_customer: acme } });

    const bobToken = await t.login('bob', 'bob-password-1');
    const hidden = await readWorkbook((await raw(bobToken, 'POST', `${orders}/export`, {})).rawPayload);
    expect(hidden[1]!.slice(0, 2)).toEqual(['Order', acme]);

    await admin('PUT', `/api/forms/${customersFormId}/permissions`, { groups: [everything(['read'])] });
    const shown = await readWorkbook((await raw(bobToken, 'POST', `${orders}/export`, {})).rawPayload);
    expect(shown[1]!.slice(0, 2)).toEqual(['Order', 'Acme Trading']);
  });
});
