import type { DocumentStore, Filter, Principal } from '@formloom/model';
import { MANAGE_ALL_APPS } from '../apps/app-access.js';
import { APPS, type AppDoc } from '../apps/app.types.js';
import { USERS, type UserDoc } from '../auth/users.js';
import { DEPARTMENTS, ROLES, type DepartmentDoc, type RoleDoc } from '../org/org.types.js';
import type { DirectoryDepartment, DirectoryRole, DirectoryUser } from './directory-schemas.js';

/** Global permissions that let a user build apps (or manage the people the builders pick). */
const BUILDER_PERMISSIONS = ['apps.create', MANAGE_ALL_APPS, 'org.manage'];

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface UserLookup {
  /** Part of the username or the display name, case-insensitive. */
  q?: string;
  /** Only these users (order of the answer: by username). */
  ids?: string[];
  limit: number;
}

/**
 * The people directory: enabled users and the department tree, reduced to what any signed-in
 * user may see. Read-only; the org admin routes stay the place to manage people.
 */
export class DirectoryService {
  constructor(private readonly store: DocumentStore) {}

  async users(lookup: UserLookup): Promise<DirectoryUser[]> {
    const filter: Filter = { enabled: true };
    const q = lookup.q?.trim();
    if (q) {
      const pattern = escapeRegex(q);
      filter.$or = ['username', 'displayName'].map((field) => ({ [field]: { $regex: pattern, $options: 'i' } }));
    }
    if (lookup.ids !== undefined) filter._id = { $in: lookup.ids };
    const found = await this.store.collection<UserDoc>(USERS).find(filter, {
      sort: { username: 1 },
      limit: lookup.limit,
      projection: { _id: 1, username: 1, displayName: 1, deptIds: 1 },
    });
    return found.map((u) => ({ id: u._id, username: u.username, displayName: u.displayName, deptIds: u.deptIds }));
  }

  /** The enabled users among `ids` (unknown and disabled ones are left out). */
  async enabledUserIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.store
      .collection<UserDoc>(USERS)
      .find({ _id: { $in: ids }, enabled: true }, { projection: { _id: 1 } });
    return new Set(found.map((u) => u._id));
  }

  /**
   * Whether the principal builds forms or flows: an admin, a holder of a builder permission, or
   * a manager (by user or role) of an app that is not in the recycle bin.
   */
  async buildsApps(principal: Principal): Promise<boolean> {
    if (principal.isAdmin || principal.permissions.some((p) => BUILDER_PERMISSIONS.includes(p))) return true;
    const managerOf: Filter[] = [{ 'managers.roles': { $in: principal.roleIds } }];
    if (principal.userId !== null) managerOf.push({ 'managers.users': principal.userId });
    const managed = await this.store
      .collection<AppDoc>(APPS)
      .find({ deletedAt: null, $or: managerOf }, { limit: 1, projection: { _id: 1 } });
    return managed.length > 0;
  }

  /** Every role by name with how many enabled users hold it. */
  async roles(): Promise<DirectoryRole[]> {
    const [roles, holders] = await Promise.all([
      this.store.collection<RoleDoc>(ROLES).find({}, { sort: { name: 1 }, projection: { _id: 1, name: 1 } }),
      this.store.collection<UserDoc>(USERS).find({ enabled: true }, { projection: { _id: 1, roleIds: 1 } }),
    ]);
    const counts = new Map<string, number>();
    for (const user of holders) for (const role of user.roleIds) counts.set(role, (counts.get(role) ?? 0) + 1);
    return roles.map((r) => ({ id: r._id, name: r.name, memberCount: counts.get(r._id) ?? 0 }));
  }

  async departments(): Promise<DirectoryDepartment[]> {
    const found = await this.store
      .collection<DepartmentDoc>(DEPARTMENTS)
      .find({}, { sort: { order: 1, name: 1 }, projection: { _id: 1, name: 1, parentId: 1 } });
    return found.map((d) => ({ id: d._id, name: d.name, parentId: d.parentId }));
  }
}
