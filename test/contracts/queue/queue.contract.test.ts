/**
 * Runs the JobQueue contract against both adapters: the in-process queue, and BullMQ on a real
 * redis-server started for this file. Ends with what only a shared queue can promise: two
 * adapter instances (two worker processes, in production) on one Redis run every job once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBullmqQueue, createInlineQueue } from '../../../platform/src/adapters/queue/index.js';
import { startRedis, type RedisServer } from '../../support/redis-server.js';
import { runQueueContract, waitFor } from './queue-contract.js';

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

runQueueContract('inline', async () => createInlineQueue());

runQueueContract('bullmq', () => createBullmqQueue({ url: redis.url, prefix: 'contract' }));

describe('BullMQ adapter with two workers on one Redis', () => {
  it('processes a batch exactly once in total', async () => {
    const prefix = `shared-${randomUUID().slice(0, 8)}`;
    const first = await createBullmqQueue({ url: redis.url, prefix });
    const second = await createBullmqQueue({ url: redis.url, prefix });
    try {
      const runsById = new Map<string, number>();
      const runsByWorker = { first: 0, second: 0 };
      const handlerFor = (worker: keyof typeof runsByWorker) => async (job: { id: string }) => {
        runsByWorker[worker] += 1;
        runsById.set(job.id, (runsById.get(job.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 10));
      };
      await first.process('batch', handlerFor('first'), { concurrency: 2 });
      await second.process('batch', handlerFor('second'), { concurrency: 2 });

      const ids = Array.from({ length: 40 }, (_, i) => `record:${i}`);
      await Promise.all(ids.map((id, i) => (i % 2 ? first : second).add('batch', 'recalc', { id }, { jobId: id })));
      await waitFor(
        'every job ran',
        async () => runsById.size === ids.length && (await first.pendingCount('batch')) === 0,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect([...runsById.keys()].sort()).toEqual([...ids].sort());
      expect([...runsById.values()].every((count) => count === 1)).toBe(true);
      expect(runsByWorker.first + runsByWorker.second).toBe(ids.length);
    } finally {
      await Promise.all([first.close(2_000), second.close(2_000)]);
    }
  });

  it('fails fast with a clear error when Redis is not reachable', async () => {
    const closedPort = redis.port + 1 === 65536 ? 1 : redis.port + 1;
    await expect(
      createBullmqQueue({ url: `redis://127.0.0.1:${closedPort}`, connectTimeoutMs: 1_000 }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
