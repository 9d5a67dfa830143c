/**
 * Global permissions a role can grant. Route modules name one of these in
 * `config.access.permission` (or `'user'` for any signed-in caller). `admin` implies all.
 */
export const PERMISSIONS = {
  admin: 'Everything, including every app and the organisation',
  'org.manage': 'Manage users, departments and roles',
  'apps.create': 'Create apps',
  'apps.manage_all': 'Manage every app, also those the user was not made a manager of',
  'audit.read': 'Read the audit log',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
