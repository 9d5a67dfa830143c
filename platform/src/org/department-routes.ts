import { Type } from '@fastify/type-provider-typebox';
import { newId } from '@formloom/engine';
import { conflict, notFound, validationFailed } from '@formloom/model';
import { USERS } from '../auth/users.js';
import { IdParamsSchema, Nullable, OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import { requireExisting } from './org-references.js';
import { DepartmentRef, IdString, tags, toDepartmentView } from './org-schemas.js';
import { DEPARTMENTS, type DepartmentDoc } from './org.types.js';

/**
 * `/api/org/departments`: the department tree. A department cannot become its own ancestor,
 * and is deleted only once it has neither sub-departments nor members.
 */
const access = { permission: 'org.manage' };
const Name = Type.String({ minLength: 1, maxLength: 100 });

export async function registerDepartmentRoutes(app: FormloomApp): Promise<void> {
  const { store, org } = app.services;
  const departments = store.collection<DepartmentDoc>(DEPARTMENTS);

  async function load(id: string): Promise<DepartmentDoc> {
    const dept = await departments.findOne({ _id: id });
    if (!dept) throw notFound('Department');
    return dept;
  }

  async function checkParent(id: string | null, parentId: string | null): Promise<void> {
    if (parentId === null) return;
    await requireExisting(store, DEPARTMENTS, [parentId], 'body.parentId');
    if (id === null) return;
    const lineage = [parentId, ...(await org.ancestors(parentId)).map((d) => d._id)];
    if (lineage.includes(id)) {
      throw validationFailed([
        {
          path: 'body.parentId',
          rule: 'cycle',
          message: 'a department cannot be moved under itself or one of its sub-departments',
        },
      ]);
    }
  }

  app.get(
    '/api/org/departments',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Every department (a flat list; build the tree from parentId)',
        response: { 200: Type.Object({ items: Type.Array(DepartmentRef) }) },
      },
    },
    async () => ({ items: (await departments.find({}, { sort: { order: 1, name: 1 } })).map(toDepartmentView) }),
  );

  app.get(
    '/api/org/departments/:id',
    {
      config: { access },
      schema: { tags, summary: 'One department', params: IdParamsSchema, response: { 200: DepartmentRef } },
    },
    async (request) => toDepartmentView(await load(request.params.id)),
  );

  app.post(
    '/api/org/departments',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Create a department',
        body: Type.Object(
          {
            name: Name,
            parentId: Type.Optional(Nullable(IdString)),
            headUserId: Type.Optional(Nullable(IdString)),
            order: Type.Optional(Type.Number()),
          },
          { additionalProperties: false },
        ),
        response: { 201: DepartmentRef },
      },
    },
    async (request, reply) => {
      const { name, parentId = null, headUserId = null } = request.body;
      await checkParent(null, parentId);
      if (headUserId !== null) await requireExisting(store, USERS, [headUserId], 'body.headUserId');
      const order = request.body.order ?? (await departments.countDocuments({ parentId }));
      const now = new Date().toISOString();
      const dept: DepartmentDoc = {
        _id: newId(),
        name: name.trim(),
        parentId,
        headUserId,
        order,
        createdAt: now,
        updatedAt: now,
      };
      await departments.insertOne(dept);
      return reply.code(201).send(toDepartmentView(dept));
    },
  );

  app.patch(
    '/api/org/departments/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rename, move, reorder a department or change its head',
        params: IdParamsSchema,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            parentId: Type.Optional(Nullable(IdString)),
            headUserId: Type.Optional(Nullable(IdString)),
            order: Type.Optional(Type.Number()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: DepartmentRef },
      },
    },
    async (request) => {
      const { id } = request.params;
      await load(id);
      const { name, parentId, headUserId, order } = request.body;
      if (parentId !== undefined) await checkParent(id, parentId);
      if (headUserId) await requireExisting(store, USERS, [headUserId], 'body.headUserId');
      const set: Partial<DepartmentDoc> = { updatedAt: new Date().toISOString() };
      if (name !== undefined) set.name = name.trim();
      if (parentId !== undefined) set.parentId = parentId;
      if (headUserId !== undefined) set.headUserId = headUserId;
      if (order !== undefined) set.order = order;
      const updated = await departments.findOneAndUpdate({ _id: id }, { $set: set });
      if (!updated) throw notFound('Department');
      return toDepartmentView(updated);
    },
  );

  app.delete(
    '/api/org/departments/:id',
    {
      config: { access },
      schema: { tags, summary: 'Delete an empty department', params: IdParamsSchema, response: { 200: OkSchema } },
    },
    async (request) => {
      const { id } = request.params;
      await load(id);
      if ((await departments.countDocuments({ parentId: id })) > 0) {
        throw conflict('The department has sub-departments; move or delete them first', [
          { path: 'params.id', rule: 'hasChildren', message: 'has sub-departments' },
        ]);
      }
      if ((await store.collection(USERS).countDocuments({ deptIds: id })) > 0) {
        throw conflict('The department has members; move them to another department first', [
          { path: 'params.id', rule: 'hasMembers', message: 'has members' },
        ]);
      }
      await departments.deleteOne({ _id: id });
      return { ok: true as const };
    },
  );
}
