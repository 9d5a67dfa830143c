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
