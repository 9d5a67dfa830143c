/**
 * The JobQueue contract (runtime/model/src/ports/job-queue.ts), run against every adapter by
 * queue.contract.test.ts. Each test opens a fresh adapter and uses queue names of its own, so
 * adapters sharing one Redis never see each other's jobs. Timing checks are orderings and
 * lower bounds ("not before the delay"), never exact durations.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FormloomError, type FailedJobInfo, type Job, type JobQueue } from '@formloom/model';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(20);
  }
}

/** A promise with its resolve function, for handlers that must hold until the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Timers may fire a few ms apart from Date.now() readings; lower bounds allow for that. */
const CLOCK_SLACK_MS = 15;

export function runQueueContract(adapterName: string, open: () => Promise<JobQueue>): void {
  describe(`JobQueue contract: ${adapterName}`, () => {
    const opened: JobQueue[] = [];
    const openQueue = async () => {
      const queue = await open();
      opened.push(queue);
      return queue;
    };
    const queueName = () => `contract-${randomUUID().slice(0, 8)}`;

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.close(2_000)));
    });

    it('runs a job with its queue, name, data and id', async () => {
      const jq = await openQueue();
      const q = queueName();
      const seen: Job[] = [];
      await jq.process(q, async (job) => {
        seen.push(job);
      });
      const givenId = await jq.add(
        q,
        'invoice.send',
        { invoiceId: 'inv-1', amount: 12.5 },
        { jobId: 'flow:42:step:7' },
      );
      const generatedId = await jq.add(q, 'invoice.remind', { invoiceId: 'inv-2' });

      expect(givenId).toBe('flow:42:step:7');
      expect(typeof generatedId).toBe('string');
      expect(generatedId).not.toBe('');
      await waitFor('both jobs ran', () => seen.length === 2);
      const byId = new Map(seen.map((job) => [job.id, job]));
      expect(byId.get(givenId)).toEqual({
        id: 'flow:42:step:7',
        queue: q,
        name: 'invoice.send',
        data: { invoiceId: 'inv-1', amount: 12.5 },
        attemptsMade: 0,
      });
      expect(byId.get(generatedId)).toMatchObject({ name: 'invoice.remind', data: { invoiceId: 'inv-2' } });
    });

    it('accepts any non-empty string as a jobId', async () => {
      const jq = await openQueue();
      const q = queueName();
      const ids = ['42', 'marker', 'meta', 'wait', 'a:b:c', '100%', 'repeat:x:1'];
      const seen: string[] = [];
      await jq.process(q, async (job) => {
        seen.push(job.id);
      });
      for (const id of ids) expect(await jq.add(q, 'any', {}, { jobId: id })).toBe(id);
      await waitFor('every job ran', () => seen.length === ids.length);
      expect([...seen].sort()).toEqual([...ids].sort());
    });

    it('does not run a delayed job before its delay, and runs it after', async () => {
      const jq = await openQueue();
      const q = queueName();
      const ranAt = new Map<string, number>();
      await jq.process(
        q,
        async (job) => {
          ranAt.set(job.name, Date.now());
        },
        { concurrency: 2 },
      );
      const addedAt = Date.now();
      await jq.add(q, 'later', {}, { delayMs: 400 });
      await jq.add(q, 'now', {});

      await waitFor('both jobs ran', () => ranAt.has('now') && ranAt.has('later'));
      expect(ranAt.get('later')! - addedAt).toBeGreaterThanOrEqual(400 - CLOCK_SLACK_MS);
      expect(ranAt.get('later')!).toBeGreaterThan(ranAt.get('now')!);
    });

    it('retries a failing job with fixed backoff until it succeeds', async () => {
      const jq = await openQueue();
      const q = queueName();
      const tries: Array<{ attemptsMade: number; at: number }> = [];
      const failures: FailedJobInfo[] = [];
      jq.onFailed((info) => failures.push(info));
      await jq.process(q, async (job) => {
        tries.push({ attemptsMade: job.attemptsMade, at: Date.now() });
        if (job.attemptsMade < 2) throw new Error(`try ${job.attemptsMade + 1} failed`);
      });
      await jq.add(q, 'flaky', { n: 1 }, { jobId: 'flaky-1', attempts: 3, backoff: { type: 'fixed', delayMs: 150 } });

      await waitFor('the job finished', async () => tries.length === 3 && (await jq.pendingCount(q)) === 0);
      expect(tries.map((t) => t.attemptsMade)).toEqual([0, 1, 2]);
      expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(150 - CLOCK_SLACK_MS);
      expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(150 - CLOCK_SLACK_MS);
      expect(failures.map((f) => [f.job.id, f.job.attemptsMade, f.final, f.error.message])).toEqual([
        ['flaky-1', 0, false, 'try 1 failed'],
        ['flaky-1', 1, false, 'try 2 failed'],
      ]);
    });

    it('doubles the wait between tries with exponential backoff', async () => {
      const jq = await openQueue();
      const q = queueName();
      const at: number[] = [];
      await jq.process(q, async () => {
        at.push(Date.now());
        if (at.length < 3) throw new Error('not yet');
      });
      await jq.add(q, 'flaky', {}, { attempts: 3, backoff: { type: 'exponential', delayMs: 150 } });

      await waitFor('three tries', () => at.length === 3);
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(150 - CLOCK_SLACK_MS);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(300 - CLOCK_SLACK_MS);
    });

    it('reports the final failure to onFailed with final=true, then frees the id', async () => {
      const jq = await openQueue();
      const q = queueName();
      const failures: FailedJobInfo[] = [];
      jq.onFailed((info) => failures.push(info));
      let runs = 0;
      await jq.process(q, async () => {
        runs += 1;
        throw new Error('mail server down');
      });
      await jq.add(q, 'notify', { to: 'a' }, { jobId: 'notify-a', attempts: 2 });

      await waitFor('two failed tries', () => failures.length === 2);
      expect(failures.map((f) => ({ id: f.job.id, attemptsMade: f.job.attemptsMade, final: f.final }))).toEqual([
        { id: 'notify-a', attemptsMade: 0, final: false },
        { id: 'notify-a', attemptsMade: 1, final: true },
      ]);
      expect(failures[1].error).toBeInstanceOf(Error);
      expect(failures[1].error.message).toBe('mail server down');
      expect(failures[1].job).toMatchObject({ queue: q, name: 'notify', data: { to: 'a' } });
      await waitFor('nothing pending', async () => (await jq.pendingCount(q)) === 0);

      await jq.add(q, 'notify', { to: 'a' }, { jobId: 'notify-a' });
      await waitFor('the reused id ran again', () => runs === 3);
      await waitFor('single try failed for good', () => failures.length === 3);
      expect(failures[2].final).toBe(true);
    });

    it('keeps one job when the same jobId is added again while it is pending', async () => {
      const jq = await openQueue();
      const q = queueName();
      const seen: unknown[] = [];
      const release = gate();
      await jq.add(q, 'step', { version: 1 }, { jobId: 'step-1', delayMs: 200 });
      expect(await jq.add(q, 'step', { version: 2 }, { jobId: 'step-1' })).toBe('step-1');
      expect(await jq.pendingCount(q)).toBe(1);

      await jq.process(q, async (job) => {
        seen.push(job.data);
        await release.opened;
      });
      await waitFor('the job started', () => seen.length === 1);
      // Still running: adding it again is a no-op as well.
      await jq.add(q, 'step', { version: 3 }, { jobId: 'step-1' });
      release.open();
      await waitFor('nothing pending', async () => (await jq.pendingCount(q)) === 0);
      await sleep(300);
      expect(seen).toEqual([{ version: 1 }]);
    });

    it('lets a jobId be used again once its job has completed', async () => {
      const jq = await openQueue();
      const q = queueName();
      const seen: unknown[] = [];
      await jq.process(q, async (job) => {
        seen.push(job.data);
      });
      await jq.add(q, 'sync', { round: 1 }, { jobId: 'sync-customer-9' });
      await waitFor('first run', async () => seen.length === 1 && (await jq.pendingCount(q)) === 0);
      await jq.add(q, 'sync', { round: 2 }, { jobId: 'sync-customer-9' });
      await waitFor('second run', () => seen.length === 2);
      expect(seen).toEqual([{ round: 1 }, { round: 2 }]);
    });

    it('remove() of a delayed job keeps it from running', async () => {
      const jq = await openQueue();
      const q = queueName();
      const ran: string[] = [];
      await jq.process(q, async (job) => {
        ran.push(job.id);
      });
      await jq.add(q, 'reminder', {}, { jobId: 'reminder-1', delayMs: 500 });
      await jq.add(q, 'marker', {}, { jobId: 'marker', delayMs: 700 });
      await jq.remove(q, 'reminder-1');
      await jq.remove(q, 'no-such-job');
      expect(await jq.pendingCount(q)).toBe(1);

      await waitFor('the later marker job ran', () => ran.includes('marker'));
      expect(ran).toEqual(['marker']);
    });

    it('remove() leaves a running job alone', async () => {
      const jq = await openQueue();
      const q = queueName();
      const release = gate();
      let started = 0;
      let finished = 0;
      await jq.process(q, async () => {
        started += 1;
        await release.opened;
        finished += 1;
      });
      await jq.add(q, 'long', {}, { jobId: 'long-1' });
      await waitFor('the job started', () => started === 1);
      await jq.remove(q, 'long-1');
      expect(await jq.pendingCount(q)).toBe(1);
      release.open();
      await waitFor('the job finished', async () => finished === 1 && (await jq.pendingCount(q)) === 0);
      expect(started).toBe(1);
    });

    it('runs one job at a time with concurrency 1', async () => {
      const jq = await openQueue();
      const q = queueName();
      let running = 0;
      let maxRunning = 0;
      let done = 0;
      await jq.process(
        q,
        async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(60);
          running -= 1;
          done += 1;
        },
        { concurrency: 1 },
      );
      for (let i = 0; i < 4; i += 1) await jq.add(q, 'work', { i });
      await waitFor('all four done', () => done === 4);
      expect(maxRunning).toBe(1);
    });

    it('overlaps jobs up to the concurrency given', async () => {
      const jq = await openQueue();
      const q = queueName();
      let running = 0;
      let maxRunning = 0;
      let done = 0;
      await jq.process(
        q,
        async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await sleep(200);
          running -= 1;
          done += 1;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 6; i += 1) await jq.add(q, 'work', { i });
      await waitFor('all six done', () => done === 6);
      expect(maxRunning).toBeGreaterThanOrEqual(2);
      expect(maxRunning).toBeLessThanOrEqual(3);
    });

    it('fires a cron schedule and stops after unschedule()', async () => {
      const jq = await openQueue();
      const q = queueName();
      const runs: Job[] = [];
      await jq.process(q, async (job) => {
        runs.push(job);
      });
      await jq.schedule(q, 'every-second', '* * * * * *', 'tick', { source: 'cron' });

      await waitFor('two ticks', () => runs.length >= 2, 4_000);
      expect(runs[0]).toMatchObject({ queue: q, name: 'tick', data: { source: 'cron' }, attemptsMade: 0 });
      expect(new Set(runs.map((job) => job.id)).size).toBe(runs.length);

      await jq.unschedule(q, 'every-second');
      const ticksAtUnschedule = runs.length;
      await sleep(1_500);
      // An iteration already handed to a worker may still finish; none is created afterwards.
      expect(runs.length).toBeLessThanOrEqual(ticksAtUnschedule + 1);
      expect(await jq.pendingCount(q)).toBe(0);
    });

    it('replaces a schedule that is scheduled again with the same id', async () => {
      const jq = await openQueue();
      const q = queueName();
      const runs: Job[] = [];
      await jq.process(q, async (job) => {
        runs.push(job);
      });
      await jq.schedule(q, 'digest', '0 0 1 1 *', 'yearly-digest', { v: 1 }, { tz: 'Asia/Shanghai' });
      expect(await jq.pendingCount(q)).toBe(1);
      await jq.schedule(q, 'digest', '* * * * * *', 'digest', { v: 2 });
      expect(await jq.pendingCount(q)).toBe(1);

      await waitFor('two runs of the new schedule', () => runs.length >= 2, 4_000);
      expect(runs.every((job) => job.name === 'digest' && (job.data as { v: number }).v === 2)).toBe(true);
      await jq.unschedule(q, 'digest');
    });

    it('runs jobs added before process() once a handler exists', async () => {
      const jq = await openQueue();
      const q = queueName();
      await jq.add(q, 'early', { n: 1 }, { jobId: 'early-1' });
      await jq.add(q, 'early', { n: 2 }, { jobId: 'early-2', delayMs: 100 });
      await jq.add(q, 'early', { n: 3 }, { jobId: 'early-3' });
      await sleep(250);
      expect(await jq.pendingCount(q)).toBe(3);

      const ran: string[] = [];
      await jq.process(q, async (job) => {
        ran.push(job.id);
      });
      await waitFor('all three ran', async () => ran.length === 3 && (await jq.pendingCount(q)) === 0);
      await sleep(200);
      expect([...ran].sort()).toEqual(['early-1', 'early-2', 'early-3']);
    });

    it('counts waiting, delayed and running jobs in pendingCount', async () => {
      const jq = await openQueue();
      const q = queueName();
      expect(await jq.pendingCount(q)).toBe(0);
      await jq.add(q, 'a', {});
      await jq.add(q, 'b', {});
      await jq.add(q, 'c', {}, { delayMs: 60_000 });
      expect(await jq.pendingCount(q)).toBe(3);

      const release = gate();
      let started = 0;
      await jq.process(q, async () => {
        started += 1;
        await release.opened;
      });
      await waitFor('one job running', () => started === 1);
      expect(await jq.pendingCount(q)).toBe(3);
      release.open();
      await waitFor('only the delayed job left', async () => (await jq.pendingCount(q)) === 1);
      expect(started).toBe(2);
    });

    it('close() waits for a running job to finish', async () => {
      const jq = await openQueue();
      const q = queueName();
      let started = false;
      let finished = false;
      await jq.process(q, async () => {
        started = true;
        await sleep(300);
        finished = true;
      });
      await jq.add(q, 'long', {});
      await waitFor('the job started', () => started);
      await jq.close(5_000);
      expect(finished).toBe(true);
      await expect(jq.add(q, 'after-close', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    });

    it('close(timeoutMs) gives up on a job that does not finish in time', async () => {
      const jq = await openQueue();
      const q = queueName();
      const stuck = gate();
      let started = false;
      await jq.process(q, async () => {
        started = true;
        await stuck.opened;
      });
      await jq.add(q, 'stuck', {});
      await waitFor('the job started', () => started);
      const outcome = await Promise.race([
        jq.close(300).then(() => 'closed'),
        sleep(5_000).then(() => 'still waiting'),
      ]);
      stuck.open();
      expect(outcome).toBe('closed');
    });

    it('rejects bad input with a FormloomError naming the argument and rule', async () => {
      const jq = await openQueue();
      const q = queueName();
      const rejection = (promise: Promise<unknown>) =>
        promise.then(
          () => undefined,
          (error: unknown) => error,
        );

      const badAttempts = await rejection(jq.add(q, 'x', {}, { attempts: 0 }));
      expect(badAttempts).toBeInstanceOf(FormloomError);
      expect(badAttempts).toMatchObject({
        code: 'BAD_REQUEST',
        details: [{ path: 'options.attempts', rule: 'minimum' }],
      });
      await expect(jq.add('bad:queue', 'x', {})).rejects.toMatchObject({
        details: [{ path: 'queue', rule: 'pattern' }],
      });
      await expect(jq.add(q, 'x', {}, { delayMs: -1 })).rejects.toMatchObject({
        details: [{ path: 'options.delayMs' }],
      });
      await expect(jq.schedule(q, 's', 'every day', 'x', {})).rejects.toMatchObject({
        details: [{ path: 'cron', rule: 'format' }],
      });
      await expect(jq.schedule(q, 's', '61 * * * *', 'x', {})).rejects.toMatchObject({ details: [{ path: 'cron' }] });
      await expect(jq.schedule(q, 's', '* * * * *', 'x', {}, { tz: 'Mars/Olympus' })).rejects.toMatchObject({
        details: [{ path: 'options.tz', rule: 'timeZone' }],
      });
      await expect(jq.process(q, async () => {}, { concurrency: 0 })).rejects.toMatchObject({
        details: [{ path: 'options.concurrency' }],
      });
      await jq.process(q, async () => {});
      await expect(jq.process(q, async () => {})).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await jq.pendingCount(q)).toBe(0);
    });
  });
}
