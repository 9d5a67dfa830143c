import { newId } from '@formloom/engine';
import type { DocumentStore } from '@formloom/model';
import { ADMIN_ROLE_ID, MEMBER_ROLE_ID, ROLES, type RoleDoc } from '../org/org.types.js';
import { generatePassword, hashPassword } from './passwords.js';
import { USERS, type UserDoc } from './users.js';

/**
 * First start: the built-in roles `admin` (every permission) and `member` (none beyond being
 * signed in), and the `admin` user when there is no user at all. Safe to run on every start
 * and from several processes (inserts are idempotent through unique ids and indexes).
 */
export interface BootstrapResult {
  /** Set only when the admin user was created now. */
  createdAdmin: { username: string; password: string; generated: boolean } | null;
}

async function ensureRole(store: DocumentStore, role: Omit<RoleDoc, 'createdAt' | 'updatedAt'>): Promise<void> {
  const now = new Date().toISOString();
  const { _id, ...fields } = role;
  await store
    .collection<RoleDoc>(ROLES)
    .updateOne({ _id }, { $setOnInsert: { ...fields, createdAt: now, updatedAt: now } }, { upsert: true });
  if (role._id === ADMIN_ROLE_ID) {
    // The admin role always keeps the admin permission, whatever was edited.
    await store.collection<RoleDoc>(ROLES).updateOne({ _id: ADMIN_ROLE_ID }, { $addToSet: { permissions: 'admin' } });
  }
}

export async function bootstrapAuth(store: DocumentStore, adminPassword: string | null): Promise<BootstrapResult> {
  await ensureRole(store, {
    _id: ADMIN_ROLE_ID,
    name: 'Administrator',
    description: 'Full access to every app and to the organisation',
    permissions: ['admin'],
    builtin: true,
  });
  await ensureRole(store, {
    _id: MEMBER_ROLE_ID,
    name: 'Member',
    description: 'A signed-in user; access to apps comes from app membership and permission groups',
    permissions: [],
    builtin: true,
  });
  const users = store.collection<UserDoc>(USERS);
  if ((await users.countDocuments({})) > 0) return { createdAdmin: null };
  const password = adminPassword ?? generatePassword();
  const now = new Date().toISOString();
  try {
    await users.insertOne({
      _id: newId(),
      username: 'admin',
      displayName: 'Administrator',
      email: null,
      passwordHash: await hashPassword(password),
      enabled: true,
      tokenGeneration: 0,
      deptIds: [],
      roleIds: [ADMIN_ROLE_ID],
      managerId: null,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    });
  } catch (e) {
    // Another process bootstrapped at the same moment: its admin stands.
    if ((await users.countDocuments({ username: 'admin' })) > 0) return { createdAdmin: null };
    throw e;
  }
  return { createdAdmin: { username: 'admin', password, generated: adminPassword === null } };
}
