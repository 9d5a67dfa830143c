import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** With REDIS_URL the public-link limits are shared by every server process, like the login limit. */
const RATE = 2;
let redis: RedisServer;
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  redis = await startRedis();
  const env = { REDIS_URL: redis.url, PUBLIC_FORM_RATE_LIMIT: String(RATE) };
  first = await createTestApp({ env });
  second = await createTestApp({ env });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await redis?.stop();
});

describe('public-link rate limits on Redis', () => {
  it('counts one address’s requests made against two servers together', async () => {
    const probe = (t: TestApp) => t.app.inject({ method: 'GET', url: `/api/public/forms/${'C'.repeat(32)}` });
    const statuses: number[] = [];
    // 6 × RATE page loads per address and minute, spread over both servers.
    for (let i = 0; i < RATE * 6; i++) statuses.push((await probe(i % 2 === 0 ? first : second)).statusCode);
    expect(new Set(statuses)).toEqual(new Set([404]));
    const over = await probe(first);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await probe(second)).statusCode).toBe(429);
  });
});
