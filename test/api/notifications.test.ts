import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplateData } from '@formloom/engine/templates';
import { notifierOf, verifySignature } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually, startReceiver, type Receiver } from './notifications-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

/**
 * The Notifier through the API a user and an operator see: the bell (in-app messages), the
 * admin mail outbox (no SMTP configured), and webhooks to a local receiver (allowlisted by
 * EGRESS_ALLOW to exactly its address and port) that checks the HMAC signature and the
 * Idempotency-Key, with retries after 500s on the in-process queue and the delivery log.
 */
let t: TestApp;
let receiver: Receiver;
let admin: Call;
let anonymous: Call;
let mia: { id: string; call: Call };
let bob: { id: string; call: Call };
let olive: { id: string; call: Call };
let flowId: string;

async function user(username: string, email?: string) {
  const signed = await signedInUser(admin, anonymous, username);
  if (email) expect((await admin('PATCH', `/api/org/users/${signed.id}`, { email })).status).toBe(200);
  return { id: signed.id, call: injectCall(t.app, signed.token) };
}

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({
    loginRateLimit: 1000,
    env: {
      EGRESS_ALLOW: `127.0.0.1:${receiver.port}`,
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_RETRY_BASE_MS: '20',
      PUBLIC_URL: 'https://formloom.example',
    },
  });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  mia = await user('mia', 'mia@example.com');
  bob = await user('bob', 'bob@example.com');
  olive = await user('olive');
  const app = await admin('POST', '/api/apps', { name: 'Purchasing' });
  expect(app.status).toBe(201);
  const appId = String(app.body.id);
  const patched = await admin('PATCH', `/api/apps/${appId}`, {
    managers: { users: [mia.id], roles: [] },
    members: { users: [bob.id], roles: [], departments: [] },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const flow = await mia.call('POST', `/api/apps/${appId}/flows`, { name: 'Hooks', mode: 'automation' });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  flowId = String(flow.body.id);
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const record = {
  id: 'rec1',
  formId: 'form1',
  data: { f_title: 'Laptops {{constructor.constructor "x"}} <b>', f_amount: 12500 },
};
const fields = [
  { key: 'f_title', label: 'Title' },
  { key: 'f_amount', label: 'Amount' },
];

describe('in-app messages', () => {
  it('puts a rendered, linked message in each recipient’s bell once, however often it is sent', async () => {
    const request = {
      idempotencyKey: 'task-created:t1',
      recipientIds: [bob.id, mia.id],
      channels: ['inapp' as const],
      category: 'task',
      subject: 'To approve: {{record.labels.Title}}',
      body: 'Amount {{formatNumber (field "Amount") 2}}. Open {{link}}',
      data: buildTemplateData({ record, fields, task: { id: 't1' } }),
      link: '/tasks/t1',
    };
    await notifierOf(t.app.services).notify(request);
    await notifierOf(t.app.services).notify(request);

    const bell = await bob.call('GET', '/api/messages?unread=1');
    expect(bell.status).toBe(200);
    expect(bell.body.unreadCount).toBe(1);
    expect(bell.body.items).toEqual([
      expect.objectContaining({
        kind: 'notification',
        category: 'task',
        title: 'To approve: Laptops {{constructor.constructor "x"}} <b>',
        body: 'Amount 12,500.00. Open https://formloom.example/tasks/t1',
        link: 'https://formloom.example/tasks/t1',
        readAt: null,
      }),
    ]);
    expect((await olive.call('GET', '/api/messages')).body.items).toEqual([]);
  });

  it('counts unread messages, filters by category and marks one or all read', async () => {
    await notifierOf(t.app.services).notify({
      idempotencyKey: 'reminder:t1:1',
      recipientIds: [bob.id],
      channels: ['inapp'],
      category: 'reminder',
      subject: 'Reminder',
      body: 'Still waiting',
      data: {},
    });
    expect((await bob.call('GET', '/api/messages/unread-count')).body).toEqual({ count: 2 });
    const reminders = await bob.call('GET', '/api/messages?category=reminder');
    expect(reminders.body.items?.map((m: ApiBody) => m.title)).toEqual(['Reminder']);
    const one = await bob.call('POST', `/api/messages/${String(reminders.body.items?.[0]?.id)}/read`);
    expect(one.body.readAt).toEqual(expect.any(String));
    expect((await bob.call('GET', '/api/messages/unread-count')).body).toEqual({ count: 1 });
    expect((await bob.call('POST', '/api/messages/read-all')).body).toEqual({ updated: 1 });
    expect((await bob.call('GET', '/api/messages/unread-count')).body).toEqual({ count: 0 });
    expect((await mia.call('GET', '/api/messages/unread-count')).body).toEqual({ count: 1 });
    expect((await anonymous('GET', '/api/messages')).status).toBe(401);
  });
  it('still reaches people when a template cannot be rendered, saying so instead of the text', async () => {
    await notifierOf(t.app.services).notify({
      idempotencyKey: 'broken:1',
      recipientIds: [olive.id],
      channels: ['inapp'],
      category: 'flow',
      subject: 'Hello {{#if task}}',
      body: '{{lookup task "constructor"}}',
      data: { task: { id: 't' } },
    });
    const [message] = (await olive.call('GET', '/api/messages')).body.items ?? [];
    expect(message?.title).toMatch(/^\[The subject template could not be rendered: Parse error on line 1/);
    expect(message?.body).toMatch(/^\[The body template could not be rendered: Unknown helper "lookup"/);
  });
});

describe('e-mail without SMTP', () => {
  it('writes one mail per recipient with an address into the outbox that only admins read', async () => {
    const request = {
      idempotencyKey: 'cc:i1:n2',
      recipientIds: [bob.id, olive.id],
      channels: ['email' as const],
      category: 'cc',
      subject: 'FYI: {{record.data.f_title}}',
      body: '<script>x</script> {{record.data.f_title}}',
      data: buildTemplateData({ record, fields }),
      link: '/records/rec1',
    };
    await notifierOf(t.app.services).notify(request);
    await notifierOf(t.app.services).notify(request);
    const outbox = await admin('GET', '/api/admin/mail-outbox');
    expect(outbox.status).toBe(200);
    const mails = (outbox.body.items ?? []).filter((m: ApiBody) => m.category === 'cc');
    expect(mails).toEqual([
      expect.objectContaining({
        to: 'bob@example.com',
        userId: bob.id,
        status: 'outbox',
        subject: 'FYI: Laptops {{constructor.constructor "x"}} <b>',
        text: '<script>x</script> Laptops {{constructor.constructor "x"}} <b>\n\nhttps://formloom.example/records/rec1',
      }),
    ]);
    const stored = await t.store.collection('mail_outbox').findOne({ _id: String(mails[0]?.id) });
    expect(String(stored?.html)).toContain(
      '&lt;script&gt;x&lt;/script&gt; Laptops {{constructor.constructor &quot;x&quot;}} &lt;b&gt;',
    );
    expect(String(stored?.html)).not.toContain('<script>');
    expect((await bob.call('GET', '/api/admin/mail-outbox')).status).toBe(403);
  });
});

interface Delivery {
  id: string;
  idempotencyKey: string;
  status: string;
  body: string;
  headerNames: string[];
  lastError: string | null;
  attempts: Array<{ attempt: number; statusCode: number | null; error: string | null; durationMs: number }>;
}

async function deliveries(): Promise<Delivery[]> {
  const answer = await mia.call('GET', `/api/flows/${flowId}/webhook-deliveries?limit=200`);
  expect(answer.status).toBe(200);
  return (answer.body.items ?? []) as unknown as Delivery[];
}

async function settled(idempotencyKey: string): Promise<Delivery> {
  return eventually(async () => {
    const found = (await deliveries()).find((d) => d.idempotencyKey === idempotencyKey);
    return found && found.status !== 'pending' ? found : undefined;
  });
}

async function secret(): Promise<string> {
  const answer = await mia.call('GET', `/api/flows/${flowId}/webhook-secret`);
  expect(answer.status).toBe(200);
  return String(answer.body.secret);
}

const source = () => ({ flowId, instanceId: 'inst1', nodeId: 'hook1' });

describe('webhooks', () => {
  it('posts the rendered JSON with a valid signature and the idempotency key, and logs the attempt', async () => {
    await notifierOf(t.app.services).sendWebhook({
      idempotencyKey: 'inst1:hook1:ok',
      url: receiver.url('/ok'),
      bodyTemplate:
        '{"title": "{{record.data.f_title}}", "amount": {{record.data.f_amount}}, "record": {{json record.id}} }',
      payload: buildTemplateData({ record, fields }),
      headers: { 'X-Api-Key': 'k-123', 'Idempotency-Key': 'forged', Host: 'evil' },
      source: source(),
    });
    const delivery = await settled('inst1:hook1:ok');
    expect(delivery).toMatchObject({ status: 'delivered', headerNames: ['x-api-key'], lastError: null });
    expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null })]);

    const got = receiver.received.filter((r) => r.path === '/ok');
    expect(got).toHaveLength(1);
    const request = got[0];
    expect(JSON.parse(request.body)).toEqual({ title: record.data.f_title, amount: 12500, record: 'rec1' });
    expect(request.headers['idempotency-key']).toBe('inst1:hook1:ok');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-api-key']).toBe('k-123');
    expect(verifySignature(await secret(), String(request.headers['x-formloom-signature']), request.body)).toBe(true);
    expect(verifySignature('whsec_wrong', String(request.headers['x-formloom-signature']), request.body)).toBe(false);
  });

  it('retries after 500s with the same key and body until the receiver takes it', async () => {
    receiver.plan('/flaky', [500, 503, 200]);
    await notifierOf(t.app.services).sendWebhook({
      idempotencyKey: 'inst1:hook1:flaky',
      url: receiver.url('/flaky'),
      payload: { event: 'approved', amount: 1 },
      source: source(),
    });
    const delivery = await settled('inst1:hook1:flaky');
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(delivery.attempts.map((a) => a.error)).toEqual(['HTTP 500', 'HTTP 503', null]);

    const got = receiver.received.filter((r) => r.path === '/flaky');
    expect(got).toHaveLength(3);
    const key = await secret();
    for (const request of got) {
      expect(request.headers['idempotency-key']).toBe('inst1:hook1:flaky');
      expect(request.body).toBe('{"event":"approved","amount":1}');
      expect(verifySignature(key, String(request.headers['x-formloom-signature']), request.body)).toBe(true);
    }
    expect(got.map((r) => r.headers['x-formloom-attempt'])).toEqual(['1', '2', '3']);
  });

  it('gives up after WEBHOOK_MAX_ATTEMPTS, and at once on a 4xx or a blocked address', async () => {
    receiver.plan('/down', [500]);
    receiver.plan('/bad', [400]);
    const notifier = notifierOf(t.app.services);
    await notifier.sendWebhook({ idempotencyKey: 'k-down', url: receiver.url('/down'), payload: {}, source: source() });
    await notifier.sendWebhook({ idempotencyKey: 'k-bad', url: receiver.url('/bad'), payload: {}, source: source() });
    await notifier.sendWebhook({
      idempotencyKey: 'k-meta',
      url: 'http://169.254.169.254/latest/meta-data/',
      payload: {},
      source: source(),
    });
    await notifier.sendWebhook({
      idempotencyKey: 'k-other-port',
      url: `http://127.0.0.1:${receiver.port + 1}/`,
      payload: {},
      source: source(),
    });

    const down = await settled('k-down');
    expect(down.status).toBe('failed');
    expect(down.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 500]);
    const bad = await settled('k-bad');
    expect(bad).toMatchObject({ status: 'failed', lastError: 'HTTP 400' });
    expect(bad.attempts).toHaveLength(1);
    const meta = await settled('k-meta');
    expect(meta.status).toBe('failed');
    expect(meta.attempts).toEqual([
      expect.objectContaining({ statusCode: null, error: expect.stringMatching(/cloud metadata address are blocked/) }),
    ]);
    const otherPort = await settled('k-other-port');
    expect(otherPort.attempts[0]?.error).toMatch(/loopback address are blocked/);
  });

  it('records a webhook once per idempotency key and refuses a body template that is not JSON', async () => {
    const notifier = notifierOf(t.app.services);
    const request = { idempotencyKey: 'k-once', url: receiver.url('/once'), payload: { n: 1 }, source: source() };
    await Promise.all([notifier.sendWebhook(request), notifier.sendWebhook(request), notifier.sendWebhook(request)]);
    expect((await settled('k-once')).attempts).toHaveLength(1);
    expect(receiver.received.filter((r) => r.path === '/once')).toHaveLength(1);

    await notifier.sendWebhook({
      idempotencyKey: 'k-template',
      url: receiver.url('/template'),
      bodyTemplate: 'amount={{record.data.f_amount}}',
      payload: buildTemplateData({ record, fields }),
      source: source(),
    });
    const broken = await settled('k-template');
    expect(broken).toMatchObject({ status: 'failed', attempts: [] });
    expect(broken.lastError).toMatch(/not valid JSON/);
    expect(receiver.received.filter((r) => r.path === '/template')).toHaveLength(0);
  });

  it('lets only the app’s managers and admins read the log and the secret, and rotation re-signs', async () => {
    expect((await bob.call('GET', `/api/flows/${flowId}/webhook-deliveries`)).status).toBe(403);
    expect((await bob.call('GET', `/api/flows/${flowId}/webhook-secret`)).status).toBe(403);
    expect((await olive.call('GET', `/api/flows/${flowId}/webhook-secret`)).status).toBe(404);
    expect((await olive.call('POST', `/api/flows/${flowId}/webhook-secret/rotate`)).status).toBe(404);
    expect((await anonymous('GET', `/api/flows/${flowId}/webhook-deliveries`)).status).toBe(401);
    expect((await admin('GET', `/api/flows/${flowId}/webhook-deliveries`)).status).toBe(200);
    expect((await mia.call('GET', '/api/flows/no-such-flow/webhook-secret')).status).toBe(404);

    const before = await secret();
    const rotated = await mia.call('POST', `/api/flows/${flowId}/webhook-secret/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(before);
    expect(rotated.body.rotatedAt).toEqual(expect.any(String));
    expect(await secret()).toBe(rotated.body.secret);

    await notifierOf(t.app.services).sendWebhook({
      idempotencyKey: 'k-rotated',
      url: receiver.url('/rotated'),
      payload: {},
      source: source(),
    });
    await settled('k-rotated');
    const request = receiver.received.find((r) => r.path === '/rotated');
    const header = String(request?.headers['x-formloom-signature']);
    expect(verifySignature(String(rotated.body.secret), header, String(request?.body))).toBe(true);
    expect(verifySignature(before, header, String(request?.body))).toBe(false);
    // The secret is stored sealed, never in clear text.
    const stored = await t.store.collection('webhook_secrets').findOne({ _id: flowId });
    expect(JSON.stringify(stored)).not.toContain(String(rotated.body.secret));
  });
});
