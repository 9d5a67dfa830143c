import type { Readable } from 'node:stream';
import { Type } from '@fastify/type-provider-typebox';
import { StoredId } from '../apps/app-schemas.js';
import { QueryBody } from '../records/record-schemas.js';
import { Nullable } from '../server/schemas.js';

/** Schemas of the Excel export and import routes. */
export const FormParams = Type.Object({ formId: StoredId });
export const ImportParams = Type.Object({ id: StoredId });

/** The table's current view: the same filter, keyword, sort and field choice as a records query. */
export const ExportBody = Type.Object(
  {
    ...Type.Pick(QueryBody, ['filter', 'keyword', 'sort', 'fields']).properties,
    /** The language of the columns the workbook adds (created/updated at); default English. */
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN')])),
  },
  { additionalProperties: false },
);

/** A streamed .xlsx (documented as binary; never serialized). */
export const XlsxResponse = Type.Unsafe<Readable>(
  Type.String({ format: 'binary', description: 'An Excel workbook (.xlsx)' }),
);

export const ImportCreated = Type.Object({ importId: Type.String() });

export const StartBody = Type.Object(
  {
    mapping: Type.Record(Type.String({ pattern: '^[0-9]{1,4}$' }), Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), {
      description: 'Column index (0-based, as in `columns`) → field key; unmapped columns are ignored',
    }),
  },
  { additionalProperties: false },
);

export const ImportStatus = Type.Object({
  id: Type.String(),
  formId: Type.String(),
  fileName: Type.String(),
  state: Type.Union(
    [
      Type.Literal('reading'),
      Type.Literal('ready'),
      Type.Literal('running'),
      Type.Literal('done'),
      Type.Literal('failed'),
    ],
    { description: 'reading the file → ready for a mapping → running → done (or failed)' },
  ),
  total: Nullable(Type.Integer({ description: 'Data rows in the file; null while reading' })),
  processed: Type.Integer(),
  created: Type.Integer(),
  failed: Type.Integer(),
  errors: Type.Array(
    Type.Object({ row: Type.Integer(), field: Type.String(), rule: Type.String(), message: Type.String() }),
    { description: 'The first 200 row errors (all are in errors.xlsx)' },
  ),
  columns: Type.Array(Type.Object({ index: Type.Integer(), header: Type.String() })),
  mapping: Nullable(Type.Record(Type.String(), Type.String())),
  message: Nullable(Type.String({ description: 'Why the import failed as a whole' })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
