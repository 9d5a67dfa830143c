import { forbidden, type Principal } from '@formloom/model';
import { resolveFormAccess, type FormAccess } from '@formloom/engine';
import type { AppDoc, FormDoc } from './app.types.js';

/** The global permission that makes a user a manager of every app. */
export const MANAGE_ALL_APPS = 'apps.manage_all';

/**
 * Who may see and change an app. Deny by default: admins, holders of `apps.manage_all` and the app's managers manage it;
 * members (by user, role or department) use it; everyone else gets 403.
 */
export function isAppManager(principal: Principal, app: AppDoc): boolean {
  if (principal.isAdmin || principal.permissions.includes(MANAGE_ALL_APPS)) return true;
  if (principal.userId !== null && app.managers.users.includes(principal.userId)) return true;
  return principal.roleIds.some((role) => app.managers.roles.includes(role));
}

export function isAppMember(principal: Principal, app: AppDoc): boolean {
  if (isAppManager(principal, app)) return true;
  if (principal.userId !== null && app.members.users.includes(principal.userId)) return true;
  if (principal.roleIds.some((role) => app.members.roles.includes(role))) return true;
  return principal.deptIds.some((dept) => app.members.departments.includes(dept));
}

export function requireAppMember(principal: Principal, app: AppDoc): void {
  if (!isAppMember(principal, app)) throw forbidden(`You are not a member of the app "${app.name}"`);
}

export function requireAppManager(principal: Principal, app: AppDoc): void {
  if (!isAppManager(principal, app)) throw forbidden(`Only the managers of the app "${app.name}" can do this`);
}

/**
 * What the principal may do with a form's records: full access for admins and the app's
 * managers; otherwise the union of the permission groups that name them (deny by default).
 */
export function formAccessFor(principal: Principal, form: FormDoc, app: AppDoc): FormAccess {
  return resolveFormAccess(form.permissionGroups, principal, { isManager: isAppManager(principal, app) });
}
