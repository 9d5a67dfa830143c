import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details: Array<{ path: string; rule: string; message: string }> };
}
interface Dept {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [] });
});
afterAll(async () => {
  await t?.close();
});

const as = (token: string) => ({
  get: (url: string) => t.app.inject({ method: 'GET', url, headers: t.auth(token) }),
  post: (url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: t.auth(token), payload }),
  patch: (url: string, payload: object) => t.app.inject({ method: 'PATCH', url, headers: t.auth(token), payload }),
  del: (url: string) => t.app.inject({ method: 'DELETE', url, headers: t.auth(token) }),
});
const admin = () => as(t.adminToken);

async function dept(name: string, parentId: string | null = null): Promise<Dept> {
  const res = await admin().post('/api/org/departments', { name, parentId });
  expect(res.statusCode).toBe(201);
  return res.json() as Dept;
}

describe('departments', () => {
  it('builds a tree, lists it and refuses a parent that does not exist', async () => {
    const sales = await dept('Sales');
    const east = await dept('Sales East', sales.id);
    expect(east.parentId).toBe(sales.id);
    const list = (await admin().get('/api/org/departments')).json() as { items: Dept[] };
    expect(list.items.map((d) => d.name)).toEqual(expect.arrayContaining(['Sales', 'Sales East']));
    const orphan = await admin().post('/api/org/departments', { name: 'Orphan', parentId: 'nope12345' });
    expect(orphan.statusCode).toBe(400);
    expect((orphan.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.parentId', rule: 'exists' });
  });

  it('refuses a move that would make a cycle', async () => {
    const a = await dept('A');
    const b = await dept('B', a.id);
    const c = await dept('C', b.id);
    for (const target of [a.id, c.id]) {
      const res = await admin().patch(`/api/org/departments/${a.id}`, { parentId: target });
      expect(res.statusCode).toBe(400);
      expect((res.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.parentId', rule: 'cycle' });
    }
    // A legal move still works.
    const moved = await admin().patch(`/api/org/departments/${c.id}`, { parentId: a.id });
    expect(moved.statusCode).toBe(200);
    expect((moved.json() as Dept).parentId).toBe(a.id);
  });

  it('refuses to delete a department with sub-departments or members, then deletes it once empty', async () => {
    const parent = await dept('Parent');
    const child = await dept('Child', parent.id);
    const blocked = await admin().del(`/api/org/departments/${parent.id}`);
    expect(blocked.statusCode).toBe(409);
    expect((blocked.json() as ErrorBody).error.details[0].rule).toBe('hasChildren');

    const user = (
      await admin().post('/api/org/users', {
        username: 'member-of-child',
        password: 'password-123',
        displayName: 'M',
        deptIds: [child.id],
      })
    ).json() as { id: string };
    const withMember = await admin().del(`/api/org/departments/${child.id}`);
    expect(withMember.statusCode).toBe(409);
    expect((withMember.json() as ErrorBody).error.details[0].rule).toBe('hasMembers');

    await admin().patch(`/api/org/users/${user.id}`, { deptIds: [] });
    expect((await admin().del(`/api/org/departments/${child.id}`)).statusCode).toBe(200);
    expect((await admin().del(`/api/org/departments/${parent.id}`)).statusCode).toBe(200);
    expect((await admin().get(`/api/org/departments/${parent.id}`)).statusCode).toBe(404);
  });

  it('sets a head that exists', async () => {
    const d = await dept('Headed');
    const bad = await admin().patch(`/api/org/departments/${d.id}`, { headUserId: 'nobody12345' });
    expect(bad.statusCode).toBe(400);
    const me = (await admin().get('/api/auth/me')).json() as { user: { id: string } };
    const ok = await admin().patch(`/api/org/departments/${d.id}`, { headUserId: me.user.id });
    expect((ok.json() as Dept).headUserId).toBe(me.user.id);
  });
});

describe('roles', () => {
  it('creates roles with whitelisted permissions only', async () => {
    const bad = await admin().post('/api/org/roles', { name: 'Hacker', permissions: ['root'] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.permissions[0]', rule: 'enum' });
    const ok = await admin().post('/api/org/roles', { name: 'HR', permissions: ['org.manage'] });
    expect(ok.statusCode).toBe(201);
  });

  it('keeps the built-in roles and the admin permission', async () => {
    expect((await admin().del('/api/org/roles/admin')).statusCode).toBe(409);
    expect((await admin().del('/api/org/roles/member')).statusCode).toBe(409);
    const strip = await admin().patch('/api/org/roles/admin', { permissions: ['org.manage'] });
    expect(strip.statusCode).toBe(400);
  });

  it('refuses to delete a role that users hold', async () => {
    const role = (await admin().post('/api/org/roles', { name: 'Held' })).json() as { id: string };
    const user = (
      await admin().post('/api/org/users', {
        username: 'holder',
        password: 'password-123',
        displayName: 'H',
        roleIds: [role.id],
      })
    ).json() as { id: string };
    expect((await admin().del(`/api/org/roles/${role.id}`)).statusCode).toBe(409);
    await admin().patch(`/api/org/users/${user.id}`, { roleIds: ['member'] });
    expect((await admin().del(`/api/org/roles/${role.id}`)).statusCode).toBe(200);
  });
});

describe('users and the org.manage permission', () => {
  it('403 for a member, allowed once a role grants org.manage', async () => {
    const user = (
      await admin().post('/api/org/users', { username: 'plain', password: 'password-123', displayName: 'Plain' })
    ).json() as { id: string; roleIds: string[] };
    expect(user.roleIds).toEqual(['member']);
    const token = await t.login('plain', 'password-123');
    const denied = await as(token).get('/api/org/users');
    expect(denied.statusCode).toBe(403);
    expect((denied.json() as ErrorBody).error.code).toBe('FORBIDDEN');

    const role = (
      await admin().post('/api/org/roles', { name: 'Org managers', permissions: ['org.manage'] })
    ).json() as { id: string };
    await admin().patch(`/api/org/users/${user.id}`, { roleIds: ['member', role.id] });
    expect((await as(token).get('/api/org/users')).statusCode).toBe(200);
    // …but not the admin-only parts of other modules.
    const me = (await as(token).get('/api/auth/me')).json() as {
      principal: { permissions: string[]; isAdmin: boolean };
    };
    expect(me.principal).toMatchObject({ permissions: ['org.manage'], isAdmin: false });
    // Taking the permission away from the role takes effect on the next request.
    await admin().patch(`/api/org/roles/${role.id}`, { permissions: [] });
    expect((await as(token).get('/api/org/users')).statusCode).toBe(403);
  });

  it('searches and pages the user list', async () => {
    for (const name of ['alice', 'alina', 'bob']) {
      await admin().post('/api/org/users', {
        username: `s-${name}`,
        password: 'password-123',
        displayName: name.toUpperCase(),
      });
    }
    const res = await admin().get('/api/org/users?search=ali&limit=1');
    const page = res.json() as { items: Array<{ username: string }>; total: number };
    expect(page.total).toBe(2);
    expect(page.items.map((u) => u.username)).toEqual(['s-alice']);
    const second = (await admin().get('/api/org/users?search=ali&limit=1&offset=1')).json() as typeof page;
    expect(second.items.map((u) => u.username)).toEqual(['s-alina']);
    // Regex characters are searched literally.
    expect(((await admin().get('/api/org/users?search=.*')).json() as typeof page).total).toBe(0);
    const badLimit = await admin().get('/api/org/users?limit=0');
    expect((badLimit.json() as ErrorBody).error.details[0]).toMatchObject({
      path: 'querystring.limit',
      rule: 'minimum',
    });
  });

  it('refuses a duplicate username, bad references and a manager cycle', async () => {
    const dup = await admin().post('/api/org/users', { username: 'admin', password: 'password-123', displayName: 'x' });
    expect(dup.statusCode).toBe(409);
    expect((dup.json() as ErrorBody).error).toMatchObject({
      code: 'DUPLICATE',
      details: [{ path: 'body.username', rule: 'unique' }],
    });
    const badRole = await admin().post('/api/org/users', {
      username: 'x1',
      password: 'password-123',
      displayName: 'x',
      roleIds: ['ghost'],
    });
    expect((badRole.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.roleIds', rule: 'exists' });
    const boss = (
      await admin().post('/api/org/users', { username: 'boss', password: 'password-123', displayName: 'B' })
    ).json() as { id: string };
    const worker = (
      await admin().post('/api/org/users', {
        username: 'worker',
        password: 'password-123',
        displayName: 'W',
        managerId: boss.id,
      })
    ).json() as { id: string };
    const cycle = await admin().patch(`/api/org/users/${boss.id}`, { managerId: worker.id });
    expect(cycle.statusCode).toBe(400);
    expect((cycle.json() as ErrorBody).error.details[0]).toMatchObject({ path: 'body.managerId', rule: 'cycle' });
  });

  it('ignores nothing silently: server fields in the body are rejected', async () => {
    const res = await admin().post('/api/org/users', {
      username: 'sneaky',
      password: 'password-123',
      displayName: 'S',
      passwordHash: 'scrypt$1$1$1$a$b',
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ErrorBody).error.details[0]).toMatchObject({
      path: 'body.passwordHash',
      rule: 'additionalProperties',
    });
  });

  it('an admin cannot disable themselves or remove the last administrator', async () => {
    const me = (await admin().get('/api/auth/me')).json() as { user: { id: string } };
    expect((await admin().post(`/api/org/users/${me.user.id}/disable`)).statusCode).toBe(400);
    const demote = await admin().patch(`/api/org/users/${me.user.id}`, { roleIds: ['member'] });
    expect(demote.statusCode).toBe(409);
    expect((demote.json() as ErrorBody).error.details[0].rule).toBe('lastAdmin');
  });
});
