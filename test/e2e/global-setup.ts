import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the real server for the e2e suites: builds the server and the web apps when their
 * output is missing (set FORMLOOM_E2E_REBUILD=1 to always rebuild), then runs
 * `node platform/dist/cli.js serve` on a free port over a fresh temporary DATA_DIR.
 * Returns the teardown that stops it and deletes the directory.
 */
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-123';
const root = fileURLToPath(new URL('../../', import.meta.url));

function build(): void {
  const rebuild = process.env.FORMLOOM_E2E_REBUILD === '1';
  const run = (args: string[]) => execFileSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (rebuild || !existsSync(join(root, 'platform/dist/cli.js'))) run(['exec', 'tsc', '-b']);
  if (rebuild || !existsSync(join(root, 'runtime/web/dist/index.html'))) run(['--filter', '@formloom/web', 'build']);
  if (
    existsSync(join(root, 'designer/vite.config.ts')) &&
    (rebuild || !existsSync(join(root, 'designer/dist/index.html')))
  )
    run(['--filter', '@formloom/designer', 'build']);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, exited: () => string | null): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit !== null) throw new Error(`formloom serve exited early: ${exit}`);
    try {
      const answer = await fetch(`${url}/api/health`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`formloom serve did not answer ${url}/api/health within 30 s`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  build();
  const dataDir = await mkdtemp(join(tmpdir(), 'formloom-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawn('node', ['platform/dist/cli.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // Every suite signs in as admin (API client and browser) against this one server.
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exit: string | null = null;
  server.on('exit', (code, signal) => (exit = `code ${code} signal ${signal}`));
  await waitForHealth(url, () => exit);
  process.env.FORMLOOM_E2E_URL = url;
  process.env.FORMLOOM_E2E_ADMIN_PASSWORD = E2E_ADMIN_PASSWORD;
  return async () => {
    if (exit === null) {
      const stopped = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await stopped;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
}
