import type { DocumentStore } from '@formloom/model';
import { USERS, type UserDoc } from '../auth/users.js';
import { DEPARTMENTS, type DepartmentDoc } from './org.types.js';

/**
 * Read-side questions about the organisation, asked by approver rules (the flow engine) and by
 * the admin routes: who heads a department, who is above a user, who holds a role. Every walk
 * up a chain stops on a cycle or a missing link instead of looping.
 */
export class OrgService {
  constructor(private readonly store: DocumentStore) {}

  private get departments() {
    return this.store.collection<DepartmentDoc>(DEPARTMENTS);
  }
  private get users() {
    return this.store.collection<UserDoc>(USERS);
  }

  async ensureIndexes(): Promise<void> {
    await this.departments.createIndex({ keys: { parentId: 1, order: 1 } });
    await this.users.createIndex({ keys: { deptIds: 1 } });
    await this.users.createIndex({ keys: { roleIds: 1 } });
  }

  getDepartment(deptId: string): Promise<DepartmentDoc | null> {
    return this.departments.findOne({ _id: deptId });
  }

  /** The head of the department, or null when it has none (or does not exist). */
  async departmentHead(deptId: string): Promise<string | null> {
    return (await this.getDepartment(deptId))?.headUserId ?? null;
  }

  /** Parent, grandparent … up to the top-level department; the department itself is not included. */
  async ancestors(deptId: string): Promise<DepartmentDoc[]> {
    const chain: DepartmentDoc[] = [];
    const seen = new Set([deptId]);
    let current = await this.getDepartment(deptId);
    while (current?.parentId && !seen.has(current.parentId)) {
      seen.add(current.parentId);
      const parent = await this.getDepartment(current.parentId);
      if (!parent) break;
      chain.push(parent);
      current = parent;
    }
    return chain;
  }

  /**
   * The user's manager, their manager's manager … up to `levels` people (enabled or not, so the
   * caller decides what to do with a disabled approver). Stops at a user without a manager.
   */
  async managerChain(userId: string, levels: number): Promise<string[]> {
    const chain: string[] = [];
    const seen = new Set([userId]);
    let current = await this.users.findOne({ _id: userId }, { projection: { managerId: 1 } });
    while (chain.length < levels && current?.managerId && !seen.has(current.managerId)) {
      const manager = await this.users.findOne({ _id: current.managerId }, { projection: { managerId: 1 } });
      if (!manager) break;
      seen.add(manager._id);
      chain.push(manager._id);
      current = manager;
    }
    return chain;
  }

  /** Ids of the enabled users holding the role, by username. */
  async usersWithRole(roleId: string): Promise<string[]> {
    const users = await this.users.find(
      { roleIds: roleId, enabled: true },
      { sort: { username: 1 }, projection: { _id: 1 } },
    );
    return users.map((u) => u._id);
  }

  /** Ids of the enabled members of the department (not of its sub-departments), by username. */
  async departmentMembers(deptId: string): Promise<string[]> {
    const users = await this.users.find(
      { deptIds: deptId, enabled: true },
      { sort: { username: 1 }, projection: { _id: 1 } },
    );
    return users.map((u) => u._id);
  }

  /** Direct children, in order. */
  children(deptId: string | null): Promise<DepartmentDoc[]> {
    return this.departments.find({ parentId: deptId }, { sort: { order: 1, name: 1 } });
  }
}
