import { Type, type Static } from '@fastify/type-provider-typebox';
import type { Condition, FormDefinition, PublishedFormVersion } from '@formloom/model';
import type { PermissionGroup } from '@formloom/engine';
import { Nullable } from '../server/schemas.js';

/** Request and response schemas of the app registry routes (OpenAPI is generated from these). */

export const StoredId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const IdList = Type.Array(StoredId, { maxItems: 1000 });
const FieldKey = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]{0,63}$' });

export const AppParams = Type.Object({ appId: StoredId });
export const FormParams = Type.Object({ formId: StoredId });
export const VersionParams = Type.Object({ formId: StoredId, version: Type.Integer({ minimum: 1 }) });

const MembersInput = Type.Object(
  { users: Type.Optional(IdList), roles: Type.Optional(IdList), departments: Type.Optional(IdList) },
  { additionalProperties: false },
);
const ManagersInput = Type.Object(
  { users: Type.Optional(IdList), roles: Type.Optional(IdList) },
  { additionalProperties: false },
);

export const AppCreateBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    icon: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    members: Type.Optional(MembersInput),
    managers: Type.Optional(ManagersInput),
  },
  { additionalProperties: false },
);
export const AppPatchBody = Type.Partial(AppCreateBody, { additionalProperties: false });

export const AppSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  icon: Nullable(Type.String()),
  order: Type.Integer(),
  members: Type.Object({
    users: Type.Array(Type.String()),
    roles: Type.Array(Type.String()),
    departments: Type.Array(Type.String()),
  }),
  managers: Type.Object({ users: Type.Array(Type.String()), roles: Type.Array(Type.String()) }),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String(),
  deletedAt: Nullable(Type.String()),
  /** Whether the caller manages this app (may edit it, its forms and permissions). */
  canManage: Type.Boolean(),
});
export type AppView = Static<typeof AppSchema>;

export const AppListSchema = Type.Object({ items: Type.Array(AppSchema) });
export const ReorderAppsBody = Type.Object(
  { appIds: Type.Array(StoredId, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export const ReorderFormsBody = Type.Object(
  { formIds: Type.Array(StoredId, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

/** Any JSON object, kept whole in responses (never stripped by the serializer). */
const OpenObject = Type.Object({}, { additionalProperties: true });

/** Shape only; the engine's `validateFormDefinition` checks the content and names field and rule. */
export const DefinitionSchema = Type.Unsafe<FormDefinition>(
  Type.Object(
    { schema: OpenObject, uiSchema: OpenObject, fields: OpenObject },
    { additionalProperties: false, description: 'A form definition {schema, uiSchema, fields}' },
  ),
);

const ConditionSchema = Type.Unsafe<Condition>(
  Type.Object({}, { additionalProperties: true, description: 'A condition {rel, cond} (checked by the engine)' }),
);

export const PermissionGroupSchema = Type.Unsafe<PermissionGroup>(
  Type.Object(
    {
      id: StoredId,
      name: Name,
      subjects: Type.Object(
        {
          everyone: Type.Optional(Type.Boolean()),
          users: Type.Optional(IdList),
          roles: Type.Optional(IdList),
          departments: Type.Optional(IdList),
        },
        { additionalProperties: false },
      ),
      actions: Type.Array(
        Type.Union(['create', 'read', 'update', 'delete', 'export', 'import'].map((a) => Type.Literal(a))),
        { uniqueItems: true, maxItems: 6 },
      ),
      scope: Type.Union([
        Type.Literal('all'),
        Type.Literal('own'),
        Type.Literal('department'),
        Type.Object({ condition: ConditionSchema }, { additionalProperties: false }),
      ]),
      fields: Type.Optional(
        Type.Object(
          {
            readable: Type.Optional(Type.Array(FieldKey, { maxItems: 1000 })),
            writable: Type.Optional(Type.Array(FieldKey, { maxItems: 1000 })),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false },
  ),
);

export const PermissionsBody = Type.Object(
  { groups: Type.Array(PermissionGroupSchema, { maxItems: 100 }) },
  { additionalProperties: false },
);

export const PublicLinkSchema = Type.Object({
  enabled: Type.Boolean(),
  token: Type.Optional(Nullable(Type.String())),
  changedAt: Type.Optional(Nullable(Type.String())),
});
export const PublicLinkBody = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

export const FormCreateBody = Type.Object(
  { name: Name, definition: Type.Optional(DefinitionSchema) },
  { additionalProperties: false },
);
export const FormPatchBody = Type.Object(
  { name: Type.Optional(Name), order: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);
export const DraftBody = Type.Object(
  { definition: DefinitionSchema, baseRevision: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export const PublishBody = Type.Object(
  { baseRevision: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const FormSchema = Type.Object({
  id: Type.String(),
  appId: Type.String(),
  name: Type.String(),
  order: Type.Integer(),
  /** The draft; null for callers who cannot edit the form. */
  draft: Nullable(DefinitionSchema),
  draftRevision: Type.Integer(),
  publishedVersion: Nullable(Type.Integer()),
  /** Only for callers who can edit the form. */
  permissionGroups: Type.Array(PermissionGroupSchema),
  /** `token` (the secret of `/public/<token>`) only for callers who can edit the form. */
  publicLink: PublicLinkSchema,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  deletedAt: Nullable(Type.String()),
  canEdit: Type.Boolean(),
});
export type FormView = Static<typeof FormSchema>;
export const FormListSchema = Type.Object({ items: Type.Array(FormSchema) });

export const VersionSchema = Type.Unsafe<PublishedFormVersion>(
  Type.Object({
    formId: Type.String(),
    appId: Type.String(),
    version: Type.Integer(),
    definition: DefinitionSchema,
    publishedAt: Type.String(),
    publishedBy: Nullable(Type.String()),
  }),
);
export const VersionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({ version: Type.Integer(), publishedAt: Type.String(), publishedBy: Nullable(Type.String()) }),
  ),
});

export const FormAccessSchema = Type.Object({
  full: Type.Boolean(),
  actions: Type.Array(Type.String()),
  readableFields: Nullable(Type.Array(Type.String())),
  writableFields: Nullable(Type.Array(Type.String())),
});
