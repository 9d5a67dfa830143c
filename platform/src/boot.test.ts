import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from './boot.js';
import { loadConfig } from './config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-boot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const silent = pino({ level: 'silent' });

describe('startServer on the embedded defaults', () => {
  it('listens, answers health, generates the admin password once, and closes so the data directory can be reopened', async () => {
    const config = loadConfig({ DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const first = await startServer(config, { logger: silent });
    try {
      expect(first.bootstrap.createdAdmin).toMatchObject({ username: 'admin', generated: true });
      const password = first.bootstrap.createdAdmin?.password ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      const health = await fetch(`${first.url}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', store: 'embedded', queue: 'inline' });
      const login = await fetch(`${first.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
    } finally {
      await first.close();
    }
    // The store lock was released: a second start on the same directory works and creates no new admin.
    const second = await startServer(config, { logger: silent, listen: false });
    try {
      expect(second.bootstrap.createdAdmin).toBeNull();
    } finally {
      await second.close();
    }
  });

  it('uses ADMIN_PASSWORD for the first admin', async () => {
    const config = loadConfig({ DATA_DIR: dir, ADMIN_PASSWORD: 'chosen-password', LOG_LEVEL: 'silent' });
    const server = await startServer(config, { logger: silent, listen: false });
    try {
      expect(server.bootstrap.createdAdmin).toEqual({
        username: 'admin',
        password: 'chosen-password',
        generated: false,
      });
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'chosen-password' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });
});
