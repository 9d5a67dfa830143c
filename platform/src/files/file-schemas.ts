import type { Readable } from 'node:stream';
import { Type } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';

/** Schemas of the `/api/files` routes. */
export const BlobIdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

/** What an upload returns; `{blobId, name, size, type}` is exactly a file field's value item. */
export const UploadedFileSchema = Type.Object({
  blobId: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  type: Type.String({ description: 'The media type found in the content' }),
  sha256: Type.String(),
  createdAt: Type.String(),
  createdBy: Nullable(Type.String()),
});

/** A streamed file body (documented as binary; never serialized). */
export const BinaryResponse = Type.Unsafe<Readable>(Type.String({ format: 'binary', description: 'The file content' }));

export const DownloadQuery = Type.Object(
  {
    inline: Type.Optional(
      Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '1: show raster images inline' }),
    ),
  },
  { additionalProperties: false },
);
