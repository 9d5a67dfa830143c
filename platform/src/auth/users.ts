import { Type, type Static } from '@fastify/type-provider-typebox';
import type { Doc } from '@formloom/model';
import { Nullable } from '../server/schemas.js';

/** Stored documents of auth: `users`, `sessions`, `api_keys`, and the public view of a user. */
export const USERS = 'users';
export const SESSIONS = 'sessions';
export const API_KEYS = 'api_keys';

export interface UserDoc extends Doc {
  /** Lower case; unique. */
  username: string;
  displayName: string;
  email: string | null;
  /** `scrypt$N$r$p$salt$hash`; never leaves the server. */
  passwordHash: string;
  enabled: boolean;
  /** Bumped when the user is disabled or their password changes: sessions of older generations stop working. */
  tokenGeneration: number;
  /** First = main department. */
  deptIds: string[];
  roleIds: string[];
  managerId: string | null;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
  /** The language the user reads (notifications, e-mail, files); absent until the first sign-in or choice. */
  locale?: UserLocale;
}

export const USER_LOCALES = ['zh-CN', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];
export const UserLocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], {
  description: 'The language the user reads: zh-CN or en',
});

export interface SessionDoc extends Doc {
  /** `_id` = sha256(token). */
  userId: string;
  generation: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiKeyDoc extends Doc {
  /** `_id` = sha256(key). `id` is the public handle used to list and revoke it. */
  id: string;
  name: string;
  userId: string;
  /** First characters of the key, to recognise it in a list. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,63}$';

export const UserViewSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    email: Nullable(Type.String()),
    enabled: Type.Boolean(),
    deptIds: Type.Array(Type.String()),
    roleIds: Type.Array(Type.String()),
    managerId: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
    locale: Nullable(UserLocaleSchema),
  },
  { $id: 'User' },
);
export type UserView = Static<typeof UserViewSchema>;
export const UserViewRef = Type.Unsafe<UserView>({ $ref: 'User#' });

export function toUserView(user: UserDoc): UserView {
  return {
    id: user._id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    enabled: user.enabled,
    deptIds: user.deptIds,
    roleIds: user.roleIds,
    managerId: user.managerId,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastLoginAt: user.lastLoginAt,
    locale: user.locale ?? null,
  };
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
