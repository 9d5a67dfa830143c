import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore, JobQueue } from '@formloom/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInlineQueue } from '../adapters/queue/index.js';
import { openEmbeddedStore } from '../adapters/store/embedded/index.js';
import { createEgressGuard, parseEgressAllow } from '../egress/index.js';
import { deliveryIdOf, WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WEBHOOK_DELIVERIES, WEBHOOKS_QUEUE, type DeliverJob, type WebhookDeliveryDoc } from './webhook.types.js';

/** A restart loses the in-process queue; the deliveries in the store are re-queued and delivered once. */
let dir: string;
let store: DocumentStore;
let server: Server;
let port = 0;
const keys: string[] = [];
const queues: JobQueue[] = [];

function deliveriesOn(queue: JobQueue): WebhookDeliveries {
  return new WebhookDeliveries({
    store,
    queue,
    guard: createEgressGuard({ policy: parseEgressAllow(`127.0.0.1:${port}`) }),
    secrets: new WebhookSecrets(store, 's'.repeat(40)),
    maxAttempts: 3,
    retryBaseMs: 10,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-webhooks-'));
  store = await openEmbeddedStore({ dir });
  keys.length = 0;
  server = createServer((req, res) => {
    keys.push(String(req.headers['idempotency-key']));
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('webhook deliveries across a restart', () => {
  it('re-queues pending deliveries at start and delivers each once with its key', async () => {
    // Before the "crash": recorded and queued, but no worker ever ran.
    const first = createInlineQueue();
    queues.push(first);
    const before = deliveriesOn(first);
    await before.ensureIndexes();
    const source = { flowId: 'f1', instanceId: 'i1', nodeId: 'n1' };
    await before.record({ idempotencyKey: 'restart:1', url: `http://127.0.0.1:${port}/`, payload: { a: 1 }, source });
    await before.record({ idempotencyKey: 'restart:2', url: `http://127.0.0.1:${port}/`, payload: { a: 2 }, source });
    await first.close();
    expect(keys).toEqual([]);

    // After: a new queue and worker, re-armed from the store (twice, as two workers starting would).
    const second = createInlineQueue();
    queues.push(second);
    const after = deliveriesOn(second);
    await second.process<DeliverJob>(WEBHOOKS_QUEUE, (job) => after.attempt(job.data.deliveryId));
    await after.rearm();
    await after.rearm();
    const collection = store.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
    for (let i = 0; i < 200 && (await collection.countDocuments({ status: 'delivered' })) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await collection.findOne({ _id: deliveryIdOf('restart:1') }))?.status).toBe('delivered');
    expect((await collection.findOne({ _id: deliveryIdOf('restart:2') }))?.status).toBe('delivered');
    expect(keys.sort()).toEqual(['restart:1', 'restart:2']);

    // A redelivered job of a delivered webhook sends nothing.
    await after.attempt(deliveryIdOf('restart:1'));
    expect(keys).toHaveLength(2);
  });
});
