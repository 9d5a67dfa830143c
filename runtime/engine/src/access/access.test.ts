import type { Principal } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { filterMatcher } from '../conditions/evaluate-condition.js';
import type { PermissionGroup } from './form-access.js';
import { resolveFormAccess } from './resolve-form-access.js';
import { scopeFilter } from './scope-filter.js';

const ann: Principal = {
  kind: 'user',
  userId: 'ann',
  username: 'ann',
  deptIds: ['sales'],
  roleIds: ['rep'],
  permissions: [],
  isAdmin: false,
};
const rows = [
  { _id: '1', _owner: 'ann', _ownerDept: 'sales' },
  { _id: '2', _owner: 'bob', _ownerDept: 'sales' },
  { _id: '3', _owner: 'cy', _ownerDept: 'ops' },
];
const visible = (groups: PermissionGroup[], action: 'read' | 'update' = 'read') => {
  const filter = scopeFilter(resolveFormAccess(groups, ann, { isManager: false }), action, ann);
  if (filter === null) return rows.map((r) => r._id);
  const test = filterMatcher(filter);
  return rows.filter((r) => test(r)).map((r) => r._id);
};
const group = (over: Partial<PermissionGroup>): PermissionGroup => ({
  id: 'g',
  name: 'g',
  subjects: { everyone: true },
  actions: ['read'],
  scope: 'all',
  ...over,
});

describe('form access', () => {
  it('gives admins and managers everything', () => {
    expect(resolveFormAccess([], { ...ann, isAdmin: true }, { isManager: false }).full).toBe(true);
    const manager = resolveFormAccess([], ann, { isManager: true });
    expect(manager.full).toBe(true);
    expect(scopeFilter(manager, 'delete', ann)).toBeNull();
  });

  it('denies by default', () => {
    const access = resolveFormAccess([group({ subjects: { users: ['bob'] } })], ann, { isManager: false });
    expect(access.actions.size).toBe(0);
    expect(access.readableFields).toEqual(new Set());
    expect(() => scopeFilter(access, 'read', ann)).toThrowError(/may not read/);
  });

  it('scopes rows: own, department, condition, all', () => {
    expect(visible([group({ scope: 'own' })])).toEqual(['1']);
    expect(visible([group({ subjects: { roles: ['rep'] }, scope: 'department' })])).toEqual(['1', '2']);
    const onlyOps = {
      condition: { rel: 'and' as const, cond: [{ field: 'ownerDept', method: 'eq' as const, value: 'ops' }] },
    };
    expect(visible([group({ subjects: { departments: ['sales'] }, scope: onlyOps })])).toEqual(['3']);
    expect(visible([group({ scope: 'own' }), group({ scope: onlyOps })])).toEqual(['1', '3']);
    expect(visible([group({ scope: 'own' }), group({ scope: 'all' })])).toEqual(['1', '2', '3']);
  });

  it('keeps scopes per action', () => {
    const groups = [group({ actions: ['read'], scope: 'all' }), group({ actions: ['update'], scope: 'own' })];
    expect(visible(groups, 'update')).toEqual(['1']);
  });

  it('unions field limits and lifts them when a group has none', () => {
    const limited = resolveFormAccess(
      [group({ fields: { readable: ['f_a'], writable: [] } }), group({ fields: { readable: ['f_b'] } })],
      ann,
      { isManager: false },
    );
    expect(limited.readableFields).toEqual(new Set(['f_a', 'f_b']));
    expect(limited.writableFields).toBeNull();
  });

  it('gives principals without a user nothing', () => {
    const access = resolveFormAccess([group({})], { ...ann, userId: null }, { isManager: false });
    expect(access.actions.size).toBe(0);
  });
});
