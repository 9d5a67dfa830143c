import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PNG_1PX, SVG, fakeExe, multipart } from './files-fixtures.js';

let t: TestApp;
let admin: Record<string, string>;
let alice: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_MAX_MB: '0.5' } });
  admin = t.auth(t.adminToken);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/org/users',
    headers: admin,
    payload: { username: 'alice', displayName: 'Alice', password: 'alice-password-1' },
  });
  expect(created.statusCode).toBe(201);
  alice = t.auth(await t.login('alice', 'alice-password-1'));
});
afterAll(async () => {
  await t?.close();
});

async function upload(headers: Record<string, string>, content: Buffer, name: string, type?: string) {
  const body = multipart(content, name, type);
  return t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}

describe('POST /api/files', () => {
  it('stores a PNG typed by its content and gives it back to its uploader as an attachment', async () => {
    const res = await upload(alice, PNG_1PX, 'photo.dat', 'text/html');
    expect(res.statusCode).toBe(201);
    const file = res.json() as { blobId: string; name: string; size: number; type: string };
    expect(file).toMatchObject({ name: 'photo.dat', size: PNG_1PX.length, type: 'image/png' });

    const down = await t.app.inject({ method: 'GET', url: `/api/files/${file.blobId}`, headers: alice });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload).toEqual(PNG_1PX);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['content-disposition']).toMatch(/^attachment; filename="photo.dat"/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-security-policy']).toContain("default-src 'none'");

    const inline = await t.app.inject({ method: 'GET', url: `/api/files/${file.blobId}?inline=1`, headers: alice });
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
  });

  it('lets admins read any file but hides it from other users (404, not 403)', async () => {
    const { blobId } = (await upload(admin, Buffer.from('a,b\n1,2\n'), 'table.csv')).json() as { blobId: string };
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${blobId}`, headers: admin })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: `/api/files/${blobId}`, headers: alice });
    expect(other.statusCode).toBe(404);
  });

  it('types text as text/plain or text/csv and never serves text inline', async () => {
    const res = await upload(alice, Buffer.from('name,amount\nAcme,12\n'), 'data.csv', 'image/png');
    expect(res.json()).toMatchObject({ type: 'text/csv' });
    const { blobId } = res.json() as { blobId: string };
    const down = await t.app.inject({ method: 'GET', url: `/api/files/${blobId}?inline=1`, headers: alice });
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('refuses a renamed .exe with 400 naming the fileType rule', async () => {
    const res = await upload(alice, fakeExe(), 'invoice.pdf', 'application/pdf');
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { details: Array<{ path: string; rule: string; message: string }> } };
    expect(body.error.details[0]).toMatchObject({ path: 'file', rule: 'fileType' });
    expect(body.error.details[0]?.message).toMatch(/EXE/);
  });

  it('refuses SVG and HTML even when named .png', async () => {
    const svg = await upload(alice, SVG, 'logo.png', 'image/png');
    expect(svg.statusCode).toBe(400);
    expect(svg.json()).toMatchObject({ error: { details: [{ rule: 'fileType' }] } });
    const html = await upload(alice, Buffer.from('<!DOCTYPE html><p onclick=x>hi'), 'notes.txt', 'text/plain');
    expect(html.statusCode).toBe(400);
  });

  it('answers 413 over the configured limit and keeps nothing', async () => {
    const before = await t.store.collection('blobs').countDocuments({});
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(600 * 1024)]);
    const res = await upload(alice, big, 'big.png');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', details: [{ rule: 'maxSize' }] } });
    expect(await t.store.collection('blobs').countDocuments({})).toBe(before);
  });

  it('answers 401 without credentials, for upload and download', async () => {
    const body = multipart(PNG_1PX, 'x.png');
    const up = await t.app.inject({ method: 'POST', url: '/api/files', headers: body.headers, payload: body.payload });
    expect(up.statusCode).toBe(401);
    const down = await t.app.inject({ method: 'GET', url: '/api/files/0123456789abcdef' });
    expect(down.statusCode).toBe(401);
  });

  it('answers 400 when the body is not multipart', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/files', headers: alice, payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('reading a file through a record that references it', () => {
  let bob: Record<string, string>;
  let formId: string;

  beforeAll(async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org/users',
      headers: admin,
      payload: { username: 'bob', displayName: 'Bob', password: 'bob-password-12' },
    });
    expect(created.statusCode).toBe(201);
    bob = t.auth(await t.login('bob', 'bob-password-12'));
    const users = (await t.app.inject({ method: 'GET', url: '/api/org/users', headers: admin })).json() as {
      items: Array<{ id: string; username: string }>;
    };
    const idOf = (name: string) => users.items.find((u) => u.username === name)!.id;
    const app = await t.app.inject({
      method: 'POST',
      url: '/api/apps',
      headers: admin,
      payload: { name: 'Contracts', members: { users: [idOf('alice'), idOf('bob')] } },
    });
    const appId = (app.json() as { id: string }).id;
    const form = await t.app.inject({
      method: 'POST',
      url: `/api/apps/${appId}/forms`,
      headers: admin,
      payload: {
        name: 'Contract',
        definition: {
          schema: {
            type: 'object',
            properties: {
              f_title: { type: 'string' },
              f_scan: { type: 'array', items: { type: 'object' } },
              f_private: { type: 'array', items: { type: 'object' } },
              f_lines: { type: 'array', items: { type: 'object' } },
            },
          },
          uiSchema: {},
          fields: {
            f_title: { kind: 'text', label: 'Title' },
            f_scan: { kind: 'attachment', label: 'Scan' },
            f_private: { kind: 'attachment', label: 'Internal notes' },
            f_lines: {
              kind: 'subform',
              label: 'Lines',
              subform: {
                fields: { l_name: { kind: 'text', label: 'Item' }, l_doc: { kind: 'attachment', label: 'Doc' } },
              },
            },
          },
        },
      },
    });
    formId = (form.json() as { id: string }).id;
    await t.app.inject({ method: 'POST', url: `/api/forms/${formId}/publish`, headers: admin, payload: {} });
    // Alice (the uploader) creates and reads everything; Bob reads only records titled "shared",
    // and not the internal-notes field.
    const groups = [
      {
        id: 'author',
        name: 'Author',
        subjects: { users: [idOf('alice')] },
        actions: ['create', 'read', 'delete'],
        scope: 'all',
      },
      {
        id: 'reader',
        name: 'Reader',
        subjects: { users: [idOf('bob')] },
        actions: ['read'],
        scope: { condition: { rel: 'and', cond: [{ field: 'f_title', method: 'eq', value: 'shared' }] } },
        fields: { readable: ['f_title', 'f_scan', 'f_lines'] },
      },
    ];
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/forms/${formId}/permissions`,
      headers: admin,
      payload: { groups },
    });
    expect(set.statusCode).toBe(200);
  });

  async function uploadAsAlice(name: string) {
    return (await upload(alice, Buffer.from(`${name}\n1,2\n`), `${name}.csv`)).json() as {
      blobId: string;
      name: string;
      size: number;
      type: string;
    };
  }
  const fileRef = (f: { blobId: string; name: string; size: number; type: string }) => ({
    blobId: f.blobId,
    name: f.name,
    size: f.size,
    type: f.type,
  });
  const download = (headers: Record<string, string>, blobId: string) =>
    t.app.inject({ method: 'GET', url: `/api/files/${blobId}`, headers }).then((r) => r.statusCode);
  async function createRecord(data: Record<string, unknown>) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${formId}/records`,
      headers: alice,
      payload: { data },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  }

  it('lets a reader of the record download its files, also inside subform rows', async () => {
    const scan = await uploadAsAlice('scan');
    const line = await uploadAsAlice('line');
    expect(await download(bob, scan.blobId)).toBe(404);
    await createRecord({
      f_title: 'shared',
      f_scan: [fileRef(scan)],
      f_lines: [{ l_name: 'A', l_doc: [fileRef(line)] }],
    });
    await expect.poll(() => download(bob, scan.blobId)).toBe(200);
    await expect.poll(() => download(bob, line.blobId)).toBe(200);
  });

  it('does not let a member download files of records outside their scope or in fields they may not read', async () => {
    const outside = await uploadAsAlice('outside');
    const hidden = await uploadAsAlice('hidden');
    const visible = await uploadAsAlice('visible');
    await createRecord({ f_title: 'private', f_scan: [fileRef(outside)] });
    await createRecord({ f_title: 'shared', f_scan: [fileRef(visible)], f_private: [fileRef(hidden)] });
    // The visible file of the same record becomes readable: the index has caught up.
    await expect.poll(() => download(bob, visible.blobId)).toBe(200);
    expect(await download(bob, hidden.blobId)).toBe(404);
    expect(await download(bob, outside.blobId)).toBe(404);
    // Someone who is not a member of the app at all.
    const carol = await t.app.inject({
      method: 'POST',
      url: '/api/org/users',
      headers: admin,
      payload: { username: 'carol', displayName: 'Carol', password: 'carol-password-1' },
    });
    expect(carol.statusCode).toBe(201);
    const asCarol = t.auth(await t.login('carol', 'carol-password-1'));
    expect(await download(asCarol, visible.blobId)).toBe(404);
  });

  it('does not make someone else’s file readable by putting its id into a record', async () => {
    const secret = (await upload(admin, Buffer.from('salary,1\n'), 'salaries.csv')).json() as {
      blobId: string;
      name: string;
      size: number;
      type: string;
    };
    const decoy = await uploadAsAlice('decoy');
    await createRecord({ f_title: 'shared', f_scan: [fileRef(secret), fileRef(decoy)] });
    await expect.poll(() => download(bob, decoy.blobId)).toBe(200);
    expect(await download(bob, secret.blobId)).toBe(404);
    expect(await download(alice, secret.blobId)).toBe(404);
  });

  it('stops granting access once the record is deleted and purged', async () => {
    const doc = await uploadAsAlice('purged');
    const id = await createRecord({ f_title: 'shared', f_scan: [fileRef(doc)] });
    await expect.poll(() => download(bob, doc.blobId)).toBe(200);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/forms/${formId}/records/${id}`, headers: alice });
    expect(del.statusCode).toBe(200);
    expect(await download(bob, doc.blobId)).toBe(404);
    const purge = await t.app.inject({ method: 'DELETE', url: `/api/forms/${formId}/bin/${id}`, headers: admin });
    expect(purge.statusCode).toBe(200);
    expect(await download(bob, doc.blobId)).toBe(404);
    // The uploader keeps their file.
    expect(await download(alice, doc.blobId)).toBe(200);
  });
});
