/**
 * What the webhook admin screens rely on: the delivery log says when a pending delivery is
 * tried next, and "retry now" sends a failed delivery once more with the same body and
 * idempotency key — only for the flow's app managers (and admins), only failed deliveries
 * whose body could be built, and only deliveries of that flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierOf, verifySignature } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually, startReceiver, type Receiver } from './notifications-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

let t: TestApp;
let receiver: Receiver;
let admin: Call;
let anonymous: Call;
let mia: Call;
let bob: Call;
let olive: Call;
let flowId: string;
let otherFlowId: string;

const RETRY_BASE_MS = 60_000;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({
    loginRateLimit: 1000,
    env: {
      EGRESS_ALLOW: `127.0.0.1:${receiver.port}`,
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_RETRY_BASE_MS: String(RETRY_BASE_MS),
    },
  });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  const user = async (name: string) => {
    const signed = await signedInUser(admin, anonymous, name);
    return { id: signed.id, call: injectCall(t.app, signed.token) };
  };
  const m = await user('mia');
  const b = await user('bob');
  const o = await user('olive');
  mia = m.call;
  bob = b.call;
  olive = o.call;
  const created = await admin('POST', '/api/apps', { name: 'Purchasing' });
  const appId = String(created.body.id);
  expect(
    (
      await admin('PATCH', `/api/apps/${appId}`, {
        managers: { users: [m.id], roles: [] },
        members: { users: [b.id], roles: [], departments: [] },
      })
    ).status,
  ).toBe(200);
  const flow = await mia('POST', `/api/apps/${appId}/flows`, { name: 'Hooks', mode: 'automation' });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  flowId = String(flow.body.id);
  const other = await mia('POST', `/api/apps/${appId}/flows`, { name: 'Other hooks', mode: 'automation' });
  otherFlowId = String(other.body.id);
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

interface Delivery {
  id: string;
  idempotencyKey: string;
  status: string;
  maxAttempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  attempts: Array<{ attempt: number; at: string; statusCode: number | null; error: string | null }>;
}

async function deliveries(status?: string): Promise<Delivery[]> {
  const answer = await mia('GET', `/api/flows/${flowId}/webhook-deliveries${status ? `?status=${status}` : ''}`);
  expect(answer.status).toBe(200);
  return (answer.body.items ?? []) as unknown as Delivery[];
}

function delivery(idempotencyKey: string, settledOnly = true): Promise<Delivery> {
  return eventually(async () => {
    const found = (await deliveries()).find((d) => d.idempotencyKey === idempotencyKey);
    return found && (!settledOnly || found.status !== 'pending') ? found : undefined;
  });
}

const send = (idempotencyKey: string, path: string, bodyTemplate?: string) =>
  notifierOf(t.app.services).sendWebhook({
    idempotencyKey,
    url: receiver.url(path),
    payload: { event: 'approved', n: 1 },
    ...(bodyTemplate !== undefined ? { bodyTemplate } : {}),
    source: { flowId, instanceId: 'inst1', nodeId: 'hook1' },
  });

describe('delivery log', () => {
  it('says when a pending delivery is tried next (base delay after the first failed try)', async () => {
    receiver.plan('/later', [503]);
    await send('k-later', '/later');
    const pending = await eventually(async () => {
      const found = (await deliveries('pending')).find((d) => d.idempotencyKey === 'k-later');
      return found && found.attempts.length === 1 ? found : undefined;
    });
    expect(pending.attempts[0]).toMatchObject({ statusCode: 503, error: 'HTTP 503' });
    expect(Date.parse(String(pending.nextAttemptAt)) - Date.parse(pending.attempts[0].at)).toBe(RETRY_BASE_MS);
    // Not failed: retry-now is refused while the queue still owns it.
    const early = await mia('POST', `/api/flows/${flowId}/webhook-deliveries/${pending.id}/retry`);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: 'CONFLICT',
      details: [expect.objectContaining({ path: 'status' })],
    });
  });
});

describe('retry now', () => {
  it('sends a failed delivery once more with the same key and body, signed, and logs the try', async () => {
    receiver.plan('/fixed-later', [400, 200]);
    await send('k-fixed', '/fixed-later');
    const failed = await delivery('k-fixed');
    expect(failed).toMatchObject({ status: 'failed', lastError: 'HTTP 400', nextAttemptAt: null });

    const retried = await mia('POST', `/api/flows/${flowId}/webhook-deliveries/${failed.id}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', maxAttempts: 2 });

    const done = await delivery('k-fixed');
    expect(done.status).toBe('delivered');
    expect(done.attempts.map((a) => a.statusCode)).toEqual([400, 200]);
    const got = receiver.received.filter((r) => r.path === '/fixed-later');
    expect(got).toHaveLength(2);
    expect(got[1].body).toBe(got[0].body);
    expect(got[1].headers['idempotency-key']).toBe('k-fixed');
    expect(got[1].headers['x-formloom-attempt']).toBe('2');
    const secret = String((await mia('GET', `/api/flows/${flowId}/webhook-secret`)).body.secret);
    expect(verifySignature(secret, String(got[1].headers['x-formloom-signature']), got[1].body)).toBe(true);

    // Delivered now: nothing to retry.
    expect((await mia('POST', `/api/flows/${flowId}/webhook-deliveries/${failed.id}/retry`)).status).toBe(409);
  });

  it('a retry that fails again leaves the delivery failed after exactly one more try', async () => {
    receiver.plan('/gone', [410]);
    await send('k-gone', '/gone');
    const failed = await delivery('k-gone');
    expect((await admin('POST', `/api/flows/${flowId}/webhook-deliveries/${failed.id}/retry`)).status).toBe(200);
    const again = await eventually(async () => {
      const found = await delivery('k-gone');
      return found.attempts.length === 2 ? found : undefined;
    });
    expect(again).toMatchObject({ status: 'failed', lastError: 'HTTP 410' });
    expect(receiver.received.filter((r) => r.path === '/gone')).toHaveLength(2);
  });

  it('refuses a delivery whose body could never be built, and sends nothing', async () => {
    await send('k-broken', '/broken', 'amount={{n}}');
    const broken = await delivery('k-broken');
    expect(broken).toMatchObject({ status: 'failed', attempts: [] });
    const answer = await mia('POST', `/api/flows/${flowId}/webhook-deliveries/${broken.id}/retry`);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ details: [expect.objectContaining({ path: 'body', rule: 'built' })] });
    expect((await delivery('k-broken')).status).toBe('failed');
    expect(receiver.received.filter((r) => r.path === '/broken')).toHaveLength(0);
  });

  it('only the app’s managers and admins retry, and only deliveries of the flow named', async () => {
    receiver.plan('/denied', [400]);
    await send('k-denied', '/denied');
    const failed = await delivery('k-denied');
    const path = `/api/flows/${flowId}/webhook-deliveries/${failed.id}/retry`;
    expect((await anonymous('POST', path)).status).toBe(401);
    expect((await bob('POST', path)).status).toBe(403);
    expect((await olive('POST', path)).status).toBe(404);
    const elsewhere = await mia('POST', `/api/flows/${otherFlowId}/webhook-deliveries/${failed.id}/retry`);
    expect(elsewhere.status).toBe(404);
    expect((await mia('POST', `/api/flows/${flowId}/webhook-deliveries/wh_nope/retry`)).status).toBe(404);
    const bad = await mia('POST', `/api/flows/${flowId}/webhook-deliveries/${encodeURIComponent('a$b')}/retry`);
    expect(bad.status).toBe(400);
    expect((bad.body.error as ApiBody | undefined)?.code).toBe('VALIDATION_FAILED');
    // Nothing was retried by the refused calls.
    const after = await delivery('k-denied');
    expect(after.attempts).toHaveLength(1);
    expect(receiver.received.filter((r) => r.path === '/denied')).toHaveLength(1);
  });
});
