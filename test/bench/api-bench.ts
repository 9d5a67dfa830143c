import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const createOne = async () => {
      const i = sequence++;
      const answer = await call('POST', path, {
        data: {
          f_name: `Customer ${i}`,
          f_email: `customer${i}@example.test`,
          f_stage: ['lead', 'won', 'lost'][i % 3],
          f_amount: (i % 1000) * 10,
          f_since: '2026-01-15',
          f_rating: i % 6,
          f_active: i % 2 === 0,
          f_notes: 'Met at the trade fair; wants a quote for 40 seats.',
          f_tags: i % 5 === 0 ? ['vip'] : [],
        },
      });
      if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    const runFor = async (ms: number, one: () => Promise<void> = createOne): Promise<number> => {
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

    await runFor(WARMUP_MS);
    const rate = await runFor(MEASURE_MS);
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
