import { describe, expect, it } from 'vitest';
import { notificationsOf, notifierOf, verifySignature, type WebhookDeliveryDoc } from '@formloom/platform';
import { useBullmqWebhookApp } from './webhooks-bullmq-fixture.js';

/**
 * The webhook retry path on BullMQ with a real redis-server: retries come back as delayed
 * BullMQ jobs (job id = delivery id), every try carries the same Idempotency-Key and body,
 * and a repeated send of a delivered webhook sends nothing.
 */
const fixture = useBullmqWebhookApp({ prefix: 'webhooks-test', maxAttempts: 5 });

const source = { flowId: 'flow-bullmq', instanceId: 'inst-1', nodeId: 'hook' };

const settled = (key: string): Promise<WebhookDeliveryDoc> =>
  fixture.deliveryWhen(key, (doc) => doc.status !== 'pending');

describe('webhooks on BullMQ', () => {
  it('retries after 500s on delayed BullMQ jobs and delivers with the same key and body', async () => {
    const { t, receiver } = fixture;
    expect(t.queue.kind).toBe('bullmq');
    receiver.plan('/flaky', [500, 502, 200]);
    const request = {
      idempotencyKey: 'bullmq:flaky',
      url: receiver.url('/flaky'),
      payload: { step: 'approved' },
      source,
    };
    await notifierOf(t.app.services).sendWebhook(request);

    const delivery = await settled('bullmq:flaky');
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 502, 200]);
    const got = receiver.received.filter((r) => r.path === '/flaky');
    expect(got.map((r) => r.headers['idempotency-key'])).toEqual(['bullmq:flaky', 'bullmq:flaky', 'bullmq:flaky']);
    expect(new Set(got.map((r) => r.body))).toEqual(new Set(['{"step":"approved"}']));
    const { secret } = await notificationsOf(t.app.services).secrets.get(source.flowId);
    for (const r of got) expect(verifySignature(secret, String(r.headers['x-formloom-signature']), r.body)).toBe(true);

    // Sent again (a redelivered flow step): already delivered, nothing goes out.
    await notifierOf(t.app.services).sendWebhook(request);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(await t.queue.pendingCount('webhooks')).toBe(0);
  });
});
