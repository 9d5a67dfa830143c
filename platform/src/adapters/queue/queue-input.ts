import {
  badRequest,
  FormloomError,
  type ErrorDetail,
  type JobOptions,
  type ScheduleOptions,
  type WorkerOptions,
} from '@formloom/model';
import { nextCronTime } from './cron-schedule.js';

/**
 * Checks of everything callers hand to a JobQueue, shared by both adapters so that bad input
 * fails the same way (a FormloomError naming the argument and the rule) whichever queue runs.
 */

/** Options after defaults are applied. */
export interface NormalizedJobOptions {
  jobId?: string;
  delayMs: number;
  attempts: number;
  backoff?: { type: 'fixed' | 'exponential'; delayMs: number };
}

const fail = (detail: ErrorDetail): never => {
  throw badRequest(detail.message, [detail]);
};

function requireName(value: unknown, path: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    return fail({ path, rule: 'required', message: `${what} must be a non-empty string` });
  }
  return value;
}

/** Queue names become part of Redis keys, where ':' is the separator BullMQ forbids in them. */
export function checkQueueName(queue: unknown): string {
  const name = requireName(queue, 'queue', 'The queue name');
  if (name.includes(':')) {
    fail({ path: 'queue', rule: 'pattern', message: `The queue name "${name}" must not contain ':'` });
  }
  return name;
}

export function checkJobName(name: unknown): string {
  return requireName(name, 'name', 'The job name');
}

export function checkJobId(jobId: unknown, path = 'jobId'): string {
  return requireName(jobId, path, 'The job id');
}

function checkNonNegativeInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return fail({ path, rule: 'minimum', message: `${path} must be an integer >= 0` });
  }
  return value;
}

function checkPositiveInteger(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    return fail({ path, rule: 'minimum', message: `${path} must be an integer >= 1` });
  }
  return value;
}

export function normalizeJobOptions(options: JobOptions | undefined): NormalizedJobOptions {
  const normalized: NormalizedJobOptions = {
    delayMs: options?.delayMs === undefined ? 0 : checkNonNegativeInteger(options.delayMs, 'options.delayMs'),
    attempts: options?.attempts === undefined ? 1 : checkPositiveInteger(options.attempts, 'options.attempts'),
  };
  if (options?.jobId !== undefined) normalized.jobId = checkJobId(options.jobId, 'options.jobId');
  if (options?.backoff !== undefined) {
    const { type, delayMs } = options.backoff;
    if (type !== 'fixed' && type !== 'exponential') {
      fail({
        path: 'options.backoff.type',
        rule: 'enum',
        message: `options.backoff.type must be "fixed" or "exponential", not ${JSON.stringify(type)}`,
      });
    }
    normalized.backoff = { type, delayMs: checkNonNegativeInteger(delayMs, 'options.backoff.delayMs') };
  }
  return normalized;
}

/** Delay before the retry that follows failed try number `failedTry` (1-based), as BullMQ computes it. */
export function backoffDelay(backoff: NormalizedJobOptions['backoff'], failedTry: number): number {
  if (!backoff) return 0;
  return backoff.type === 'fixed' ? backoff.delayMs : Math.round(backoff.delayMs * 2 ** (failedTry - 1));
}

export function normalizeConcurrency(options: WorkerOptions | undefined): number {
  return options?.concurrency === undefined ? 1 : checkPositiveInteger(options.concurrency, 'options.concurrency');
}

export interface NormalizedSchedule {
  schedulerId: string;
  cron: string;
  tz: string;
}

/** Validates a cron schedule: 5 or 6 fields, a known IANA zone, and a pattern that has a next fire time. */
export function checkSchedule(
  schedulerId: unknown,
  cron: unknown,
  options: ScheduleOptions | undefined,
): NormalizedSchedule {
  const id = requireName(schedulerId, 'schedulerId', 'The scheduler id');
  const pattern = requireName(cron, 'cron', 'The cron pattern').trim();
  const fields = pattern.split(/\s+/).length;
  if (fields !== 5 && fields !== 6) {
    fail({
      path: 'cron',
      rule: 'format',
      message: `The cron pattern "${pattern}" must have 5 or 6 fields, not ${fields}`,
    });
  }
  const tz = options?.tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    fail({ path: 'options.tz', rule: 'timeZone', message: `"${tz}" is not a known IANA time zone` });
  }
  try {
    nextCronTime(pattern, tz, Date.now());
  } catch (error) {
    fail({
      path: 'cron',
      rule: 'format',
      message: `The cron pattern "${pattern}" is not valid: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return { schedulerId: id, cron: pattern, tz };
}

/** Handlers may throw anything; listeners and BullMQ need an Error. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : `Job handler threw a non-Error value: ${String(thrown)}`);
}

export function queueClosedError(): FormloomError {
  return new FormloomError('UNAVAILABLE', 'The job queue is closed');
}
