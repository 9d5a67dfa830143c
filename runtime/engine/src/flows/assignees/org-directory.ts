/**
 * What assignee resolution needs to know about the organisation. The platform implements it
 * over its org service; unit tests use an in-memory double.
 */
export interface OrgDirectory {
  usersOfRoles(roleIds: string[]): Promise<string[]>;
  usersOfDepartments(deptIds: string[]): Promise<string[]>;
  mainDepartmentOf(userId: string): Promise<string | null>;
  /** Head of the department `levelsUp` levels above deptId (0 = deptId itself). */
  headOf(deptId: string, levelsUp: number): Promise<string | null>;
  /** The user's managers, nearest first. */
  managerChain(userId: string): Promise<string[]>;
  rolesOf(userId: string): Promise<string[]>;
  adminUserIds(): Promise<string[]>;
  /** Drops disabled/unknown users. */
  activeOnly(userIds: string[]): Promise<string[]>;
}
