import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { FailedJobInfo } from '@formloom/model';
import { createInlineQueue } from './inline-queue.js';

/** Behaviour of the in-process queue that the shared contract does not pin down. */

function capturedPino() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !check(); i += 1) await sleep(10);
  expect(check()).toBe(true);
}

describe('inline queue', () => {
  it('stops waiting for a hung job after the close timeout and says so in the log', async () => {
    const { logger, lines } = capturedPino();
    const queue = createInlineQueue({ logger });
    let started = false;
    await queue.process('hung', async () => {
      started = true;
      await new Promise(() => {});
    });
    await queue.add('hung', 'forever', {});
    await until(() => started);

    const closed = await Promise.race([queue.close(100).then(() => 'closed'), sleep(2_000).then(() => 'stuck')]);
    expect(closed).toBe('closed');
    await until(() => lines.length > 0);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'inline queue closed with jobs still running', running: 1 });
  });

  it('drops delayed jobs and pending retries on close (the store re-arms them at boot)', async () => {
    const queue = createInlineQueue();
    const release = { open: () => {} };
    const failing = new Promise<void>((resolve) => {
      release.open = resolve;
    });
    let tries = 0;
    await queue.process('q', async () => {
      tries += 1;
      await failing;
      throw new Error('boom');
    });
    await queue.add('q', 'retrying', {}, { attempts: 5 });
    await queue.add('q', 'later', {}, { delayMs: 50 });
    await until(() => tries === 1);

    const closing = queue.close(1_000);
    release.open();
    await closing;
    await sleep(150);
    expect(tries).toBe(1);
    expect(await queue.pendingCount('q')).toBe(0);
  });

  it('hands listeners an Error even when a handler throws something else, and survives a throwing listener', async () => {
    const { logger, lines } = capturedPino();
    const queue = createInlineQueue({ logger });
    const failures: FailedJobInfo[] = [];
    queue.onFailed(() => {
      throw new Error('listener bug');
    });
    queue.onFailed((info) => failures.push(info));
    let runs = 0;
    await queue.process('q', async () => {
      runs += 1;
      if (runs === 1) throw 'plain string';
    });
    await queue.add('q', 'a', {});
    await until(() => failures.length === 1);
    expect(failures[0].error).toBeInstanceOf(Error);
    expect(failures[0].error.message).toBe('plain string');
    expect(lines.some((line) => line.msg === 'onFailed listener threw')).toBe(true);

    await queue.add('q', 'b', {});
    await until(() => runs === 2);
    await queue.close();
  });
});
