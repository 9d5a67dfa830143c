import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, signedInUser, type Call } from './records-fixtures.js';

type Role = { id: string; name: string; memberCount: number };

let t: TestApp;
let admin: Call;
let anonymous: Call;
let appId: string;
let approversRoleId: string;
const as: Record<string, Call> = {};

async function user(name: string, extra: { roleIds?: string[] } = {}): Promise<Call> {
  const signed = await signedInUser(admin, anonymous, name, extra);
  return injectCall(t.app, signed.token);
}

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  const approvers = await admin('POST', '/api/org/roles', {
    name: 'Approvers',
    description: 'secret-description',
    permissions: [],
  });
  approversRoleId = String(approvers.body.id);
  const leads = await admin('POST', '/api/org/roles', { name: 'App leads', permissions: [] });
  const creators = await admin('POST', '/api/org/roles', { name: 'Creators', permissions: ['apps.create'] });
  appId = String((await admin('POST', '/api/apps', { name: 'Purchasing' })).body.id);

  as.managerByUser = await user('mia');
  const miaId = String(
    ((await admin('GET', '/api/directory/users?q=mia')).body as unknown as Array<{ id: string }>)[0].id,
  );
  as.managerByRole = await user('leo', { roleIds: [String(leads.body.id)] });
  as.creator = await user('cai', { roleIds: [String(creators.body.id)] });
  as.member = await user('pat', { roleIds: [approversRoleId] });
  as.approver2 = await user('quin', { roleIds: [approversRoleId] });
  const patched = await admin('PATCH', `/api/apps/${appId}`, {
    managers: { users: [miaId], roles: [String(leads.body.id)] },
    members: { roles: [approversRoleId] },
  });
  expect(patched.status).toBe(200);
});

afterAll(async () => {
  await t.close();
});

describe('roles in the directory (role pickers of people who build apps)', () => {
  it('lets app managers (by user or role), app creators and admins list roles with id, name and member count only', async () => {
    for (const call of [admin, as.managerByUser, as.managerByRole, as.creator]) {
      const answer = await call('GET', '/api/directory/roles');
      expect(answer.status).toBe(200);
      const roles = answer.body as unknown as Role[];
      for (const role of roles) expect(Object.keys(role).sort()).toEqual(['id', 'memberCount', 'name']);
      expect(roles.find((r) => r.id === approversRoleId)).toEqual({
        id: approversRoleId,
        name: 'Approvers',
        memberCount: 2,
      });
      expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(['App leads', 'Creators', 'Approvers']));
      const raw = JSON.stringify(roles);
      for (const secret of ['secret-description', 'apps.create', 'permissions', 'builtin']) {
        expect(raw).not.toContain(secret);
      }
    }
  });

  it('refuses members who build nothing (the users of an app are not its builders) and anonymous callers', async () => {
    const refused = await as.member('GET', '/api/directory/roles');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await anonymous('GET', '/api/directory/roles')).status).toBe(401);
  });

  it('no longer lets the manager of an app in the recycle bin list roles, and counts only enabled holders', async () => {
    expect((await admin('DELETE', `/api/apps/${appId}`)).status).toBe(200);
    expect((await as.managerByUser('GET', '/api/directory/roles')).status).toBe(403);
    expect((await as.managerByRole('GET', '/api/directory/roles')).status).toBe(403);
    expect((await as.creator('GET', '/api/directory/roles')).status).toBe(200);

    const quin = (await admin('GET', '/api/directory/users?q=quin')).body as unknown as Array<{ id: string }>;
    expect((await admin('PATCH', `/api/org/users/${quin[0].id}`, { enabled: false })).status).toBe(200);
    const roles = (await admin('GET', '/api/directory/roles')).body as unknown as Role[];
    expect(roles.find((r) => r.id === approversRoleId)?.memberCount).toBe(1);
  });
});
