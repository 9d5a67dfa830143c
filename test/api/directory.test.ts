import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, signedInUser, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let anonymous: Call;
let member: Call;
let memberId: string;
let disabledId: string;
let deptId: string;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  const dept = await admin('POST', '/api/org/departments', { name: 'Sales' });
  expect(dept.status).toBe(201);
  deptId = String(dept.body.id);
  await admin('POST', '/api/org/users', {
    username: 'carol',
    password: 'carol-password-123',
    displayName: 'Carol Chen',
    email: 'carol@example.com',
    deptIds: [deptId],
  });
  const signed = await signedInUser(admin, anonymous, 'dave');
  memberId = signed.id;
  member = injectCall(t.app, signed.token);
  const disabled = await admin('POST', '/api/org/users', {
    username: 'erin',
    password: 'erin-password-123',
    displayName: 'Erin Gone',
  });
  disabledId = String(disabled.body.id);
  expect((await admin('PATCH', `/api/org/users/${disabledId}`, { enabled: false })).status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

type Person = { id: string; username: string; displayName: string; deptIds: string[] };

describe('people directory', () => {
  it('lets an ordinary member list enabled users with only id, username, display name and departments', async () => {
    const answer = await member('GET', '/api/directory/users');
    expect(answer.status).toBe(200);
    const people = answer.body as unknown as Person[];
    expect(people.map((p) => p.username)).toEqual(['admin', 'carol', 'dave']);
    for (const person of people)
      expect(Object.keys(person).sort()).toEqual(['deptIds', 'displayName', 'id', 'username']);
    expect(people.find((p) => p.username === 'carol')).toMatchObject({ displayName: 'Carol Chen', deptIds: [deptId] });
    const raw = JSON.stringify(people);
    for (const secret of ['carol@example.com', 'scrypt', 'passwordHash', 'roleIds', 'email']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('searches by name, looks up ids, limits, and never returns disabled users', async () => {
    const byName = (await member('GET', '/api/directory/users?q=chen')).body as unknown as Person[];
    expect(byName.map((p) => p.username)).toEqual(['carol']);
    const byIds = (await member('GET', `/api/directory/users?ids=${memberId},${disabledId}`))
      .body as unknown as Person[];
    expect(byIds.map((p) => p.id)).toEqual([memberId]);
    const limited = (await member('GET', '/api/directory/users?limit=1')).body as unknown as Person[];
    expect(limited).toHaveLength(1);
    expect((await member('GET', '/api/directory/users?q=erin')).body).toEqual([]);
    expect((await member('GET', '/api/directory/users?ids=a;b')).status).toBe(400);
  });

  it('lists departments with id, name and parent only', async () => {
    const answer = await member('GET', '/api/directory/departments');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([{ id: deptId, name: 'Sales', parentId: null }]);
  });

  it('refuses anonymous callers', async () => {
    expect((await anonymous('GET', '/api/directory/users')).status).toBe(401);
    expect((await anonymous('GET', '/api/directory/departments')).status).toBe(401);
  });
});
