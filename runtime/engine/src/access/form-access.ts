import type { Condition } from '@formloom/model';

/**
 * Per-form permission groups (Jiandaoyun's 权限组): who may do what with a form's records, on
 * which rows (a scope in the condition language) and which fields. Stored with the form by
 * the platform; resolved per request into a FormAccess. Deny by default: no matching group
 * means no access, except for admins and the app's managers, who have full access.
 */
export type RecordAction = 'create' | 'read' | 'update' | 'delete' | 'export' | 'import';

export interface PermissionGroup {
  id: string;
  name: string;
  /** Who the group applies to; `everyone` = every signed-in member of the app. */
  subjects: { everyone?: boolean; users?: string[]; roles?: string[]; departments?: string[] };
  actions: RecordAction[];
  /** Rows the group reaches: all, the user's own (owner), their departments' (ownerDept), or a condition. */
  scope: 'all' | 'own' | 'department' | { condition: Condition };
  /** Field-level limits; absent = every field. */
  fields?: { readable?: string[]; writable?: string[] };
}

export interface FormAccess {
  /** Full access (admin, app manager): no scope, every field. */
  full: boolean;
  actions: Set<RecordAction>;
  /** Row scopes per action, OR-ed together across groups; `null` = every row. */
  scopes: Partial<Record<RecordAction, Condition[] | null>>;
  /** null = every field. */
  readableFields: Set<string> | null;
  writableFields: Set<string> | null;
}
