import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../adapters/store/embedded/index.js';
import { USERS, type UserDoc } from '../auth/users.js';
import { OrgService } from './org-service.js';
import { DEPARTMENTS, type DepartmentDoc } from './org.types.js';

let dir: string;
let store: DocumentStore;
let org: OrgService;
const now = '2026-01-01T00:00:00.000Z';

function user(id: string, fields: Partial<UserDoc> = {}): UserDoc {
  return {
    _id: id,
    username: id,
    displayName: id,
    email: null,
    passwordHash: 'x',
    enabled: true,
    tokenGeneration: 0,
    deptIds: [],
    roleIds: ['member'],
    managerId: null,
    createdAt: now,
    updatedAt: now,
    lastLoginAt: null,
    ...fields,
  };
}
function dept(id: string, parentId: string | null, headUserId: string | null = null): DepartmentDoc {
  return { _id: id, name: id, parentId, headUserId, order: 0, createdAt: now, updatedAt: now };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'formloom-org-'));
  store = await openEmbeddedStore({ dir });
  org = new OrgService(store);
  await org.ensureIndexes();
  await store.collection<DepartmentDoc>(DEPARTMENTS).insertMany([
    dept('company', null, 'ceo'),
    dept('sales', 'company', 'vp'),
    dept('sales-east', 'sales'),
    // A corrupted loop must not hang anyone.
    dept('loop-a', 'loop-b'),
    dept('loop-b', 'loop-a'),
  ]);
  await store
    .collection<UserDoc>(USERS)
    .insertMany([
      user('ceo', { deptIds: ['company'], roleIds: ['admin'] }),
      user('vp', { managerId: 'ceo', deptIds: ['sales'], roleIds: ['finance'] }),
      user('lead', { managerId: 'vp', deptIds: ['sales-east'], roleIds: ['finance'] }),
      user('rep', { managerId: 'lead', deptIds: ['sales-east'] }),
      user('gone', { enabled: false, roleIds: ['finance'], deptIds: ['sales-east'] }),
      user('self-a', { managerId: 'self-b' }),
      user('self-b', { managerId: 'self-a' }),
    ]);
});
afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OrgService', () => {
  it('answers the head of a department, null when it has none or does not exist', async () => {
    expect(await org.departmentHead('sales')).toBe('vp');
    expect(await org.departmentHead('sales-east')).toBeNull();
    expect(await org.departmentHead('missing')).toBeNull();
  });

  it('lists ancestors nearest first, without the department itself, and survives a loop', async () => {
    expect((await org.ancestors('sales-east')).map((d) => d._id)).toEqual(['sales', 'company']);
    expect(await org.ancestors('company')).toEqual([]);
    expect((await org.ancestors('loop-a')).map((d) => d._id)).toEqual(['loop-b']);
  });

  it('walks the manager chain up to the asked number of levels', async () => {
    expect(await org.managerChain('rep', 1)).toEqual(['lead']);
    expect(await org.managerChain('rep', 2)).toEqual(['lead', 'vp']);
    expect(await org.managerChain('rep', 10)).toEqual(['lead', 'vp', 'ceo']);
    expect(await org.managerChain('ceo', 3)).toEqual([]);
    expect(await org.managerChain('self-a', 5)).toEqual(['self-b']);
  });

  it('finds the enabled holders of a role and the enabled members of a department', async () => {
    expect(await org.usersWithRole('finance')).toEqual(['lead', 'vp']);
    expect(await org.departmentMembers('sales-east')).toEqual(['lead', 'rep']);
    expect((await org.getDepartment('sales'))?.name).toBe('sales');
    expect((await org.children('company')).map((d) => d._id)).toEqual(['sales']);
  });
});
