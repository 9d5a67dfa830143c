import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';
import { PERMISSION_NAMES, type Permission } from './permissions.js';
import type { DepartmentDoc, RoleDoc } from './org.types.js';

/** Request and response schemas of /api/org/*, and the views of stored documents. */
export const tags = ['organisation'];

export const IdString = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const DepartmentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    parentId: Nullable(Type.String()),
    headUserId: Nullable(Type.String()),
    order: Type.Number(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Department' },
);
export type DepartmentView = Static<typeof DepartmentSchema>;
export const DepartmentRef = Type.Unsafe<DepartmentView>({ $ref: 'Department#' });

export const PermissionSchema = Type.Unsafe<Permission>({ type: 'string', enum: PERMISSION_NAMES });

export const RoleSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.String(),
    permissions: Type.Array(Type.String()),
    builtin: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Role' },
);
export type RoleView = Static<typeof RoleSchema>;
export const RoleRef = Type.Unsafe<RoleView>({ $ref: 'Role#' });

export function toDepartmentView(d: DepartmentDoc): DepartmentView {
  return {
    id: d._id,
    name: d.name,
    parentId: d.parentId,
    headUserId: d.headUserId,
    order: d.order,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function toRoleView(r: RoleDoc): RoleView {
  return {
    id: r._id,
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    builtin: r.builtin,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
