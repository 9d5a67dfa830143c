import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, publishedForm, type Call } from '../api/records-fixtures.js';

/**
 * Kills the real server (the built CLI, `node platform/dist/cli.js serve`, on the embedded
 * store) with SIGKILL in the middle of a stream of record creates, restarts it on the same
 * DATA_DIR and checks that every create it acknowledged (201) is there with its data.
 *
 * The child runs the compiled CLI, so the suite first brings platform/dist up to date with an
 * incremental `tsc -b platform` (a no-op when `pnpm build` has just run, as in `pnpm test`).
 */
const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'platform/dist/cli.js');
const adminPassword = 'durability-admin-password-1';
const WRITERS = 16;
/** Kill once this many creates were acknowledged, or after STREAM_MAX_MS, whichever comes first. */
const TARGET_ACKNOWLEDGED = 2000;
const STREAM_MAX_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

interface Server {
  child: ChildProcess;
  pool: Pool;
  call: Call;
  output: string[];
}

async function startServer(dataDir: string, port: number): Promise<Server> {
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: WRITERS + 2 });
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
  if (login.status !== 200 || typeof login.body.token !== 'string') {
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  return { child, pool, call: httpCall(pool, login.body.token), output };
}

async function stop(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill(signal);
    await exited;
  }
  await server.pool.destroy();
}

describe('durability of acknowledged writes across SIGKILL (embedded store)', () => {
  let dataDir: string;
  const servers: Server[] = [];

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'platform'], {
      cwd: root,
      stdio: 'inherit',
    });
    dataDir = mkdtempSync(join(tmpdir(), 'formloom-durability-'));
  }, 240_000);

  afterAll(async () => {
    for (const server of servers) await stop(server, 'SIGKILL').catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds every acknowledged create after a restart', async () => {
    const port = await freePort();
    const first = await startServer(dataDir, port);
    servers.push(first);
    const { formId } = await publishedForm(first.call);

    const acknowledged = new Map<string, string>();
    let killed = false;
    let sequence = 0;
    const writer = async () => {
      while (!killed) {
        const name = `customer-${sequence++}`;
        const answer = await first
          .call('POST', `/api/forms/${formId}/records`, { data: { f_name: name } })
          .catch(() => null);
        if (answer?.status === 201 && typeof answer.body.id === 'string') acknowledged.set(answer.body.id, name);
        else if (answer !== null && !killed)
          throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };
    const writers = Promise.all(Array.from({ length: WRITERS }, writer));
    const streamUntil = Date.now() + STREAM_MAX_MS;
    while (acknowledged.size < TARGET_ACKNOWLEDGED && Date.now() < streamUntil) await sleep(20);
    // Mid-stream: requests are in flight on every connection when the process dies.
    killed = true;
    first.child.kill('SIGKILL');
    await writers;
    await stop(first, 'SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.size, 'creates acknowledged before the kill').toBeGreaterThan(500);

    const second = await startServer(dataDir, await freePort());
    servers.push(second);
    const found = new Map<string, unknown>();
    let cursor: string | null = null;
    do {
      const page = await second.call('POST', `/api/forms/${formId}/records/query`, {
        limit: 500,
        withTotal: false,
        ...(cursor === null ? {} : { cursor }),
      });
      expect(page.status).toBe(200);
      for (const item of page.body.items ?? []) found.set(String(item.id), item.data?.f_name);
      cursor = page.body.nextCursor ?? null;
    } while (cursor !== null);

    const missing = [...acknowledged].filter(([id, name]) => found.get(id) !== name);
    expect(missing, `${missing.length} of ${acknowledged.size} acknowledged creates missing`).toEqual([]);
    // Writes in flight at the kill may or may not have committed; nothing else may appear.
    expect(found.size - acknowledged.size).toBeLessThanOrEqual(WRITERS);
    await stop(second, 'SIGTERM');
  }, 120_000);
});
