import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; rule: string; message: string }> };
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [] });
});
afterAll(async () => {
  await t?.close();
});

async function createUser(username: string, password = 'password-123') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/org/users',
    headers: t.auth(t.adminToken),
    payload: { username, password, displayName: username },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

function sessionCookie(res: { cookies: Array<{ name: string; value: string }> }) {
  const cookie = res.cookies.find((c) => c.name === 'formloom_session');
  if (!cookie) throw new Error('no session cookie');
  return `formloom_session=${cookie.value}`;
}

describe('login', () => {
  it('returns a token and the user, and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^flt_[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({ username: 'admin', enabled: true, roleIds: ['admin'] });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = res.cookies.find((c) => c.name === 'formloom_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'nope-nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ghost', password: 'nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect((wrong.json() as ErrorBody).error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Wrong username or password',
      details: [],
    });
  });

  it('rejects a body with unknown properties, naming the property and the rule', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD, isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as ErrorBody;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([
      { path: 'body.isAdmin', rule: 'additionalProperties', message: 'is not an allowed property' },
    ]);
  });

  it('rejects a missing field and a wrong type without coercing', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect((missing.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.password', rule: 'required' });
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 12345678 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect((wrongType.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.password', rule: 'type' });
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error).toMatchObject({ code: 'BAD_REQUEST', details: [] });
  });

  it('is rate limited per IP and username', async () => {
    const limited = await createTestApp({ registerRoutes: [], loginRateLimit: 3 });
    try {
      const attempt = (username: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password: 'wrong-password' },
        });
      for (let i = 0; i < 2; i++) expect((await attempt('admin')).statusCode).toBe(401); // createTestApp used one
      const blocked = await attempt('admin');
      expect(blocked.statusCode).toBe(429);
      expect((blocked.json() as ErrorBody).error.code).toBe('RATE_LIMITED');
      // Even the right password is refused while limited.
      const right = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      });
      expect(right.statusCode).toBe(429);
      // Another username from the same IP has its own budget.
      expect((await attempt('someone-else')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('bearer and cookie sessions', () => {
  it('accepts the bearer token and rejects a missing, malformed or unknown one', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(t.adminToken) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { username: 'admin' },
      principal: { kind: 'user', isAdmin: true, permissions: ['admin'] },
    });
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: `Bearer flt_${'x'.repeat(43)}` }]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
      expect(res.statusCode).toBe(401);
      expect((res.json() as ErrorBody).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('accepts the session cookie, and requires X-Formloom-Request on unsafe methods', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const cookie = sessionCookie(login);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const payload = { name: 'cookie-made' };
    const withoutHeader = await t.app.inject({
      method: 'POST',
      url: '/api/auth/api-keys',
      headers: { cookie },
      payload,
    });
    expect(withoutHeader.statusCode).toBe(403);
    expect((withoutHeader.json() as ErrorBody).error.code).toBe('FORBIDDEN');
    const withHeader = await t.app.inject({
      method: 'POST',
      url: '/api/auth/api-keys',
      headers: { cookie, 'x-formloom-request': '1' },
      payload,
    });
    expect(withHeader.statusCode).toBe(201);
  });

  it('rejects a cookie whose signature was tampered with, or an unsigned token in the cookie', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
    });
    const cookie = sessionCookie(login);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const flipped = cookie.slice(0, -2) + (cookie.at(-2) === 'A' ? 'B' : 'A') + cookie.at(-1);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: flipped } })).statusCode).toBe(
      401,
    );
    const token = (login.json() as { token: string }).token;
    const unsigned = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `formloom_session=${token}` },
    });
    expect(unsigned.statusCode).toBe(401);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ registerRoutes: [], env: { PUBLIC_URL: 'https://forms.example.com' } });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: TEST_ADMIN_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'formloom_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('logout ends the session', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: t.auth(token) });
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);
    // Other sessions of the same user go on.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(t.adminToken) })).statusCode).toBe(
      200,
    );
  });
});

describe('invalidation', () => {
  it('a disabled user loses their tokens and cannot sign in', async () => {
    const user = await createUser('to-disable');
    const token = await t.login('to-disable', 'password-123');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(200);
    const disable = await t.app.inject({
      method: 'POST',
      url: `/api/org/users/${user.id}/disable`,
      headers: t.auth(t.adminToken),
    });
    expect(disable.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'to-disable', password: 'password-123' },
    });
    expect(again.statusCode).toBe(401);
    // Enabling again does not revive the old token.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/org/users/${user.id}`,
      headers: t.auth(t.adminToken),
      payload: { enabled: true },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);
  });

  it('changing the password needs the current one and ends earlier sessions', async () => {
    await createUser('changer');
    const first = await t.login('changer', 'password-123');
    const second = await t.login('changer', 'password-123');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: t.auth(first),
      payload: { currentPassword: 'not-it-at-all', newPassword: 'new-password-456' },
    });
    expect(wrong.statusCode).toBe(403);
    const tooShort = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: t.auth(first),
      payload: { currentPassword: 'password-123', newPassword: 'short' },
    });
    expect((tooShort.json() as ErrorBody).error.details[0]).toMatchObject({
      path: 'body.newPassword',
      rule: 'minLength',
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: t.auth(first),
      payload: { currentPassword: 'password-123', newPassword: 'new-password-456' },
    });
    expect(ok.statusCode).toBe(200);
    for (const token of [first, second]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);
    }
    await expect(t.login('changer', 'password-123')).rejects.toThrow(/401/);
    expect(await t.login('changer', 'new-password-456')).toMatch(/^flt_/);
  });

  it("an admin password reset ends the user's sessions", async () => {
    const user = await createUser('reset-me');
    const token = await t.login('reset-me', 'password-123');
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/org/users/${user.id}/password`,
      headers: t.auth(t.adminToken),
      payload: { password: 'brand-new-pass' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);
    expect(await t.login('reset-me', 'brand-new-pass')).toMatch(/^flt_/);
  });
});

describe('session expiry', () => {
  it('refuses an expired session and the clean-up job deletes it', async () => {
    const token = await t.login('admin', TEST_ADMIN_PASSWORD);
    const sessions = t.store.collection('sessions');
    const hash = createHash('sha256').update(token).digest('hex');
    await sessions.updateOne({ _id: hash }, { $set: { expiresAt: '2000-01-01T00:00:00.000Z' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(token) })).statusCode).toBe(401);

    await t.queue.add('auth', 'sessions.cleanup', {});
    await vi.waitFor(async () => expect(await sessions.findOne({ _id: hash })).toBeNull());
    // Live sessions stay.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(t.adminToken) })).statusCode).toBe(
      200,
    );
  });
});

describe('API keys', () => {
  it('are shown once, work as bearer credentials, are listed without the key, and stop working when revoked', async () => {
    const user = await createUser('integrator');
    const token = await t.login('integrator', 'password-123');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/auth/api-keys',
      headers: t.auth(token),
      payload: { name: 'ERP sync' },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json() as { key: string; apiKey: { id: string; name: string; prefix: string } };
    expect(key).toMatch(/^flk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);

    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(key) });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id }, principal: { kind: 'apikey' } });

    const list = await t.app.inject({ method: 'GET', url: '/api/auth/api-keys', headers: t.auth(token) });
    expect(list.json()).toMatchObject({ items: [{ id: apiKey.id, name: 'ERP sync' }] });
    expect(list.body).not.toContain(key);

    // A key cannot mint keys.
    const byKey = await t.app.inject({
      method: 'POST',
      url: '/api/auth/api-keys',
      headers: t.auth(key),
      payload: { name: 'x' },
    });
    expect(byKey.statusCode).toBe(403);
    // Someone else cannot revoke it.
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${apiKey.id}`,
      headers: t.auth(t.adminToken),
    });
    expect(byAdmin.statusCode).toBe(404);

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${apiKey.id}`,
      headers: t.auth(token),
    });
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(key) })).statusCode).toBe(401);
  });

  it('stop working while their user is disabled', async () => {
    const user = await createUser('keyed');
    const token = await t.login('keyed', 'password-123');
    const { key } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: t.auth(token), payload: { name: 'k' } })
    ).json() as { key: string };
    await t.app.inject({ method: 'POST', url: `/api/org/users/${user.id}/disable`, headers: t.auth(t.adminToken) });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(key) })).statusCode).toBe(401);
  });
});

describe('error shape', () => {
  it('answers an unknown route with 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing', headers: t.auth(t.adminToken) });
    expect(res.statusCode).toBe(404);
    expect((res.json() as ErrorBody).error).toMatchObject({ code: 'NOT_FOUND', details: [] });
  });

  it('sends a request id and no-cache, no-sniff headers with every answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
