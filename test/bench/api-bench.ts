import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { SYSTEM_PRINCIPAL } from '@formloom/model';
import { loadConfig, startServer } from '@formloom/platform';
import { httpCall, publishedForm } from '../api/records-fixtures.js';

/**
 * API record creates per second: the real server (startServer, embedded store in a temp
 * DATA_DIR, in-process queue, every module) on a loopback port, a published ten-field form
 * with a unique email and a serial number, and undici sending POST /records at a fixed
 * concurrency for a few seconds. Every create is a full write: validation, serial number,
 * unique index, history entry and record event, committed before the 201.
 */
const CONCURRENCY = 32;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
const ADMIN_PASSWORD = 'bench-admin-password-1';

export async function benchApi(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'formloom-api-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config);
  const address = server.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY });
  try {
    const login = await httpCall(pool, null)('POST', '/api/auth/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    if (typeof login.body.token !== 'string') throw new Error(`login failed: ${login.status}`);
    const call = httpCall(pool, login.body.token);
    const { formId } = await publishedForm(call);
    const path = `/api/forms/${formId}/records`;

    let sequence = 0;
    // The client runs in a worker thread (another core), as a real client would be another process.
    const origin = `http://127.0.0.1:${port}`;
    const httpRate = async (durationMs: number): Promise<number> => {
      const result = await runLoadWorker({
        origin,
        token: login.body.token,
        path,
        concurrency: CONCURRENCY,
        durationMs,
        firstSequence: sequence,
      });
      sequence = result.nextSequence;
      if (result.failure) throw new Error(result.failure);
      return result.done / result.seconds;
    };
    const runFor = async (ms: number, one: () => Promise<void>): Promise<number> => {
      const until = performance.now() + ms;
      let done = 0;
      const worker = async () => {
        while (performance.now() < until) {
          await one();
          done++;
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return done / ((performance.now() - started) / 1000);
    };

    await httpRate(WARMUP_MS);
    const rate = await httpRate(MEASURE_MS);
    report(`API record creates over HTTP (embedded, concurrency ${CONCURRENCY})`, rate, 'creates/s');

    // The same writes straight through the engine (no HTTP, auth or routing), to show where time goes.
    const registry = server.app.services.apps;
    if (registry === undefined) throw new Error('the app registry is not registered');
    const { app, access } = await registry.formContext(SYSTEM_PRINCIPAL, formId);
    const ctx = { principal: SYSTEM_PRINCIPAL, access, appId: app._id, formId };
    const engineRate = await runFor(MEASURE_MS / 2, async () => {
      const i = sequence++;
      await registry.records.create(ctx, { f_name: `Direct ${i}`, f_email: `direct${i}@example.test`, f_amount: i });
    });
    report(`engine RecordService.create without HTTP (concurrency ${CONCURRENCY})`, engineRate, 'creates/s');
  } finally {
    await pool.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface LoadResult {
  done: number;
  seconds: number;
  failure: string | null;
  nextSequence: number;
}

function runLoadWorker(workerData: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), { workerData });
    worker.once('message', (result: LoadResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}
