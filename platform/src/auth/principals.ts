import type { DocumentStore, Principal } from '@formloom/model';
import { ROLES, type RoleDoc } from '../org/org.types.js';
import type { UserDoc } from './users.js';

/** Builds the Principal of a user: departments, roles, and the union of the roles' permissions. */
export async function principalFor(store: DocumentStore, user: UserDoc, kind: 'user' | 'apikey'): Promise<Principal> {
  const roles = user.roleIds.length
    ? await store.collection<RoleDoc>(ROLES).find({ _id: { $in: user.roleIds } }, { projection: { permissions: 1 } })
    : [];
  const permissions = [...new Set(roles.flatMap((role) => role.permissions ?? []))].sort();
  return {
    kind,
    userId: user._id,
    username: user.username,
    deptIds: [...user.deptIds],
    roleIds: [...user.roleIds],
    permissions,
    isAdmin: permissions.includes('admin'),
  };
}
