import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  conflict,
  FormloomError,
  type FailedJobInfo,
  type Job,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type ScheduleOptions,
  type WorkerOptions,
} from '@formloom/model';
import { silentQueueLogger, type QueueLogger } from '../queue-logger.js';
import {
  checkJobId,
  checkJobName,
  checkQueueName,
  checkSchedule,
  normalizeConcurrency,
  normalizeJobOptions,
  queueClosedError,
  toError,
} from '../queue-input.js';
import { ClosableRedis } from './closable-redis.js';
import { decodeJobId, encodeJobId, encodeSchedulerId } from './job-id-codec.js';

/**
 * JobQueue on BullMQ 6 over Redis (ioredis). Jobs, delays, retries and schedules live in Redis,
 * so they survive restarts and are shared by every process that opens the same Redis with the
 * same prefix: each job runs in exactly one of the processes that called process() for its queue.
 */

export interface BullmqQueueOptions {
  /** redis:// or rediss:// URL. */
  url: string;
  /** Key prefix in Redis; default `formloom`. */
  prefix?: string;
  logger?: QueueLogger;
  /** How long to wait for Redis at start before failing; default 10 s. */
  connectTimeoutMs?: number;
}

/** Finished jobs are deleted so their ids can be used again, as the port promises. */
const REMOVE_WHEN_FINISHED = { removeOnComplete: true, removeOnFail: true } as const;

export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const logger = options.logger ?? silentQueueLogger;
  // Producers fail fast when Redis is away (default retries per request); workers block on
  // Redis and must retry forever, which BullMQ requires as maxRetriesPerRequest: null.
  const producer = await connect(options.url, { maxRetriesPerRequest: 20 }, options.connectTimeoutMs, logger);
  return new BullmqQueue(options, producer, logger);
}

async function connect(
  url: string,
  extra: { maxRetriesPerRequest: number | null },
  timeoutMs = 10_000,
  logger: QueueLogger,
): Promise<Redis> {
  // ClosableRedis: BullMQ's worker connections are duplicates of this one, and a plain ioredis
  // client waiting to reconnect never ends on disconnect(), which hung Worker.close().
  const redis = new ClosableRedis(url, { ...extra, lazyConnect: true, connectTimeout: timeoutMs });
  redis.on('error', (err: Error) => logger.warn({ err }, 'redis connection error (job queue)'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new FormloomError('UNAVAILABLE', `Cannot reach Redis for the job queue: ${toError(error).message}`, [
      { path: 'REDIS_URL', rule: 'reachable', message: 'Redis must be running and reachable at REDIS_URL' },
    ]);
  } finally {
    clearTimeout(timer);
  }
  return redis;
}

/**
 * A safety net only: how long close() waits for each of its later steps (queues, forced
 * disconnects). With ClosableRedis every step settles by itself, even after a Redis restart or
 * while Redis is away; a step that does not is logged, and the connections are cut anyway.
 */
const CLOSE_STEP_MS = 2_000;

/** Waits for every promise to settle, or `ms`; returns the labels of those still pending then. */
async function settledWithin(steps: Array<[label: string, promise: Promise<unknown>]>, ms: number): Promise<string[]> {
  const pending = new Set(steps.map(([label]) => label));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.allSettled(steps.map(([label, promise]) => promise.finally(() => pending.delete(label)))),
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  return [...pending];
}

/** QUIT, so replies in flight arrive; a connection that does not answer in time is dropped. */
async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.quit(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 1_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly prefix: string;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly failedListeners: Array<(info: FailedJobInfo) => void> = [];
  private workerConnection: Promise<Redis> | undefined;
  private closed = false;

  constructor(
    private readonly options: BullmqQueueOptions,
    private readonly producer: Redis,
    private readonly logger: QueueLogger,
  ) {
    this.prefix = options.prefix ?? 'formloom';
  }

  async add<D>(queue: string, name: string, data: D, options?: JobOptions): Promise<string> {
    const bullQueue = this.queue(queue);
    checkJobName(name);
    const normalized = normalizeJobOptions(options);
    const id = normalized.jobId ?? randomUUID();
    await bullQueue.add(name, data, {
      jobId: encodeJobId(id),
      delay: normalized.delayMs,
      attempts: normalized.attempts,
      ...(normalized.backoff && { backoff: { type: normalized.backoff.type, delay: normalized.backoff.delayMs } }),
      ...REMOVE_WHEN_FINISHED,
    });
    return id;
  }

  async remove(queue: string, jobId: string): Promise<void> {
    const bullQueue = this.queue(queue, { whenClosed: 'ignore' });
    if (!bullQueue) return;
    const encoded = encodeJobId(checkJobId(jobId));
    try {
      await bullQueue.remove(encoded);
    } catch (error) {
      // A running job is locked by its worker; the port only removes waiting or delayed jobs.
      const state = await bullQueue.getJobState(encoded).catch(() => 'unknown');
      if (state !== 'active') throw error;
    }
  }

  async schedule<D>(
    queue: string,
    schedulerId: string,
    cron: string,
    name: string,
    data: D,
    options?: ScheduleOptions,
  ): Promise<void> {
    const bullQueue = this.queue(queue);
    const checked = checkSchedule(schedulerId, cron, options);
    checkJobName(name);
    await bullQueue.upsertJobScheduler(
      encodeSchedulerId(checked.schedulerId),
      { pattern: checked.cron, tz: checked.tz },
      { name, data, opts: { ...REMOVE_WHEN_FINISHED } },
    );
  }

  async unschedule(queue: string, schedulerId: string): Promise<void> {
    const bullQueue = this.queue(queue, { whenClosed: 'ignore' });
    if (bullQueue) await bullQueue.removeJobScheduler(encodeSchedulerId(checkJobId(schedulerId, 'schedulerId')));
  }

  async process<D>(queue: string, handler: JobHandler<D>, options?: WorkerOptions): Promise<void> {
    this.assertOpen();
    const name = checkQueueName(queue);
    const concurrency = normalizeConcurrency(options);
    if (this.workers.has(name)) {
      throw conflict(`Queue "${name}" already has a handler in this process`, [
        { path: 'queue', rule: 'oneHandlerPerQueue', message: 'process() may be called once per queue' },
      ]);
    }
    this.workerConnection ??= connect(
      this.options.url,
      { maxRetriesPerRequest: null },
      this.options.connectTimeoutMs,
      this.logger,
    );
    const connection = await this.workerConnection;
    if (this.workers.has(name)) throw conflict(`Queue "${name}" already has a handler in this process`);
    this.assertOpen();
    const worker = new Worker(
      name,
      async (bullJob: BullJob) => {
        await handler(this.toJob(name, bullJob) as Job<D>);
      },
      { connection, prefix: this.prefix, concurrency },
    );
    worker.on('failed', (bullJob, error) => this.emitFailed(name, bullJob, error));
    worker.on('error', (err) => this.logger.error({ err, queue: name }, 'job queue worker error'));
    this.workers.set(name, worker);
    await worker.waitUntilReady();
  }

  onFailed(listener: (info: FailedJobInfo) => void): void {
    this.failedListeners.push(listener);
  }

  async pendingCount(queue: string): Promise<number> {
    const bullQueue = this.queue(queue);
    // BullMQ 6 has no separate paused list: a paused queue's jobs stay in 'waiting'.
    const counts = await bullQueue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = [...this.workers.values()];
    const graceful = Promise.all(workers.map((worker) => worker.close()));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([graceful.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // worker.close(true) after a graceful close() only returns that same pending promise, so
      // cut the workers' connections instead. Their unfinished jobs stay active in Redis until
      // the lock expires; then the stalled check of a live worker puts them back to run again.
      this.logger.warn({ timeoutMs }, 'job queue closed with jobs still running; they will run again as stalled jobs');
      this.warnUnsettled(
        'disconnect',
        await settledWithin(
          workers.map((worker) => [worker.name, worker.disconnect()]),
          CLOSE_STEP_MS,
        ),
      );
    }
    this.warnUnsettled(
      'close',
      await settledWithin(
        [...this.queues.entries()].map(([name, queue]) => [name, queue.close()]),
        CLOSE_STEP_MS,
      ),
    );
    const connections = [this.producer, ...(this.workerConnection ? [await this.workerConnection] : [])];
    await Promise.allSettled(connections.map(closeConnection));
  }

  private warnUnsettled(step: 'close' | 'disconnect', queues: string[]): void {
    if (queues.length === 0) return;
    this.logger.warn(
      { queues, waitedMs: CLOSE_STEP_MS },
      `BullMQ ${step} did not settle in time while closing the job queue; its connections are cut anyway`,
    );
  }

  private assertOpen(): void {
    if (this.closed) throw queueClosedError();
  }

  /** The BullMQ Queue of `name`, created on first use and sharing the producer connection. */
  private queue(name: string): Queue;
  private queue(name: string, mode: { whenClosed: 'ignore' }): Queue | undefined;
  private queue(name: string, mode?: { whenClosed: 'ignore' }): Queue | undefined {
    const checked = checkQueueName(name);
    if (this.closed) {
      if (mode) return undefined;
      throw queueClosedError();
    }
    let queue = this.queues.get(checked);
    if (!queue) {
      queue = new Queue(checked, { connection: this.producer, prefix: this.prefix });
      queue.on('error', (err) => this.logger.error({ err, queue: checked }, 'job queue error'));
      this.queues.set(checked, queue);
    }
    return queue;
  }

  private toJob(queue: string, bullJob: BullJob, attemptsMade = bullJob.attemptsMade): Job {
    return {
      id: decodeJobId(bullJob.id ?? ''),
      queue,
      name: bullJob.name,
      data: bullJob.data as unknown,
      attemptsMade,
    };
  }

  /** BullMQ has counted the failed try in attemptsMade by the time 'failed' fires. */
  private emitFailed(queue: string, bullJob: BullJob | undefined, error: Error): void {
    if (!bullJob) return;
    const triesMade = bullJob.attemptsMade;
    const info: FailedJobInfo = {
      job: this.toJob(queue, bullJob, Math.max(0, triesMade - 1)),
      error,
      final: triesMade >= (bullJob.opts.attempts ?? 1),
    };
    for (const listener of this.failedListeners) {
      try {
        listener(info);
      } catch (listenerError) {
        this.logger.error({ err: listenerError, queue, jobId: info.job.id }, 'onFailed listener threw');
      }
    }
  }
}
