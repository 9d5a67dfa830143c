import { Type } from '@fastify/type-provider-typebox';
import { newId } from '@formloom/engine';
import { conflict, notFound, validationFailed } from '@formloom/model';
import { USERS } from '../auth/users.js';
import { IdParamsSchema, OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import { PermissionSchema, RoleRef, tags, toRoleView } from './org-schemas.js';
import { ADMIN_ROLE_ID, ROLES, type RoleDoc } from './org.types.js';

/**
 * `/api/org/roles`: named sets of global permissions (from the whitelist in permissions.ts).
 * The built-in roles cannot be deleted and `admin` keeps the `admin` permission; a role still
 * held by users cannot be deleted.
 */
const access = { permission: 'org.manage' };
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Description = Type.String({ maxLength: 500 });
const Permissions = Type.Array(PermissionSchema, { uniqueItems: true, maxItems: 50 });

export async function registerRoleRoutes(app: FormloomApp): Promise<void> {
  const roles = app.services.store.collection<RoleDoc>(ROLES);
  const users = app.services.store.collection(USERS);

  async function load(id: string): Promise<RoleDoc> {
    const role = await roles.findOne({ _id: id });
    if (!role) throw notFound('Role');
    return role;
  }

  app.get(
    '/api/org/roles',
    {
      config: { access },
      schema: { tags, summary: 'Every role', response: { 200: Type.Object({ items: Type.Array(RoleRef) }) } },
    },
    async () => ({ items: (await roles.find({}, { sort: { builtin: -1, name: 1 } })).map(toRoleView) }),
  );

  app.get(
    '/api/org/roles/:id',
    { config: { access }, schema: { tags, summary: 'One role', params: IdParamsSchema, response: { 200: RoleRef } } },
    async (request) => toRoleView(await load(request.params.id)),
  );

  app.post(
    '/api/org/roles',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a role',
        body: Type.Object(
          { name: Name, description: Type.Optional(Description), permissions: Type.Optional(Permissions) },
          { additionalProperties: false },
        ),
        response: { 201: RoleRef },
      },
    },
    async (request, reply) => {
      const now = new Date().toISOString();
      const role: RoleDoc = {
        _id: newId(),
        name: request.body.name.trim(),
        description: request.body.description ?? '',
        permissions: request.body.permissions ?? [],
        builtin: false,
        createdAt: now,
        updatedAt: now,
      };
      await roles.insertOne(role);
      return reply.code(201).send(toRoleView(role));
    },
  );

  app.patch(
    '/api/org/roles/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rename a role or change its permissions',
        params: IdParamsSchema,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            description: Type.Optional(Description),
            permissions: Type.Optional(Permissions),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: RoleRef },
      },
    },
    async (request) => {
      const { id } = request.params;
      await load(id);
      const { name, description, permissions } = request.body;
      if (id === ADMIN_ROLE_ID && permissions !== undefined && !permissions.includes('admin')) {
        throw validationFailed([
          { path: 'body.permissions', rule: 'builtin', message: 'the admin role always has the admin permission' },
        ]);
      }
      const set: Partial<RoleDoc> = { updatedAt: new Date().toISOString() };
      if (name !== undefined) set.name = name.trim();
      if (description !== undefined) set.description = description;
      if (permissions !== undefined) set.permissions = permissions;
      const updated = await roles.findOneAndUpdate({ _id: id }, { $set: set });
      app.services.auth.forgetCachedPrincipals();
      if (!updated) throw notFound('Role');
      return toRoleView(updated);
    },
  );

  app.delete(
    '/api/org/roles/:id',
    {
      config: { access },
      schema: { tags, summary: 'Delete a role no user holds', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      const role = await load(request.params.id);
      if (role.builtin)
        throw conflict('Built-in roles cannot be deleted', [
          { path: 'params.id', rule: 'builtin', message: 'is built in' },
        ]);
      if ((await users.countDocuments({ roleIds: role._id })) > 0) {
        throw conflict('Users still hold this role; remove it from them first', [
          { path: 'params.id', rule: 'inUse', message: 'is held by users' },
        ]);
      }
      await roles.deleteOne({ _id: role._id });
      app.services.auth.forgetCachedPrincipals();
      return { ok: true as const };
    },
  );
}
