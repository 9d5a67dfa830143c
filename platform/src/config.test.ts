import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set, generating a secret kept with mode 0600', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: dir,
      mongoUrl: null,
      redisUrl: null,
      adminPassword: null,
      logLevel: 'info',
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      embeddedSync: 'normal',
      trustProxy: false,
    });
    const file = join(dir, 'secret');
    expect((await readFile(file, 'utf8')).trim()).toBe(config.serverSecret);
    expect(config.serverSecret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // The same secret on the next start.
    expect(loadConfig({ DATA_DIR: dir }).serverSecret).toBe(config.serverSecret);
  });

  it('resolves DATA_DIR to an absolute path', () => {
    expect(isAbsolute(loadConfig({ DATA_DIR: join(dir, 'rel', '..', 'x') }).dataDir)).toBe(true);
  });

  it('requires SERVER_SECRET with MONGO_URL, naming the variable', () => {
    expect(() => loadConfig({ DATA_DIR: dir, MONGO_URL: 'mongodb://db:27017/?replicaSet=rs0' })).toThrow(
      /^SERVER_SECRET: is required when MONGO_URL is set/,
    );
    const secret = 'x'.repeat(40);
    const config = loadConfig({
      DATA_DIR: dir,
      MONGO_URL: 'mongodb://db:27017',
      SERVER_SECRET: secret,
      MONGO_DB: 'crm',
    });
    expect(config).toMatchObject({ mongoUrl: 'mongodb://db:27017', mongoDb: 'crm', serverSecret: secret });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MONGO_URL: 'http://db', SERVER_SECRET: 'x'.repeat(40) }, 'MONGO_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ EMBEDDED_SYNC: 'sometimes' }, 'EMBEDDED_SYNC'],
    [{ SERVER_SECRET: 'short' }, 'SERVER_SECRET'],
    [{ ADMIN_PASSWORD: 'abc' }, 'ADMIN_PASSWORD'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ TRUST_PROXY: 'maybe please' }, 'TRUST_PROXY'],
    [{ EGRESS_ALLOW: '127.0.0.1, not-an-address' }, 'EGRESS_ALLOW'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL'],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, 'WEBHOOK_MAX_ATTEMPTS'],
  ])('rejects %o naming %s', (env, variable) => {
    try {
      loadConfig({ DATA_DIR: dir, ...env });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).variable).toBe(variable);
    }
  });

  it('refuses a too short secret file rather than using it', async () => {
    await writeFile(join(dir, 'secret'), 'tiny\n');
    expect(() => loadConfig({ DATA_DIR: dir })).toThrow(/SERVER_SECRET/);
  });

  it('reads the optional settings', () => {
    const config = loadConfig({
      DATA_DIR: dir,
      PORT: '8080',
      PUBLIC_URL: 'https://forms.example.com/',
      REDIS_URL: 'redis://cache:6379',
      TRUST_PROXY: '2',
      EMBEDDED_SYNC: 'FULL',
      LOG_LEVEL: 'debug',
      ADMIN_PASSWORD: 'long-enough-pw',
      LOGIN_RATE_LIMIT: '50',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://forms.example.com',
      secureCookies: true,
      redisUrl: 'redis://cache:6379',
      trustProxy: 2,
      embeddedSync: 'full',
      logLevel: 'debug',
      adminPassword: 'long-enough-pw',
      loginRateLimit: 50,
    });
  });

  it('allows 10 sign-in attempts a minute unless LOGIN_RATE_LIMIT says otherwise, and names it when invalid', () => {
    expect(loadConfig({ DATA_DIR: dir }).loginRateLimit).toBe(10);
    expect(() => loadConfig({ DATA_DIR: dir, LOGIN_RATE_LIMIT: 'lots' })).toThrow(
      /LOGIN_RATE_LIMIT: must be a whole number/,
    );
  });
});
