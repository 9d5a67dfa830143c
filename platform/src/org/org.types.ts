import type { Doc } from '@formloom/model';

/** Stored documents of the organisation: `departments` (a tree) and `roles`. */
export const DEPARTMENTS = 'departments';
export const ROLES = 'roles';

export interface DepartmentDoc extends Doc {
  name: string;
  /** null = a top-level department. */
  parentId: string | null;
  headUserId: string | null;
  /** Position among its siblings, ascending. */
  order: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoleDoc extends Doc {
  name: string;
  description: string;
  permissions: string[];
  /** The built-in roles (`admin`, `member`) cannot be deleted; `admin` keeps its permission. */
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ADMIN_ROLE_ID = 'admin';
export const MEMBER_ROLE_ID = 'member';
