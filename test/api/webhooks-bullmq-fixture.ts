import { afterAll, beforeAll } from 'vitest';
import { createBullmqQueue, deliveryIdOf, WEBHOOK_DELIVERIES, type WebhookDeliveryDoc } from '@formloom/platform';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually, startReceiver, type Receiver } from './notifications-fixtures.js';

export interface BullmqWebhookOptions {
  /** BullMQ key prefix, one per suite. */
  prefix: string;
  /** WEBHOOK_MAX_ATTEMPTS. */
  maxAttempts: number;
}

/** What a suite gets: read the fields inside tests (they are set in beforeAll). */
export interface BullmqWebhookFixture {
  readonly t: TestApp;
  readonly receiver: Receiver;
  /** The delivery for `idempotencyKey` once `ready` says so (polls). */
  deliveryWhen(idempotencyKey: string, ready: (doc: WebhookDeliveryDoc) => boolean): Promise<WebhookDeliveryDoc>;
}

/**
 * Webhooks on BullMQ with a real redis-server: a test app whose queue is BullMQ, a local
 * receiver the egress guard allows, and fast retries (50 ms base). Registers beforeAll/afterAll.
 */
export function useBullmqWebhookApp(options: BullmqWebhookOptions): BullmqWebhookFixture {
  let redis: RedisServer | undefined;
  let receiver: Receiver | undefined;
  let t: TestApp | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useBullmqWebhookApp: read the fixture inside tests');
    return value;
  };

  beforeAll(async () => {
    redis = await startRedis();
    receiver = await startReceiver();
    t = await createTestApp({
      queue: await createBullmqQueue({ url: redis.url, prefix: options.prefix }),
      env: {
        EGRESS_ALLOW: `127.0.0.1:${receiver.port}`,
        WEBHOOK_MAX_ATTEMPTS: String(options.maxAttempts),
        WEBHOOK_RETRY_BASE_MS: '50',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    await redis?.stop();
  });

  return {
    get t() {
      return ready(t);
    },
    get receiver() {
      return ready(receiver);
    },
    deliveryWhen(idempotencyKey, isReady) {
      const deliveries = ready(t).store.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
      return eventually(async () => {
        const doc = await deliveries.findOne({ _id: deliveryIdOf(idempotencyKey) });
        return doc && isReady(doc) ? doc : undefined;
      });
    },
  };
}
