import { Type } from '@fastify/type-provider-typebox';
import type { Condition } from '@formloom/model';
import { Nullable } from '../server/schemas.js';
import { StoredId } from '../apps/app-schemas.js';

/**
 * Request and response schemas of the records routes. Record `data` is an open object at its
 * own level (the engine rejects unknown and system keys, naming them); everything around it is
 * strict. Responses keep `data` whole.
 */

/** Field values keyed by field key. */
export const RecordData = Type.Unsafe<Record<string, unknown>>(
  Type.Object({}, { additionalProperties: true, description: 'Field values keyed by field key' }),
);

export const RecordParams = Type.Object({ formId: StoredId, id: StoredId });
export const FormOnlyParams = Type.Object({ formId: StoredId });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The same key twice creates one record and returns it twice',
    }),
  ),
});

export const CreateBody = Type.Object({ data: RecordData }, { additionalProperties: false });
export const UpdateBody = Type.Object(
  { baseVersion: Type.Integer({ minimum: 1, description: 'The version your edit is based on' }), data: RecordData },
  { additionalProperties: false },
);
export const DeleteQuery = Type.Object(
  { baseVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const RecordViewSchema = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  version: Type.Integer(),
  formVersion: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
  updatedAt: Type.String(),
  updatedBy: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  ownerDept: Nullable(Type.String()),
  flowState: Nullable(Type.String()),
  data: RecordData,
});

const MAX_BATCH = 1000;
export const BatchBody = Type.Object(
  {
    create: Type.Optional(Type.Array(CreateBody, { minItems: 1, maxItems: MAX_BATCH })),
    update: Type.Optional(
      Type.Array(
        Type.Object(
          { id: StoredId, baseVersion: Type.Integer({ minimum: 1 }), data: RecordData },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: MAX_BATCH },
      ),
    ),
    delete: Type.Optional(Type.Array(StoredId, { minItems: 1, maxItems: MAX_BATCH, uniqueItems: true })),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    description: 'Exactly one of create, update, delete; all or nothing',
  },
);
export const BatchResponse = Type.Object({
  created: Type.Optional(Type.Array(RecordViewSchema)),
  updated: Type.Optional(Type.Array(RecordViewSchema)),
  deleted: Type.Optional(Type.Integer()),
});

/** Field keys (`f_amount`) and system field names (`createdAt`): letters, digits and `_`, never `$` or `.`. */
const FieldName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' });

export const QueryBody = Type.Object(
  {
    filter: Type.Optional(
      Type.Unsafe<Condition>(
        Type.Object(
          {},
          { additionalProperties: true, description: 'A condition {rel, cond}; checked strictly by the engine' },
        ),
      ),
    ),
    keyword: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(
      Type.Array(
        Type.Object(
          { field: FieldName, dir: Type.Union([Type.Literal('asc'), Type.Literal('desc')]) },
          { additionalProperties: false },
        ),
        { maxItems: 5 },
      ),
    ),
    fields: Type.Optional(Type.Array(FieldName, { maxItems: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    withTotal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const RecordPageSchema = Type.Object({
  items: Type.Array(RecordViewSchema),
  total: Nullable(Type.Integer()),
  nextCursor: Nullable(Type.String()),
});

export const BinQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const BinPageSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      formId: Type.String(),
      deletedAt: Type.String(),
      deletedBy: Nullable(Type.String()),
      record: RecordViewSchema,
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      recordId: Type.String(),
      version: Type.Integer(),
      action: Type.String(),
      at: Type.String(),
      by: Nullable(Type.String()),
      changes: Type.Array(
        Type.Object({ field: Type.String(), from: Type.Optional(Type.Unknown()), to: Type.Optional(Type.Unknown()) }),
      ),
    }),
  ),
});
