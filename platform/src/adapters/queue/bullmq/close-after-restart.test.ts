import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from '@formloom/model';
import { startRedis, type RedisServer } from '../../../../../test/support/redis-server.js';
import type { QueueLogger } from '../queue-logger.js';
import { createBullmqQueue } from './bullmq-queue.js';

const openSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

/** Waits (at most 5 s) for the process to hold no more TCP sockets than `baseline`; returns how many it holds. */
async function socketsSettleTo(baseline: number): Promise<number> {
  const deadline = Date.now() + 5_000;
  while (openSockets() > baseline && Date.now() < deadline) await sleep(20);
  return openSockets();
}

/** Records the warnings close() gives when a step times out (connection errors during the outage are expected). */
function recordingLogger(): QueueLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const warn = (_obj: object, msg = '') => {
    if (!msg.startsWith('redis connection error')) warnings.push(msg);
  };
  return { warnings, debug: () => undefined, error: () => undefined, warn };
}

/** A queue with a worker that has run one job, so its blocking connection is in use. */
async function busyQueue(redis: RedisServer, logger: QueueLogger): Promise<JobQueue> {
  const queue = await createBullmqQueue({ url: redis.url, prefix: 'close', logger });
  let ran = 0;
  await queue.process('work', async () => {
    ran += 1;
  });
  await queue.add('work', 'one', {});
  while (ran === 0) await sleep(20);
  return queue;
}

describe('closing the BullMQ queue after Redis went away', () => {
  let redis: RedisServer | null = null;
  afterEach(async () => {
    await redis?.stop();
    redis = null;
  });

  it('finishes right after a restart, while the connections still wait to reconnect, and leaves no socket open', async () => {
    const baseline = openSockets();
    redis = await startRedis();
    const logger = recordingLogger();
    const queue = await busyQueue(redis, logger);
    await redis.stop();
    await sleep(1500); // ioredis' retry delay grows past a second
    redis = await startRedis({ port: redis.port });

    await queue.close(5_000);

    expect(logger.warnings).toEqual([]); // neither the graceful close nor the safety net timed out
    expect(await socketsSettleTo(baseline)).toBe(baseline);
  });

  it('finishes while Redis is still away, and leaves no socket open', async () => {
    const baseline = openSockets();
    redis = await startRedis();
    const logger = recordingLogger();
    const queue = await busyQueue(redis, logger);
    await redis.stop();
    redis = null;
    await sleep(300);

    await queue.close(5_000);

    // The graceful close may time out (a job queued while Redis was away is in the offline
    // queue), but the forced disconnects settle: the safety net is not needed.
    expect(logger.warnings.filter((w) => w.includes('did not settle'))).toEqual([]);
    expect(await socketsSettleTo(baseline)).toBe(baseline);
  });
});
