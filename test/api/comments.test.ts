import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, publishedForm, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let anonymous: Call;
let bob: { id: string; call: Call };
let carol: { id: string; call: Call };
let outsider: { id: string; call: Call };
let disabledId: string;
let formId: string;
let bobsRecord: string;
let adminsRecord: string;

async function user(username: string) {
  const signed = await signedInUser(admin, anonymous, username);
  return { id: signed.id, call: injectCall(t.app, signed.token) };
}

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  bob = await user('bob');
  carol = await user('carol');
  outsider = await user('olive');
  const disabled = await user('dan');
  disabledId = disabled.id;
  await admin('PATCH', `/api/org/users/${disabledId}`, { enabled: false });

  const form = await publishedForm(admin);
  formId = form.formId;
  await admin('PATCH', `/api/apps/${form.appId}`, { members: { users: [bob.id, carol.id, outsider.id] } });
  // bob and carol read their own records only; olive has no permission group at all.
  const groups = [
    { id: 'own', name: 'Own rows', subjects: { users: [bob.id, carol.id] }, actions: ['create', 'read'], scope: 'own' },
  ];
  expect((await admin('PUT', `/api/forms/${formId}/permissions`, { groups })).status).toBe(200);
  bobsRecord = String((await bob.call('POST', `/api/forms/${formId}/records`, { data: { f_name: 'Bob' } })).body.id);
  adminsRecord = String((await admin('POST', `/api/forms/${formId}/records`, { data: { f_name: 'Adm' } })).body.id);
});

afterAll(async () => {
  await t.close();
});

const commentsOf = (recordId: string) => `/api/forms/${formId}/records/${recordId}/comments`;

describe('comments on records', () => {
  it('lets a member who can read the record comment and mention a colleague, who then has a message', async () => {
    const posted = await bob.call('POST', commentsOf(bobsRecord), {
      body: '  Please check the amount, @carol  ',
      mentions: [carol.id],
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    expect(posted.body).toMatchObject({ body: 'Please check the amount, @carol', mentions: [carol.id], by: bob.id });

    const list = await bob.call('GET', commentsOf(bobsRecord));
    expect(list.body.items?.map((c) => c.body)).toEqual(['Please check the amount, @carol']);

    const unread = await carol.call('GET', '/api/messages?unread=1');
    expect(unread.body.items).toEqual([
      expect.objectContaining({
        kind: 'mention',
        formId,
        recordId: bobsRecord,
        commentId: posted.body.id,
        readAt: null,
      }),
    ]);
    const messageId = String(unread.body.items?.[0]?.id);
    expect((await bob.call('POST', `/api/messages/${messageId}/read`)).status).toBe(404);
    const read = await carol.call('POST', `/api/messages/${messageId}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await carol.call('GET', '/api/messages?unread=1')).body.items).toEqual([]);
    expect((await carol.call('GET', '/api/messages')).body.items).toHaveLength(1);
    expect((await bob.call('GET', '/api/messages')).body.items).toEqual([]);
  });

  it('refuses callers who cannot read the record: 403 without read access, 404 outside their rows', async () => {
    expect((await outsider.call('GET', commentsOf(bobsRecord))).status).toBe(403);
    expect((await outsider.call('POST', commentsOf(bobsRecord), { body: 'hi', mentions: [] })).status).toBe(403);
    expect((await carol.call('GET', commentsOf(bobsRecord))).status).toBe(404);
    expect((await carol.call('POST', commentsOf(adminsRecord), { body: 'hi', mentions: [] })).status).toBe(404);
    expect((await bob.call('GET', commentsOf('no-such-record'))).status).toBe(404);
    expect((await anonymous('GET', commentsOf(bobsRecord))).status).toBe(401);
  });

  it('rejects mentions of unknown or disabled users naming mentions.N, and writes nothing', async () => {
    const answer = await bob.call('POST', commentsOf(bobsRecord), {
      body: 'Who is this?',
      mentions: [carol.id, 'nobody-here', disabledId],
    });
    expect(answer.status).toBe(400);
    const details = (answer.body as ApiBody).error?.details;
    expect(details).toEqual([
      expect.objectContaining({ path: 'mentions.1', rule: 'enabledUser' }),
      expect.objectContaining({ path: 'mentions.2', rule: 'enabledUser' }),
    ]);
    const bodies = (await bob.call('GET', commentsOf(bobsRecord))).body.items?.map((c) => c.body);
    expect(bodies).not.toContain('Who is this?');
  });

  it('rejects empty and too long bodies', async () => {
    const blank = await bob.call('POST', commentsOf(bobsRecord), { body: '   ', mentions: [] });
    expect(blank.status).toBe(400);
    expect(blank.body.error?.details[0]).toMatchObject({ path: 'body', rule: 'required' });
    const long = await bob.call('POST', commentsOf(bobsRecord), { body: 'x'.repeat(5001), mentions: [] });
    expect(long.status).toBe(400);
  });

  it('lets only the author or an admin delete a comment', async () => {
    const first = await bob.call('POST', commentsOf(bobsRecord), { body: 'to delete', mentions: [] });
    const second = await admin('POST', commentsOf(bobsRecord), { body: 'by admin', mentions: [] });
    expect(second.status).toBe(201);

    expect((await bob.call('DELETE', `${commentsOf(bobsRecord)}/${second.body.id}`)).status).toBe(403);
    expect((await bob.call('DELETE', `${commentsOf(bobsRecord)}/${first.body.id}`)).status).toBe(200);
    expect((await bob.call('DELETE', `${commentsOf(bobsRecord)}/${first.body.id}`)).status).toBe(404);
    const third = await bob.call('POST', commentsOf(bobsRecord), { body: 'admin removes this', mentions: [] });
    expect((await admin('DELETE', `${commentsOf(bobsRecord)}/${third.body.id}`)).status).toBe(200);

    const bodies = (await bob.call('GET', commentsOf(bobsRecord))).body.items?.map((c) => c.body);
    expect(bodies).toContain('by admin');
    expect(bodies).not.toContain('to delete');
    expect(bodies).not.toContain('admin removes this');
  });
});
