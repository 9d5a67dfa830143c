/**
 * Test harness: a throw-away redis-server on a free loopback port, with no persistence, for
 * suites that need a real Redis (the BullMQ queue contract, workers, durability). Each test
 * file starts its own and stops it in afterAll:
 *
 *   const redis = await startRedis();   // { url, port, stop }
 *   ...
 *   await redis.stop();
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';

export interface RedisServer {
  /** redis://127.0.0.1:PORT */
  url: string;
  port: number;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

function findRedisBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status !== 0 || path === '') {
    throw new Error(
      'redis-server is not installed, but this test suite needs a real Redis. ' +
        'Install it with `apt-get install redis-server` (Debian/Ubuntu) and run the tests again.',
    );
  }
  return path;
}

/** A port the OS reports free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** Sends PING over a raw socket and resolves true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface RedisOptions {
  /** Keep data in an append-only file in this directory (fsync on every write), so a restart on it finds every job. */
  persistDir?: string;
  /** Listen on this port (to restart a server where clients expect it); default a free one. */
  port?: number;
}

async function launch(binary: string, port: number, options: RedisOptions = {}): Promise<RedisServer | 'port-taken'> {
  const persistence = options.persistDir
    ? ['--dir', options.persistDir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  // A crashed test run must not leave redis-server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = exited(child);
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(killer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`could not start redis-server: ${spawnError.message}`);
    if (child.exitCode !== null) {
      process.off('exit', killOnExit);
      if (/address already in use/i.test(output)) return 'port-taken';
      throw new Error(`redis-server exited with code ${child.exitCode}:\n${output}`);
    }
    if (await ping(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`redis-server did not answer PING on port ${port} within ${READY_TIMEOUT_MS} ms:\n${output}`);
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const binary = findRedisBinary();
  if (options.port !== undefined) {
    const started = await launch(binary, options.port, options);
    if (started === 'port-taken') throw new Error(`port ${options.port} is taken`);
    return started;
  }
  // Another process may grab the free port between the check and redis-server's bind.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = await launch(binary, await freePort(), options);
    if (started !== 'port-taken') return started;
  }
  throw new Error('could not find a free port for redis-server after 5 tries');
}
