/**
 * SIGKILL of the real server (`node platform/dist/cli.js serve`, embedded store, in-process
 * queue) at random points while 200 flows run, twice, then a last restart: every instance
 * completes, every step is applied exactly once (one step marker and one journal entry per
 * step; one follow-up record per create node; the trigger record updated once), and every
 * webhook reaches the receiver with the same idempotency key however often it was retried
 * (the receiver refuses a third of the requests to force retries).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowInstanceDoc, FlowJournalDoc } from '@formloom/engine';
import type { StoredRecord } from '@formloom/model';
import { openEmbeddedStore } from '../../platform/src/adapters/store/embedded/index.js';
import { flowGraph, followupDefinition, purchaseDefinition } from '../api/flows-fixtures.js';
import { httpCall, type ApiBody, type Call } from '../api/records-fixtures.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'platform/dist/cli.js');
const adminPassword = 'flows-durability-admin-password';
const FLOWS = 200;
/** Steps per instance: start, create, update, webhook, split, two creates, two join arrivals, end. */
const STEPS_PER_INSTANCE = 10;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      server.close(() => done(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  pool: Pool;
  admin: Call;
  output: string[];
}

async function startServer(dataDir: string, port: number, receiverPort: number): Promise<Server> {
  const output: string[] = [];
  const child = spawn(process.execPath, [cli, 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      MONGO_URL: '',
      REDIS_URL: '',
      EGRESS_ALLOW: `127.0.0.1:${receiverPort}`,
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_MAX_ATTEMPTS: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 24 });
  const anonymous = httpCall(pool, null);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    const health = await anonymous('GET', '/api/health').catch(() => null);
    if (health?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server did not answer /api/health:\n${output.join('')}`);
    await sleep(100);
  }
  const login = await anonymous('POST', '/api/auth/login', { username: 'admin', password: adminPassword });
  if (login.status !== 200 || typeof login.body.token !== 'string')
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { child, pool, admin: httpCall(pool, login.body.token), output };
}

async function stop(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill(signal);
    await exited;
  }
  await server.pool.destroy();
}

async function ok(what: string, answer: Promise<{ status: number; body: ApiBody }>, status: number): Promise<ApiBody> {
  const res = await answer;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

describe('flows across SIGKILL (embedded store, in-process queue)', () => {
  let dataDir: string;
  let receiver: HttpServer;
  const deliveries: Array<{ key: string; accepted: boolean }> = [];
  const servers: Server[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'platform'], {
      cwd: root,
      stdio: 'inherit',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'formloom-flows-kill-'));
    receiver = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const accepted = Math.random() >= 1 / 3;
        deliveries.push({ key: String(req.headers['idempotency-key']), accepted });
        res.writeHead(accepted ? 204 : 503).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  }, 240_000);

  afterAll(async () => {
    for (const server of servers) await stop(server, 'SIGKILL').catch(() => undefined);
    await new Promise((done) => receiver.close(done));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes every instance with every step applied once', async () => {
    const receiverPort = (receiver.address() as AddressInfo).port;
    let server = await startServer(dataDir, await freePort(), receiverPort);
    servers.push(server);
    const admin = server.admin;
    const app = await ok('app', admin('POST', '/api/apps', { name: 'Kill' }), 201);
    const form = async (name: string, definition: ReturnType<typeof purchaseDefinition>) => {
      const created = await ok(name, admin('POST', `/api/apps/${String(app.id)}/forms`, { name, definition }), 201);
      await ok('publish', admin('POST', `/api/forms/${String(created.id)}/publish`, {}), 201);
      return String(created.id);
    };
    const purchase = await form('Purchases', purchaseDefinition());
    const followup = await form('Follow-ups', followupDefinition());
    const concat = (prefix: string) => ({ from: 'formula', formula: `CONCATENATE("${prefix}", {f_title})` });
    const definition = flowGraph(
      'process',
      purchase,
      [
        ['start', 'start'],
        ['mk', 'create_record', { formId: followup, fieldMap: { f_subject: { from: 'field', field: 'f_title' } } }],
        [
          'upd',
          'update_records',
          { target: { type: 'trigger' }, fieldMap: { f_reason: { from: 'value', value: 'processed' } } },
        ],
        ['hook', 'webhook', { url: `http://127.0.0.1:${receiverPort}/hook` }],
        ['split', 'parallel'],
        ['a', 'create_record', { formId: followup, fieldMap: { f_subject: concat('A:') } }],
        ['b', 'create_record', { formId: followup, fieldMap: { f_subject: concat('B:') } }],
        ['join', 'join'],
        ['end', 'end', { result: 'ended' }],
      ],
      [
        ['start', 'mk'],
        ['mk', 'upd'],
        ['upd', 'hook'],
        ['hook', 'split'],
        ['split', 'a'],
        ['split', 'b'],
        ['a', 'join'],
        ['b', 'join'],
        ['join', 'end'],
      ],
    );
    const flow = await ok(
      'flow',
      admin('POST', `/api/apps/${String(app.id)}/flows`, {
        name: 'Pipeline',
        mode: 'process',
        formId: purchase,
        definition,
      }),
      201,
    );
    await ok('publish flow', admin('POST', `/api/flows/${String(flow.id)}/publish`, {}), 201);

    // 200 submissions, 20 at a time, all acknowledged; the server dies at a random point while their flows run.
    let next = 0;
    const submitter = async () => {
      while (next < FLOWS) {
        const i = next++;
        await ok('submit', server.admin('POST', `/api/forms/${purchase}/records`, { data: { f_title: `r${i}` } }), 201);
      }
    };
    await Promise.all(Array.from({ length: 20 }, submitter));
    await sleep(randomBetween(50, 500));
    const atFirstKill = (await server.admin('GET', '/api/flow-inbox/counts')).body;
    server.child.kill('SIGKILL');
    await stop(server, 'SIGKILL');

    // Second life: some of the flows move on; killed again at a random point.
    server = await startServer(dataDir, await freePort(), receiverPort);
    servers.push(server);
    await sleep(randomBetween(0, 150));
    const atSecondKill = (await server.admin('GET', '/api/flow-inbox/counts')).body;
    server.child.kill('SIGKILL');
    await stop(server, 'SIGKILL');
    // The first kill hits flows in the middle (the second may find them done: re-arming is quick).
    expect(Number(atFirstKill.initiatedRunning) + (FLOWS - Number(atFirstKill.initiated))).toBeGreaterThan(0);
    console.info(`flows at the kills: ${JSON.stringify(atFirstKill)} / ${JSON.stringify(atSecondKill)}`);

    // Third life: everything completes.
    server = await startServer(dataDir, await freePort(), receiverPort);
    servers.push(server);
    const final = server;
    const total = async () => {
      const page = await final.admin('POST', `/api/forms/${purchase}/records/query`, { limit: 1, withTotal: true });
      return Number(page.body.total);
    };
    const records = await total();
    expect(records).toBe(FLOWS);
    const deadline = Date.now() + 90_000;
    for (;;) {
      const counts = (await final.admin('GET', '/api/flow-inbox/counts')).body;
      const delivered = new Set(deliveries.filter((d) => d.accepted).map((d) => d.key));
      if (counts.initiated === records && counts.initiatedRunning === 0 && delivered.size >= records) break;
      if (Date.now() > deadline)
        throw new Error(
          `not done: ${JSON.stringify(counts)}, ${delivered.size} webhooks of ${records}\n${final.output.join('').slice(-3000)}`,
        );
      await sleep(200);
    }
    await stop(final, 'SIGTERM');

    const store = await openEmbeddedStore({ dir: dataDir });
    try {
      const instances = await store.collection<FlowInstanceDoc>('flow_instances').find({});
      expect(instances).toHaveLength(records);
      expect(instances.filter((i) => i.status !== 'ended').map((i) => [i._id, i.status, i.error])).toEqual([]);

      const steps = await store.collection('flow_steps').find({});
      expect(steps).toHaveLength(records * STEPS_PER_INSTANCE);
      const journal = await store
        .collection<FlowJournalDoc>('flow_journal')
        .find({ type: 'step', stepId: { $ne: null } });
      const perStep = new Map<string, number>();
      for (const j of journal) perStep.set(String(j.stepId), (perStep.get(String(j.stepId)) ?? 0) + 1);
      expect([...perStep.values()].filter((n) => n !== 1)).toEqual([]);
      expect(perStep.size).toBe(records * STEPS_PER_INSTANCE);

      const purchases = await store.collection<StoredRecord>(`rec_${purchase}`).find({});
      expect(purchases.filter((p) => p.f_reason !== 'processed' || p._version !== 2).map((p) => p.f_title)).toEqual([]);
      const subjects = (await store.collection<StoredRecord>(`rec_${followup}`).find({})).map((r) =>
        String(r.f_subject),
      );
      expect(subjects).toHaveLength(records * 3);
      const expected = purchases.flatMap((p) => [
        String(p.f_title),
        `A:${String(p.f_title)}`,
        `B:${String(p.f_title)}`,
      ]);
      expect(subjects.sort()).toEqual(expected.sort());

      // One idempotency key per instance's webhook step, whatever the retries.
      const keys = new Set(instances.map((i) => `flow:${i._id}:t1:4`));
      expect(deliveries.filter((d) => !keys.has(d.key))).toEqual([]);
      expect(new Set(deliveries.filter((d) => d.accepted).map((d) => d.key))).toEqual(keys);
    } finally {
      await store.close();
    }
  }, 240_000);
});
