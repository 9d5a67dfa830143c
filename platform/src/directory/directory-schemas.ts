import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';

/**
 * What every signed-in user may know about a colleague: no email, password data, roles,
 * manager or login times. The response schemas list exactly these properties, so the
 * serializer drops anything else even if a handler passed it along.
 */
export const DirectoryUserSchema = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    deptIds: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type DirectoryUser = Static<typeof DirectoryUserSchema>;

export const DirectoryDepartmentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    parentId: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type DirectoryDepartment = Static<typeof DirectoryDepartmentSchema>;

/**
 * A role as the people who build forms and flows see it (assignee and recipient pickers): its
 * name and how many enabled users hold it; never its permissions or description.
 */
export const DirectoryRoleSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    memberCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type DirectoryRole = Static<typeof DirectoryRoleSchema>;

export const DirectoryUsersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the username or display name' })),
    ids: Type.Optional(
      Type.String({
        maxLength: 200 * 65,
        pattern: '^[A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*$',
        description: 'Comma-separated user ids (to name the people a page shows)',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
