import type { DocumentStore } from '@formloom/model';
import type { OrgDirectory } from '@formloom/engine';
import { USERS, type UserDoc } from '../../auth/users.js';
import type { OrgService } from '../../org/org-service.js';
import { ROLES, type RoleDoc } from '../../org/org.types.js';

/** Deepest manager chain walked for approver rules. */
const MAX_CHAIN = 20;

/** The flow engine's view of the organisation, over the org service and the users collection. */
export class StoreOrgDirectory implements OrgDirectory {
  constructor(
    private readonly store: DocumentStore,
    private readonly org: OrgService,
  ) {}

  private get users() {
    return this.store.collection<UserDoc>(USERS);
  }

  async usersOfRoles(roleIds: string[]): Promise<string[]> {
    const lists = await Promise.all(roleIds.map((r) => this.org.usersWithRole(r)));
    return [...new Set(lists.flat())];
  }

  async usersOfDepartments(deptIds: string[]): Promise<string[]> {
    const lists = await Promise.all(deptIds.map((d) => this.org.departmentMembers(d)));
    return [...new Set(lists.flat())];
  }

  async mainDepartmentOf(userId: string): Promise<string | null> {
    const user = await this.users.findOne({ _id: userId }, { projection: { deptIds: 1 } });
    return user?.deptIds?.[0] ?? null;
  }

  async headOf(deptId: string, levelsUp: number): Promise<string | null> {
    if (levelsUp <= 0) return this.org.departmentHead(deptId);
    const ancestors = await this.org.ancestors(deptId);
    return ancestors[levelsUp - 1]?.headUserId ?? null;
  }

  managerChain(userId: string): Promise<string[]> {
    return this.org.managerChain(userId, MAX_CHAIN);
  }

  async rolesOf(userId: string): Promise<string[]> {
    const user = await this.users.findOne({ _id: userId }, { projection: { roleIds: 1 } });
    return user?.roleIds ?? [];
  }

  /** Enabled holders of any role carrying the `admin` permission. */
  async adminUserIds(): Promise<string[]> {
    const roles = await this.store
      .collection<RoleDoc>(ROLES)
      .find({ permissions: 'admin' }, { projection: { _id: 1 } });
    return this.usersOfRoles(roles.map((r) => r._id));
  }

  async activeOnly(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const found = await this.users.find({ _id: { $in: userIds }, enabled: true }, { projection: { _id: 1 } });
    const active = new Set(found.map((u) => u._id));
    return userIds.filter((id) => active.has(id));
  }
}
