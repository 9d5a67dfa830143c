/**
 * Job queue port, implemented by BullMQ (ioredis) and by the in-process queue of the embedded
 * default. One contract suite in test/contracts/queue runs against both (BullMQ on a real
 * redis-server started by the test harness).
 *
 * The store is the source of truth: jobs carry ids and small payloads only, handlers are
 * idempotent, and pending work is re-armed from the store at boot.
 */
export interface Backoff {
  type: 'fixed' | 'exponential';
  /** Base delay in milliseconds. exponential: delay * 2^(attempt-1). */
  delayMs: number;
}

export interface JobOptions {
  /**
   * Deterministic id. While a job with this id is waiting, delayed or running, adding it again
   * is a no-op (the existing job stays as it is). Once that job has completed or failed for
   * good, the id can be used again.
   */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** Total tries including the first; default 1. */
  attempts?: number;
  backoff?: Backoff;
}

export interface Job<D = unknown> {
  id: string;
  queue: string;
  name: string;
  data: D;
  /** Tries already made before this one (0 on the first run). */
  attemptsMade: number;
}

export type JobHandler<D = unknown> = (job: Job<D>) => Promise<void>;

export interface WorkerOptions {
  /** Jobs of this queue run at once in this process; default 1. */
  concurrency?: number;
}

export interface FailedJobInfo {
  job: Job;
  error: Error;
  /** true when no retry is left. */
  final: boolean;
}

export interface ScheduleOptions {
  /** IANA zone for the cron pattern; default UTC. */
  tz?: string;
}

export interface JobQueue {
  readonly kind: 'inline' | 'bullmq';
  /** Returns the job id (the given jobId, or a generated one). */
  add<D>(queue: string, name: string, data: D, options?: JobOptions): Promise<string>;
  /** Removes a waiting or delayed job; no-op when it is not there. */
  remove(queue: string, jobId: string): Promise<void>;
  /** Creates or replaces the repeatable job `schedulerId` that adds `name` with `data` on the cron pattern (5 or 6 fields). */
  schedule<D>(
    queue: string,
    schedulerId: string,
    cron: string,
    name: string,
    data: D,
    options?: ScheduleOptions,
  ): Promise<void>;
  unschedule(queue: string, schedulerId: string): Promise<void>;
  /** Starts processing `queue` in this process. One handler per queue; it receives every job name. */
  process<D>(queue: string, handler: JobHandler<D>, options?: WorkerOptions): Promise<void>;
  /** Called after every failed try. */
  onFailed(listener: (info: FailedJobInfo) => void): void;
  /** Counts of jobs not yet finished, for health and tests. */
  pendingCount(queue: string): Promise<number>;
  /**
   * Graceful: stop taking jobs, wait for running ones (up to `timeoutMs`, default 10 s),
   * then close connections. Delayed jobs stay stored (BullMQ) or are dropped (inline, which
   * re-arms from the store at boot).
   */
  close(timeoutMs?: number): Promise<void>;
}
