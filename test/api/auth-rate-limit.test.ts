import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** With REDIS_URL the login limit is shared by every server process, not counted per process. */
let redis: RedisServer;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  redis = await startRedis();
  first = await createTestApp({ registerRoutes: [], loginRateLimit: 4, env: { REDIS_URL: redis.url } });
  second = await createTestApp({ registerRoutes: [], loginRateLimit: 4, env: { REDIS_URL: redis.url } });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await redis?.stop();
});

describe('login rate limit on Redis', () => {
  it('counts attempts made against two servers together', async () => {
    const attempt = (t: TestApp) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'victim', password: 'guess-guess' },
      });
    expect((await attempt(first)).statusCode).toBe(401);
    expect((await attempt(second)).statusCode).toBe(401);
    expect((await attempt(first)).statusCode).toBe(401);
    expect((await attempt(second)).statusCode).toBe(401);
    const fifth = await attempt(first);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await attempt(second)).statusCode).toBe(429);
  });
});
