import { randomUUID } from 'node:crypto';
import {
  conflict,
  type FailedJobInfo,
  type Job,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type ScheduleOptions,
  type WorkerOptions,
} from '@formloom/model';
import { nextCronTime } from '../cron-schedule.js';
import { silentQueueLogger, type QueueLogger } from '../queue-logger.js';
import {
  backoffDelay,
  checkJobId,
  checkJobName,
  checkQueueName,
  checkSchedule,
  normalizeConcurrency,
  normalizeJobOptions,
  queueClosedError,
  toError,
  type NormalizedJobOptions,
} from '../queue-input.js';
import { TimerHeap, type TimerHandle } from './timer-heap.js';

/**
 * In-process JobQueue for the embedded default: everything lives in this process's memory and
 * is gone after a restart (the store is the source of truth and pending work is re-armed at
 * boot). It mirrors what BullMQ does for every behaviour the contract suite checks.
 */

type JobState = 'waiting' | 'delayed' | 'active';

interface InlineJob {
  id: string;
  name: string;
  data: unknown;
  options: NormalizedJobOptions;
  attemptsMade: number;
  state: JobState;
  timer?: TimerHandle;
  schedulerId?: string;
  /** Fire time of a scheduler iteration, the base for the next one. */
  scheduledAt?: number;
}

interface Scheduler {
  id: string;
  cron: string;
  tz: string;
  name: string;
  data: unknown;
  /** The one iteration waiting to run; the next is created when it starts, as BullMQ does. */
  nextJobId?: string;
}

interface QueueState {
  name: string;
  /** Every job not finished yet: waiting, delayed (including between retries) or running. */
  jobs: Map<string, InlineJob>;
  /** FIFO of waiting job ids. */
  waiting: string[];
  handler?: JobHandler;
  concurrency: number;
  running: number;
  schedulers: Map<string, Scheduler>;
}

export interface InlineQueueOptions {
  logger?: QueueLogger;
}

export function createInlineQueue(options: InlineQueueOptions = {}): JobQueue {
  return new InlineQueue(options.logger ?? silentQueueLogger);
}

class InlineQueue implements JobQueue {
  readonly kind = 'inline' as const;
  private readonly queues = new Map<string, QueueState>();
  private readonly timers = new TimerHeap();
  private readonly failedListeners: Array<(info: FailedJobInfo) => void> = [];
  private readonly runs = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly logger: QueueLogger) {}

  async add<D>(queue: string, name: string, data: D, options?: JobOptions): Promise<string> {
    this.assertOpen();
    const state = this.queueState(checkQueueName(queue));
    checkJobName(name);
    const normalized = normalizeJobOptions(options);
    const id = normalized.jobId ?? randomUUID();
    if (state.jobs.has(id)) return id;
    this.enqueue(state, { id, name, data, options: normalized, attemptsMade: 0, state: 'waiting' }, normalized.delayMs);
    return id;
  }

  async remove(queue: string, jobId: string): Promise<void> {
    const state = this.queues.get(checkQueueName(queue));
    const job = state?.jobs.get(checkJobId(jobId));
    if (!state || !job || job.state === 'active') return;
    this.discard(state, job);
  }

  async schedule<D>(
    queue: string,
    schedulerId: string,
    cron: string,
    name: string,
    data: D,
    options?: ScheduleOptions,
  ): Promise<void> {
    this.assertOpen();
    const state = this.queueState(checkQueueName(queue));
    const checked = checkSchedule(schedulerId, cron, options);
    checkJobName(name);
    this.dropScheduler(state, checked.schedulerId);
    const scheduler: Scheduler = { id: checked.schedulerId, cron: checked.cron, tz: checked.tz, name, data };
    state.schedulers.set(scheduler.id, scheduler);
    this.addIteration(state, scheduler, Date.now());
  }

  async unschedule(queue: string, schedulerId: string): Promise<void> {
    const state = this.queues.get(checkQueueName(queue));
    if (state) this.dropScheduler(state, checkJobId(schedulerId, 'schedulerId'));
  }

  async process<D>(queue: string, handler: JobHandler<D>, options?: WorkerOptions): Promise<void> {
    this.assertOpen();
    const name = checkQueueName(queue);
    const concurrency = normalizeConcurrency(options);
    const state = this.queueState(name);
    if (state.handler) {
      throw conflict(`Queue "${name}" already has a handler in this process`, [
        { path: 'queue', rule: 'oneHandlerPerQueue', message: 'process() may be called once per queue' },
      ]);
    }
    state.handler = handler as JobHandler;
    state.concurrency = concurrency;
    this.dispatch(state);
  }

  onFailed(listener: (info: FailedJobInfo) => void): void {
    this.failedListeners.push(listener);
  }

  async pendingCount(queue: string): Promise<number> {
    return this.queues.get(checkQueueName(queue))?.jobs.size ?? 0;
  }

  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.stop();
    if (this.runs.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...this.runs]).then(() => 'done' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        this.logger.warn({ running: this.runs.size, timeoutMs }, 'inline queue closed with jobs still running');
      }
    }
    this.queues.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw queueClosedError();
  }

  private queueState(name: string): QueueState {
    let state = this.queues.get(name);
    if (!state) {
      state = { name, jobs: new Map(), waiting: [], concurrency: 1, running: 0, schedulers: new Map() };
      this.queues.set(name, state);
    }
    return state;
  }

  /** Puts a job in the queue: waiting now, or delayed until `delayMs` from now. */
  private enqueue(state: QueueState, job: InlineJob, delayMs: number): void {
    state.jobs.set(job.id, job);
    if (delayMs > 0) this.delay(state, job, Date.now() + delayMs);
    else this.makeWaiting(state, job);
  }

  private delay(state: QueueState, job: InlineJob, dueAt: number): void {
    job.state = 'delayed';
    job.timer = this.timers.at(dueAt, () => {
      job.timer = undefined;
      if (state.jobs.get(job.id) === job) this.makeWaiting(state, job);
    });
  }

  private makeWaiting(state: QueueState, job: InlineJob): void {
    job.state = 'waiting';
    state.waiting.push(job.id);
    this.dispatch(state);
  }

  private discard(state: QueueState, job: InlineJob): void {
    job.timer?.cancel();
    job.timer = undefined;
    state.jobs.delete(job.id);
    if (job.state === 'waiting') {
      const at = state.waiting.indexOf(job.id);
      if (at >= 0) state.waiting.splice(at, 1);
    }
  }

  /** Starts waiting jobs while the queue has a handler and free slots. */
  private dispatch(state: QueueState): void {
    while (!this.closed && state.handler && state.running < state.concurrency && state.waiting.length > 0) {
      const id = state.waiting.shift() as string;
      const job = state.jobs.get(id);
      if (!job || job.state !== 'waiting') continue;
      this.start(state, state.handler, job);
    }
  }

  private start(state: QueueState, handler: JobHandler, job: InlineJob): void {
    job.state = 'active';
    state.running += 1;
    if (job.schedulerId !== undefined) this.onIterationStarted(state, job);
    const view: Job = { id: job.id, queue: state.name, name: job.name, data: job.data, attemptsMade: job.attemptsMade };
    const run = Promise.resolve()
      .then(() => handler(view))
      .then(
        () => this.finish(state, job),
        (thrown: unknown) => this.fail(state, job, view, toError(thrown)),
      )
      .finally(() => {
        this.runs.delete(run);
        state.running -= 1;
        this.dispatch(state);
      });
    this.runs.add(run);
  }

  private finish(state: QueueState, job: InlineJob): void {
    if (state.jobs.get(job.id) === job) state.jobs.delete(job.id);
  }

  private fail(state: QueueState, job: InlineJob, view: Job, error: Error): void {
    const triesMade = job.attemptsMade + 1;
    const final = triesMade >= job.options.attempts;
    for (const listener of this.failedListeners) {
      try {
        listener({ job: view, error, final });
      } catch (listenerError) {
        this.logger.error({ err: listenerError, queue: state.name, jobId: job.id }, 'onFailed listener threw');
      }
    }
    if (final || this.closed) {
      this.finish(state, job);
      return;
    }
    job.attemptsMade = triesMade;
    const wait = backoffDelay(job.options.backoff, triesMade);
    if (wait > 0) this.delay(state, job, Date.now() + wait);
    else this.makeWaiting(state, job);
  }

  /** Adds the scheduler's next iteration after `afterMs`, unless one with that id is still pending. */
  private addIteration(state: QueueState, scheduler: Scheduler, afterMs: number): void {
    const now = Date.now();
    const fireAt = Math.max(nextCronTime(scheduler.cron, scheduler.tz, afterMs), now);
    const id = `repeat:${scheduler.id}:${fireAt}`;
    scheduler.nextJobId = id;
    if (state.jobs.has(id)) return;
    const job: InlineJob = {
      id,
      name: scheduler.name,
      data: scheduler.data,
      options: { delayMs: 0, attempts: 1 },
      attemptsMade: 0,
      state: 'waiting',
      schedulerId: scheduler.id,
      scheduledAt: fireAt,
    };
    this.enqueue(state, job, fireAt - now);
  }

  private onIterationStarted(state: QueueState, job: InlineJob): void {
    const scheduler = job.schedulerId === undefined ? undefined : state.schedulers.get(job.schedulerId);
    if (!scheduler || scheduler.nextJobId !== job.id) return;
    this.addIteration(state, scheduler, Math.max(Date.now(), job.scheduledAt ?? 0));
  }

  private dropScheduler(state: QueueState, schedulerId: string): void {
    const scheduler = state.schedulers.get(schedulerId);
    if (!scheduler) return;
    state.schedulers.delete(schedulerId);
    const pending = scheduler.nextJobId === undefined ? undefined : state.jobs.get(scheduler.nextJobId);
    if (pending && pending.state !== 'active') this.discard(state, pending);
  }
}
