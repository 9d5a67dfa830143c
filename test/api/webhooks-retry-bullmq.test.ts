import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBullmqQueue,
  deliveryIdOf,
  notificationsOf,
  notifierOf,
  WEBHOOK_DELIVERIES,
  type WebhookDeliveryDoc,
} from '@formloom/platform';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually, startReceiver, type Receiver } from './notifications-fixtures.js';

/**
 * Retry-now on BullMQ with a real redis-server: the failed delivery's job (id = delivery id)
 * is gone once it finished, so queueing the same id again really runs one more try, and the
 * receiver gets the same Idempotency-Key and body.
 */
let redis: RedisServer;
let receiver: Receiver;
let t: TestApp;

beforeAll(async () => {
  redis = await startRedis();
  receiver = await startReceiver();
  t = await createTestApp({
    queue: await createBullmqQueue({ url: redis.url, prefix: 'webhooks-retry-test' }),
    env: { EGRESS_ALLOW: `127.0.0.1:${receiver.port}`, WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_MS: '50' },
  });
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
  await redis?.stop();
});

function delivery(key: string, attempts: number): Promise<WebhookDeliveryDoc> {
  const deliveries = t.store.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
  return eventually(async () => {
    const doc = await deliveries.findOne({ _id: deliveryIdOf(key) });
    return doc && doc.status !== 'pending' && doc.attempts.length === attempts ? doc : undefined;
  });
}

describe('retry now on BullMQ', () => {
  it('runs one more try of a delivery whose job already failed for good', async () => {
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
