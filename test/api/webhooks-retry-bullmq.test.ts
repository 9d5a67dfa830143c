import { describe, expect, it } from 'vitest';
import { notificationsOf, notifierOf, type WebhookDeliveryDoc } from '@formloom/platform';
import { useBullmqWebhookApp } from './webhooks-bullmq-fixture.js';

/**
 * Retry-now on BullMQ with a real redis-server: the failed delivery's job (id = delivery id)
 * is gone once it finished, so queueing the same id again really runs one more try, and the
 * receiver gets the same Idempotency-Key and body.
 */
const fixture = useBullmqWebhookApp({ prefix: 'webhooks-retry-test', maxAttempts: 3 });

const delivery = (key: string, attempts: number): Promise<WebhookDeliveryDoc> =>
  fixture.deliveryWhen(key, (doc) => doc.status !== 'pending' && doc.attempts.length === attempts);

describe('retry now on BullMQ', () => {
  it('runs one more try of a delivery whose job already failed for good', async () => {
    const { t, receiver } = fixture;
    expect(t.queue.kind).toBe('bullmq');
    receiver.plan('/later', [500, 500, 500, 200]);
    const source = { flowId: 'flow-retry', instanceId: 'inst-1', nodeId: 'hook' };
    await notifierOf(t.app.services).sendWebhook({
      idempotencyKey: 'bullmq:retry-now',
      url: receiver.url('/later'),
      payload: { step: 'approved' },
      source,
    });
    const failed = await delivery('bullmq:retry-now', 3);
    expect(failed.status).toBe('failed');

    await notificationsOf(t.app.services).webhooks.retryNow(source.flowId, failed._id);
    const done = await delivery('bullmq:retry-now', 4);
    expect(done.status).toBe('delivered');
    expect(done.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    const got = receiver.received.filter((r) => r.path === '/later');
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['bullmq:retry-now']));
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
  });
});
