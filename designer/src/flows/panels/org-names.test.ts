import { describe, expect, it } from 'vitest';
import { namesOf, OrgNames, userIdsIn, type NamedUser, type OrgNamesLoaders } from './org-names.js';

/** A promise the test settles when it wants (a slow directory). */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const person = (id: string, displayName: string): NamedUser => ({ id, username: id, displayName });

function loaders(overrides: Partial<OrgNamesLoaders> = {}): OrgNamesLoaders & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    usersByIds: async (ids) => {
      asked.push(ids);
      return ids.map((id) => person(id, `Name of ${id}`));
    },
    roles: async () => [{ id: 'r_fin', name: 'Finance', memberCount: 2 }],
    departments: async () => [{ id: 'd_1', name: 'Sales', parentId: null }],
    ...overrides,
  };
}

describe('names of people, roles and departments (side panel and node cards after a reload)', () => {
  it('tells subscribers when names arrive, so a summary drawn with ids is redrawn with names', async () => {
    const slow = deferred<NamedUser[]>();
    const names = new OrgNames(loaders({ usersByIds: () => slow.promise }));
    let renders = 0;
    names.subscribe(() => (renders += 1));
    const before = names.getSnapshot();
    const asked = names.wantUsers(['u_ann']);
    expect(namesOf(names.getSnapshot()).users).toEqual({});
    slow.resolve([person('u_ann', 'Ann Lee')]);
    await asked;
    expect(renders).toBe(1);
    expect(names.getSnapshot()).not.toBe(before);
    expect(namesOf(names.getSnapshot()).users).toEqual({ u_ann: 'Ann Lee' });
  });

  it('asks once for ids already on their way, and only for ids it does not know', async () => {
    const load = loaders();
    const names = new OrgNames(load);
    await Promise.all([names.wantUsers(['a', 'b']), names.wantUsers(['b', 'a'])]);
    await names.wantUsers(['a', 'c']);
    expect(load.asked).toEqual([['a', 'b'], ['c']]);
  });

  it('asks again after a failed request instead of leaving ids on screen for good', async () => {
    let fail = true;
    const load = loaders();
    const names = new OrgNames({
      ...load,
      usersByIds: async (ids) => {
        if (fail) throw new Error('network down');
        return load.usersByIds(ids);
      },
    });
    await names.wantUsers(['u_bo']);
    expect(names.getSnapshot().users.has('u_bo')).toBe(false);
    fail = false;
    await names.wantUsers(['u_bo']);
    expect(names.getSnapshot().users.get('u_bo')).toBe('Name of u_bo');
  });

  it('names more people than one request may ask for, in several requests', async () => {
    const load = loaders();
    const names = new OrgNames(load);
    const ids = Array.from({ length: 450 }, (_, i) => `u${i}`);
    await names.wantUsers(ids);
    expect(load.asked.map((batch) => batch.length)).toEqual([200, 200, 50]);
    expect(names.getSnapshot().users.size).toBe(450);
  });

  it('loads roles and departments once; a user who may not list roles keeps ids (null), a failure is retried', async () => {
    let departmentCalls = 0;
    let failDepartments = true;
    const names = new OrgNames(
      loaders({
        roles: async () => null,
        departments: async () => {
          departmentCalls += 1;
          if (failDepartments) throw new Error('503');
          return [{ id: 'd_1', name: 'Sales', parentId: null }];
        },
      }),
    );
    await names.wantOrg();
    expect(names.getSnapshot().roles).toBeNull();
    expect(names.getSnapshot().departments).toBeUndefined();
    failDepartments = false;
    await names.wantOrg();
    await names.wantOrg();
    expect(departmentCalls).toBe(2);
    expect(namesOf(names.getSnapshot())).toEqual({ users: {}, roles: {}, departments: { d_1: 'Sales' } });
  });

  it('finds the user ids a node names anywhere in its settings', () => {
    const data = {
      assignees: {
        rules: [
          { type: 'users', userIds: ['u1', 'u2'] },
          { type: 'rule_table', field: 'amount', rows: [{ userIds: ['u3'] }], fallbackUserIds: ['u4'] },
          { type: 'roles', roleIds: ['r1'] },
        ],
      },
      adminUserIds: ['u5'],
    };
    expect([...userIdsIn(data)].sort()).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
  });
});
