import type { Condition, Principal } from '@formloom/model';
import type { FormAccess, PermissionGroup, RecordAction } from './form-access.js';

export const ALL_RECORD_ACTIONS: readonly RecordAction[] = ['create', 'read', 'update', 'delete', 'export', 'import'];

/** The rows a user owns. */
export const OWN_SCOPE: Condition = { rel: 'and', cond: [{ field: 'owner', method: 'eq', dynamic: 'current_user' }] };
/** The rows owned within the user's departments. */
export const DEPARTMENT_SCOPE: Condition = {
  rel: 'and',
  cond: [{ field: 'ownerDept', method: 'in', dynamic: 'current_dept' }],
};

export function fullAccess(): FormAccess {
  return {
    full: true,
    actions: new Set(ALL_RECORD_ACTIONS),
    scopes: Object.fromEntries(ALL_RECORD_ACTIONS.map((a) => [a, null])),
    readableFields: null,
    writableFields: null,
  };
}

function applies(group: PermissionGroup, principal: Principal): boolean {
  if (principal.userId === null) return false;
  const s = group.subjects;
  if (s.everyone) return true;
  if (s.users?.includes(principal.userId)) return true;
  if (s.roles?.some((r) => principal.roleIds.includes(r))) return true;
  return s.departments?.some((d) => principal.deptIds.includes(d)) ?? false;
}

function scopeCondition(scope: PermissionGroup['scope']): Condition | null {
  if (scope === 'all') return null;
  if (scope === 'own') return OWN_SCOPE;
  if (scope === 'department') return DEPARTMENT_SCOPE;
  return scope.condition;
}

/** Unions field sets; any group without a limit lifts the limit (null = every field). */
function unionFields(current: Set<string> | null | undefined, next: string[] | undefined): Set<string> | null {
  if (current === null || next === undefined) return null;
  const out = new Set(current ?? []);
  for (const f of next) out.add(f);
  return out;
}

/**
 * What `principal` may do with a form's records: admins and the app's managers get full
 * access; everyone else gets the union of the groups that apply to them (actions, row scopes
 * OR-ed per action, fields). No applicable group = no access.
 */
export function resolveFormAccess(
  groups: PermissionGroup[],
  principal: Principal,
  options: { isManager: boolean },
): FormAccess {
  if (principal.isAdmin || options.isManager) return fullAccess();
  const access: FormAccess = {
    full: false,
    actions: new Set(),
    scopes: {},
    readableFields: null,
    writableFields: null,
  };
  let readable: Set<string> | null | undefined;
  let writable: Set<string> | null | undefined;
  for (const group of groups) {
    if (!applies(group, principal)) continue;
    const condition = scopeCondition(group.scope);
    for (const action of group.actions) {
      access.actions.add(action);
      const current = access.scopes[action];
      if (current === null) continue;
      access.scopes[action] = condition === null ? null : [...(current ?? []), condition];
    }
    readable = unionFields(readable, group.fields?.readable);
    writable = unionFields(writable, group.fields?.writable);
  }
  access.readableFields = readable === undefined ? new Set() : readable;
  access.writableFields = writable === undefined ? new Set() : writable;
  return access;
}
