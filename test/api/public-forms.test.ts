import type { FormDefinition } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreOf, cleanAbandonedPublicUploads } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PNG_1PX, multipart } from './files-fixtures.js';

/**
 * A form's public link (公开链接): managers turn it on/off and regenerate it; anyone with the
 * link submits records anonymously through the same engine write path as signed-in users.
 */
const RATE = 4;
let t: TestApp;
let admin: Record<string, string>;
let member: Record<string, string>;
let appId: string;
let formId: string;

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; rule: string; message: string }> };
}

function signupDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', minLength: 1, maxLength: 50 },
        f_email: { type: 'string', format: 'email' },
        f_seats: { type: 'number', minimum: 1, maximum: 10 },
        f_total: {},
        f_owner: { type: 'string' },
        f_photo: { type: 'array', items: { type: 'object' } },
        f_guests: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_email', 'f_seats', 'f_total', 'f_owner', 'f_photo', 'f_guests'] },
    fields: {
      f_name: { kind: 'text', label: 'Name' },
      f_email: { kind: 'email', label: 'Email', unique: true },
      f_seats: { kind: 'number', label: 'Seats' },
      f_total: { kind: 'formula', label: 'Total', formula: '{f_seats} * 100' },
      f_owner: { kind: 'member', label: 'Sales owner' },
      f_photo: { kind: 'image', label: 'Photo', file: { maxCount: 2 } },
      f_guests: {
        kind: 'subform',
        label: 'Guests',
        subform: {
          fields: {
            g_name: { kind: 'text', label: 'Guest' },
            g_host: { kind: 'member', label: 'Host' },
          },
        },
      },
    },
  };
}

async function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function setLink(enabled: boolean): Promise<string | null> {
  const res = await call('PUT', `/api/forms/${formId}/public-link`, admin, { enabled });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { publicLink: { enabled: boolean; token: string | null } };
  expect(body.publicLink.enabled).toBe(enabled);
  return body.publicLink.token;
}

/** Each anonymous caller is another address, so the per-address limits stay out of the way. */
let nextAddress = 1;
function anonymous(): Record<string, string> {
  return { 'x-forwarded-for': `203.0.113.${nextAddress++}` };
}

beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_FORM_RATE_LIMIT: String(RATE), TRUST_PROXY: 'true' } });
  admin = t.auth(t.adminToken);
  const user = await call('POST', '/api/org/users', admin, {
    username: 'mia',
    displayName: 'Mia',
    password: 'mia-password-123',
  });
  expect(user.statusCode).toBe(201);
  const miaId = (user.json() as { id: string }).id;
  member = t.auth(await t.login('mia', 'mia-password-123'));
  const app = await call('POST', '/api/apps', admin, { name: 'Events', members: { users: [miaId] } });
  appId = (app.json() as { id: string }).id;
  const form = await call('POST', `/api/apps/${appId}/forms`, admin, {
    name: 'Sign-up',
    definition: signupDefinition(),
  });
  formId = (form.json() as { id: string }).id;
  expect((await call('POST', `/api/forms/${formId}/publish`, admin, {})).statusCode).toBe(201);
  const groups = [{ id: 'g1', name: 'Members', subjects: { everyone: true }, actions: ['read'], scope: 'all' }];
  expect((await call('PUT', `/api/forms/${formId}/permissions`, admin, { groups })).statusCode).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('managing the public link', () => {
  it('is off for a new form, and only managers may turn it on; members never see the token', async () => {
    const asMember = await call('GET', `/api/forms/${formId}`, member);
    expect(asMember.json()).toMatchObject({ publicLink: { enabled: false } });
    const refused = await call('PUT', `/api/forms/${formId}/public-link`, member, { enabled: true });
    expect(refused.statusCode).toBe(403);

    const token = await setLink(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const seen = (await call('GET', `/api/forms/${formId}`, member)).json() as { publicLink: object };
    expect(seen.publicLink).toEqual({ enabled: true });
    const managerView = (await call('GET', `/api/forms/${formId}`, admin)).json() as { publicLink: object };
    expect(managerView.publicLink).toMatchObject({ enabled: true, token });
  });

  it('refuses to turn it on for an unpublished form', async () => {
    const draftOnly = await call('POST', `/api/apps/${appId}/forms`, admin, {
      name: 'Draft',
      definition: signupDefinition(),
    });
    const id = (draftOnly.json() as { id: string }).id;
    const res = await call('PUT', `/api/forms/${id}/public-link`, admin, { enabled: true });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'enabled', rule: 'published' });
  });

  it('refuses to turn it on when a required field cannot be filled publicly, naming it', async () => {
    const definition = signupDefinition();
    definition.schema.required = ['f_name', 'f_owner'];
    const created = await call('POST', `/api/apps/${appId}/forms`, admin, { name: 'Owned', definition });
    const id = (created.json() as { id: string }).id;
    await call('POST', `/api/forms/${id}/publish`, admin, {});
    const res = await call('PUT', `/api/forms/${id}/public-link`, admin, { enabled: true });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details).toEqual([
      expect.objectContaining({ path: 'fields.f_owner', rule: 'notPublicFillable' }),
    ]);
  });
});

describe('the public page', () => {
  it('answers 404 for a link that is off, unknown or regenerated', async () => {
    const token = (await setLink(true))!;
    expect((await call('GET', `/api/public/forms/${token}`, anonymous())).statusCode).toBe(200);

    await setLink(false);
    const off = await call('GET', `/api/public/forms/${token}`, anonymous());
    expect(off.statusCode).toBe(404);
    expect((off.json() as ErrorBody).error.code).toBe('NOT_FOUND');
    const submitOff = await call('POST', `/api/public/forms/${token}/records`, anonymous(), { data: { f_name: 'x' } });
    expect(submitOff.statusCode).toBe(404);

    const fresh = (await setLink(true))!;
    expect(fresh).not.toBe(token);
    expect((await call('GET', `/api/public/forms/${token}`, anonymous())).statusCode).toBe(404);

    const regenerated = await call('POST', `/api/forms/${formId}/public-link/regenerate`, admin);
    expect(regenerated.statusCode).toBe(200);
    const newest = (regenerated.json() as { publicLink: { token: string } }).publicLink.token;
    expect(newest).not.toBe(fresh);
    expect((await call('GET', `/api/public/forms/${fresh}`, anonymous())).statusCode).toBe(404);
    expect((await call('GET', `/api/public/forms/${newest}`, anonymous())).statusCode).toBe(200);

    const unknown = await call('GET', `/api/public/forms/${'A'.repeat(32)}`, anonymous());
    expect(unknown.statusCode).toBe(404);
  });

  it('gives the published form only: name, version and the fillable fields, nothing about the app', async () => {
    const draft = signupDefinition();
    draft.fields.f_name = { kind: 'text', label: 'Name (draft wording)' };
    const form = (await call('GET', `/api/forms/${formId}`, admin)).json() as { draftRevision: number };
    await call('PUT', `/api/forms/${formId}/draft`, admin, { definition: draft, baseRevision: form.draftRevision });

    const token = (await setLink(true))!;
    const res = await call('GET', `/api/public/forms/${token}`, anonymous());
    expect(res.statusCode).toBe(200);
    const body = res.json() as { name: string; version: number; definition: FormDefinition; takesFiles: boolean };
    expect(Object.keys(body).sort()).toEqual(['definition', 'name', 'takesFiles', 'version']);
    expect(body).toMatchObject({ name: 'Sign-up', version: 1, takesFiles: true });
    expect(body.definition.fields.f_name.label).toBe('Name');
    expect(Object.keys(body.definition.fields).sort()).toEqual([
      'f_email',
      'f_guests',
      'f_name',
      'f_photo',
      'f_seats',
      'f_total',
    ]);
    expect(body.definition.schema.properties).not.toHaveProperty('f_owner');
    expect(Object.keys(body.definition.fields.f_guests.subform?.fields ?? {})).toEqual(['g_name']);
    const text = res.body;
    for (const secret of [appId, formId, 'Events', 'permissionGroups', 'Members', 'draft'])
      expect(text).not.toContain(secret);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('creates a record like a signed-in create: createdBy null, formula recomputed, readers see it', async () => {
    const token = (await setLink(true))!;
    const res = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Wang Fang', f_email: 'wang@example.com', f_seats: 3, f_total: 1, f_guests: [{ g_name: 'Li' }] },
    });
    expect(res.statusCode).toBe(201);
    const { id } = res.json() as { id: string; createdAt: string };
    expect(Object.keys(res.json() as object).sort()).toEqual(['createdAt', 'id']);

    const record = (await call('GET', `/api/forms/${formId}/records/${id}`, member)).json() as {
      createdBy: string | null;
      owner: string | null;
      data: Record<string, unknown>;
    };
    expect(record.createdBy).toBeNull();
    expect(record.owner).toBeNull();
    expect(record.data).toMatchObject({ f_name: 'Wang Fang', f_seats: 3, f_total: 300 });
    const history = (await call('GET', `/api/forms/${formId}/records/${id}/history`, admin)).json() as {
      items: Array<{ action: string; by: string | null }>;
    };
    expect(history.items[0]).toMatchObject({ action: 'create', by: null });
  });

  it('refuses system fields and fields a public filler may not set, writing nothing', async () => {
    const token = (await setLink(true))!;
    const before = await t.store.collection(`rec_${formId}`).countDocuments({});

    const system = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Sneaky', _createdBy: 'admin', _owner: 'admin' },
    });
    expect(system.statusCode).toBe(400);
    expect((system.json() as ErrorBody).error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'data._createdBy', rule: 'systemField' })]),
    );

    const owner = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Sneaky', f_owner: 'someone' },
    });
    expect(owner.statusCode).toBe(403);
    expect((owner.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'data.f_owner', rule: 'writable' });

    const host = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Sneaky', f_guests: [{ g_name: 'A', g_host: 'someone' }] },
    });
    expect(host.statusCode).toBe(403);
    expect((host.json() as ErrorBody).error.details[0]).toMatchObject({
      path: 'data.f_guests.0.g_host',
      rule: 'writable',
    });

    expect(await t.store.collection(`rec_${formId}`).countDocuments({})).toBe(before);
  });

  it('answers 400 naming the field and rule for invalid values and duplicates of unique fields', async () => {
    const token = (await setLink(true))!;
    const invalid = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Zhao', f_seats: 99, f_email: 'not-an-email' },
    });
    expect(invalid.statusCode).toBe(400);
    const paths = (invalid.json() as ErrorBody).error.details.map((d) => `${d.path}:${d.rule}`);
    expect(paths).toEqual(expect.arrayContaining(['data.f_seats:maximum', 'data.f_email:format']));

    const missing = await call('POST', `/api/public/forms/${token}/records`, anonymous(), { data: {} });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as ErrorBody).error.details[0]).toMatchObject({ rule: 'required' });

    const first = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Qian', f_email: 'qian@example.com' },
    });
    expect(first.statusCode).toBe(201);
    const again = await call('POST', `/api/public/forms/${token}/records`, anonymous(), {
      data: { f_name: 'Qian again', f_email: 'qian@example.com' },
    });
    expect(again.statusCode).toBe(409);
    expect((again.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'data.f_email', rule: 'unique' });
  });

  it('takes files uploaded through the link only, and lets the filler see their upload until they submit', async () => {
    const token = (await setLink(true))!;
    const who = anonymous();
    const body = multipart(PNG_1PX, 'me.png');
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/public/forms/${token}/files`,
      headers: { ...who, ...body.headers },
      payload: body.payload,
    });
    expect(up.statusCode).toBe(201);
    const file = up.json() as { blobId: string; name: string; size: number; type: string };
    expect(file).toMatchObject({ name: 'me.png', type: 'image/png', size: PNG_1PX.length });

    const back = await call('GET', `/api/public/forms/${token}/files/${file.blobId}?inline=1`, who);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload).toEqual(PNG_1PX);

    // A file of a signed-in user, referenced by id: refused.
    const theirs = multipart(PNG_1PX, 'private.png');
    const privateUp = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...member, ...theirs.headers },
      payload: theirs.payload,
    });
    const privateFile = privateUp.json() as { blobId: string; name: string; size: number; type: string };
    const foreign = await call('POST', `/api/public/forms/${token}/records`, who, {
      data: { f_name: 'Thief', f_photo: [{ blobId: privateFile.blobId, name: 'x.png', size: 1, type: 'image/png' }] },
    });
    expect(foreign.statusCode).toBe(400);
    expect((foreign.json() as ErrorBody).error.details[0]).toMatchObject({
      path: 'data.f_photo.0.blobId',
      rule: 'publicUpload',
    });
    const peek = await call('GET', `/api/public/forms/${token}/files/${privateFile.blobId}`, who);
    expect(peek.statusCode).toBe(404);

    const sent = await call('POST', `/api/public/forms/${token}/records`, who, {
      data: { f_name: 'With photo', f_photo: [file] },
    });
    expect(sent.statusCode).toBe(201);
    expect((await call('GET', `/api/public/forms/${token}/files/${file.blobId}`, who)).statusCode).toBe(404);
    const reuse = await call('POST', `/api/public/forms/${token}/records`, who, {
      data: { f_name: 'Twice', f_photo: [file] },
    });
    expect(reuse.statusCode).toBe(400);

    // A member who may read the record reads the photo through it.
    const id = (sent.json() as { id: string }).id;
    await expect.poll(async () => (await call('GET', `/api/files/${file.blobId}`, member)).statusCode).toBe(200);
    expect((await call('GET', `/api/forms/${formId}/records/${id}`, member)).json()).toMatchObject({
      data: { f_photo: [{ blobId: file.blobId }] },
    });
  });

  it('deletes uploads never submitted after two days, and keeps submitted ones', async () => {
    const token = (await setLink(true))!;
    const who = anonymous();
    const send = async (name: string) => {
      const body = multipart(PNG_1PX, name);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/public/forms/${token}/files`,
        headers: { ...who, ...body.headers },
        payload: body.payload,
      });
      return res.json() as { blobId: string; name: string; size: number; type: string };
    };
    const abandoned = await send('abandoned.png');
    const submitted = await send('kept.png');
    const sent = await call('POST', `/api/public/forms/${token}/records`, who, {
      data: { f_name: 'Keeps a photo', f_photo: [submitted] },
    });
    expect(sent.statusCode).toBe(201);
    const blobs = await blobStoreOf(t.app.services);

    expect(await cleanAbandonedPublicUploads(t.store, blobs, new Date())).toBe(0);
    const later = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    expect(await cleanAbandonedPublicUploads(t.store, blobs, later)).toBeGreaterThanOrEqual(1);
    expect(await blobs.exists(abandoned.blobId)).toBe(false);
    expect(await blobs.exists(submitted.blobId)).toBe(true);
  });

  it('refuses uploads that are not files of an accepted type', async () => {
    const token = (await setLink(true))!;
    const body = multipart(Buffer.from('<html><script>alert(1)</script>'), 'x.png', 'image/png');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/forms/${token}/files`,
      headers: { ...anonymous(), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'file', rule: 'fileType' });
  });

  it('limits submissions per address and form: 429 after the configured number', async () => {
    const token = (await setLink(true))!;
    const who = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 2; i++) {
      const res = await call('POST', `/api/public/forms/${token}/records`, who, { data: { f_name: `Burst ${i}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, RATE)).toEqual(Array(RATE).fill(201));
    expect(statuses.slice(RATE)).toEqual([429, 429]);
    const limited = await call('POST', `/api/public/forms/${token}/records`, who, { data: { f_name: 'Late' } });
    expect((limited.json() as ErrorBody).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not held up by it.
    const other = await call('POST', `/api/public/forms/${token}/records`, anonymous(), { data: { f_name: 'Other' } });
    expect(other.statusCode).toBe(201);
  });

  it('limits page loads per address, also for unknown tokens (probing)', async () => {
    const who = anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < RATE * 6 + 1; i++)
      statuses.push((await call('GET', `/api/public/forms/${'B'.repeat(32)}`, who)).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, RATE * 6))).toEqual(new Set([404]));
  });
});
