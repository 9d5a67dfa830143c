import type { OrgDirectory } from './org-directory.js';

/** A snapshot of an organisation, enough to resolve assignees without a server. */
export interface OrgSnapshot {
  users: Array<{
    id: string;
    /** Disabled users never get tasks (default true). */
    active?: boolean;
    roleIds?: string[];
    /** Departments the user belongs to; the first is the main one. */
    deptIds?: string[];
    managerId?: string | null;
    admin?: boolean;
  }>;
  departments: Array<{ id: string; parentId?: string | null; headId?: string | null }>;
}

/**
 * An OrgDirectory over an in-memory snapshot: for unit tests and for dry runs in the designer on
 * org data it already loaded. Manager chains stop at a repeated manager (no endless loops).
 */
export function memoryOrgDirectory(snapshot: OrgSnapshot): OrgDirectory {
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const depts = new Map(snapshot.departments.map((d) => [d.id, d]));
  const ids = (pick: (u: OrgSnapshot['users'][number]) => boolean) => snapshot.users.filter(pick).map((u) => u.id);
  return {
    usersOfRoles: async (roleIds) => ids((u) => (u.roleIds ?? []).some((r) => roleIds.includes(r))),
    usersOfDepartments: async (deptIds) => ids((u) => (u.deptIds ?? []).some((d) => deptIds.includes(d))),
    mainDepartmentOf: async (userId) => users.get(userId)?.deptIds?.[0] ?? null,
    async headOf(deptId, levelsUp) {
      let dept = depts.get(deptId);
      for (let i = 0; i < levelsUp && dept; i++) dept = dept.parentId ? depts.get(dept.parentId) : undefined;
      return dept?.headId ?? null;
    },
    async managerChain(userId) {
      const chain: string[] = [];
      let manager = users.get(userId)?.managerId;
      while (manager && !chain.includes(manager) && manager !== userId) {
        chain.push(manager);
        manager = users.get(manager)?.managerId;
      }
      return chain;
    },
    rolesOf: async (userId) => users.get(userId)?.roleIds ?? [],
    adminUserIds: async () => ids((u) => !!u.admin),
    activeOnly: async (userIds) => userIds.filter((id) => users.has(id) && users.get(id)?.active !== false),
  };
}
