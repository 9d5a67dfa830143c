import { Type } from '@fastify/type-provider-typebox';
import { newId } from '@formloom/engine';
import { conflict, FormloomError, isDuplicateKeyError, notFound, validationFailed, type Filter } from '@formloom/model';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/passwords.js';
import { normalizeUsername, toUserView, USERNAME_PATTERN, USERS, UserViewRef, type UserDoc } from '../auth/users.js';
import { IdParamsSchema, Nullable, OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import { requireExisting } from './org-references.js';
import { IdString, tags } from './org-schemas.js';
import { ADMIN_ROLE_ID, DEPARTMENTS, MEMBER_ROLE_ID, ROLES } from './org.types.js';

/**
 * `/api/org/users`: the user directory for administrators. Disabling a user or resetting
 * their password ends their sessions. Guards: nobody disables themselves, and the last
 * enabled administrator keeps the admin role.
 */
const access = { permission: 'org.manage' };
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH });
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
const Email = Nullable(Type.String({ format: 'email', maxLength: 254 }));
const IdList = Type.Array(IdString, { uniqueItems: true, maxItems: 100 });

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function registerUserRoutes(app: FormloomApp): Promise<void> {
  const { store, auth, org } = app.services;
  const users = store.collection<UserDoc>(USERS);

  async function load(id: string): Promise<UserDoc> {
    const user = await users.findOne({ _id: id });
    if (!user) throw notFound('User');
    return user;
  }

  async function checkManager(userId: string | null, managerId: string | null): Promise<void> {
    if (managerId === null) return;
    await requireExisting(store, USERS, [managerId], 'body.managerId');
    if (userId === null) return;
    if (managerId === userId || (await org.managerChain(managerId, 100)).includes(userId)) {
      throw validationFailed([
        {
          path: 'body.managerId',
          rule: 'cycle',
          message: 'a user cannot report to themselves, directly or indirectly',
        },
      ]);
    }
  }

  /** Refuses a change that would leave no enabled user with the admin role. */
  async function keepAnAdmin(user: UserDoc, next: { enabled: boolean; roleIds: string[] }): Promise<void> {
    const isAdminNow = user.enabled && user.roleIds.includes(ADMIN_ROLE_ID);
    const isAdminAfter = next.enabled && next.roleIds.includes(ADMIN_ROLE_ID);
    if (!isAdminNow || isAdminAfter) return;
    const others = await users.countDocuments({ _id: { $ne: user._id }, enabled: true, roleIds: ADMIN_ROLE_ID });
    if (others === 0)
      throw conflict('This is the last enabled administrator', [
        { path: 'params.id', rule: 'lastAdmin', message: 'is the last enabled administrator' },
      ]);
  }

  app.get(
    '/api/org/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Find users',
        querystring: Type.Object(
          {
            search: Type.Optional(
              Type.String({ maxLength: 100, description: 'Part of the username, display name or email' }),
            ),
            deptId: Type.Optional(IdString),
            roleId: Type.Optional(IdString),
            enabled: Type.Optional(Type.Boolean()),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(UserViewRef), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const { search, deptId, roleId, enabled, limit, offset } = request.query;
      const filter: Filter = {};
      if (search?.trim()) {
        const pattern = escapeRegex(search.trim());
        filter.$or = ['username', 'displayName', 'email'].map((field) => ({
          [field]: { $regex: pattern, $options: 'i' },
        }));
      }
      if (deptId) filter.deptIds = deptId;
      if (roleId) filter.roleIds = roleId;
      if (enabled !== undefined) filter.enabled = enabled;
      const [items, total] = await Promise.all([
        users.find(filter, { sort: { username: 1 }, skip: offset, limit }),
        users.countDocuments(filter),
      ]);
      return { items: items.map(toUserView), total };
    },
  );

  app.get(
    '/api/org/users/:id',
    {
      config: { access },
      schema: { tags, summary: 'One user', params: IdParamsSchema, response: { 200: UserViewRef } },
    },
    async (request) => toUserView(await load(request.params.id)),
  );

  app.post(
    '/api/org/users',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a user',
        body: Type.Object(
          {
            username: Type.String({
              pattern: USERNAME_PATTERN,
              description: 'Lower-case letters, digits, ".", "_", "-"',
            }),
            password: Password,
            displayName: DisplayName,
            email: Type.Optional(Email),
            enabled: Type.Optional(Type.Boolean()),
            deptIds: Type.Optional(IdList),
            roleIds: Type.Optional(IdList),
            managerId: Type.Optional(Nullable(IdString)),
          },
          { additionalProperties: false },
        ),
        response: { 201: UserViewRef },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const deptIds = body.deptIds ?? [];
      const roleIds = body.roleIds ?? [MEMBER_ROLE_ID];
      await requireExisting(store, DEPARTMENTS, deptIds, 'body.deptIds');
      await requireExisting(store, ROLES, roleIds, 'body.roleIds');
      await checkManager(null, body.managerId ?? null);
      const now = new Date().toISOString();
      const user: UserDoc = {
        _id: newId(),
        username: normalizeUsername(body.username),
        displayName: body.displayName.trim(),
        email: body.email ?? null,
        passwordHash: await hashPassword(body.password),
        enabled: body.enabled ?? true,
        tokenGeneration: 0,
        deptIds,
        roleIds,
        managerId: body.managerId ?? null,
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      };
      try {
        await users.insertOne(user);
      } catch (e) {
        if (isDuplicateKeyError(e)) {
          throw new FormloomError('DUPLICATE', `The username ${user.username} is taken`, [
            { path: 'body.username', rule: 'unique', message: 'is taken' },
          ]);
        }
        throw e;
      }
      return reply.code(201).send(toUserView(user));
    },
  );

  app.patch(
    '/api/org/users/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a user',
        description: "Setting `enabled` to false ends the user's sessions.",
        params: IdParamsSchema,
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayName),
            email: Type.Optional(Email),
            enabled: Type.Optional(Type.Boolean()),
            deptIds: Type.Optional(IdList),
            roleIds: Type.Optional(IdList),
            managerId: Type.Optional(Nullable(IdString)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: UserViewRef },
      },
    },
    async (request) => {
      const user = await load(request.params.id);
      const body = request.body;
      if (body.enabled === false && user._id === request.principal.userId) {
        throw validationFailed([{ path: 'body.enabled', rule: 'self', message: 'you cannot disable yourself' }]);
      }
      if (body.deptIds) await requireExisting(store, DEPARTMENTS, body.deptIds, 'body.deptIds');
      if (body.roleIds) await requireExisting(store, ROLES, body.roleIds, 'body.roleIds');
      if (body.managerId !== undefined) await checkManager(user._id, body.managerId);
      await keepAnAdmin(user, { enabled: body.enabled ?? user.enabled, roleIds: body.roleIds ?? user.roleIds });
      const set: Partial<UserDoc> = { updatedAt: new Date().toISOString() };
      if (body.displayName !== undefined) set.displayName = body.displayName.trim();
      if (body.email !== undefined) set.email = body.email;
      if (body.enabled !== undefined) set.enabled = body.enabled;
      if (body.deptIds !== undefined) set.deptIds = body.deptIds;
      if (body.roleIds !== undefined) set.roleIds = body.roleIds;
      if (body.managerId !== undefined) set.managerId = body.managerId;
      await users.updateOne({ _id: user._id }, { $set: set });
      auth.forgetCachedPrincipals();
      if (body.enabled === false && user.enabled) await auth.invalidateSessions(user._id);
      return toUserView(await load(user._id));
    },
  );

  app.post(
    '/api/org/users/:id/password',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Set a new password for a user',
        description: "Ends the user's sessions.",
        params: IdParamsSchema,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await load(request.params.id);
      await auth.setPassword(request.params.id, request.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/org/users/:id/disable',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Disable a user and end their sessions',
        params: IdParamsSchema,
        response: { 200: UserViewRef },
      },
    },
    async (request) => {
      const user = await load(request.params.id);
      if (user._id === request.principal.userId) {
        throw validationFailed([{ path: 'params.id', rule: 'self', message: 'you cannot disable yourself' }]);
      }
      await keepAnAdmin(user, { enabled: false, roleIds: user.roleIds });
      await users.updateOne({ _id: user._id }, { $set: { enabled: false, updatedAt: new Date().toISOString() } });
      await auth.invalidateSessions(user._id);
      return toUserView(await load(user._id));
    },
  );
}
