import { Type } from '@fastify/type-provider-typebox';
import type { FormDefinition } from '@formloom/model';
import { RecordData } from '../records/record-schemas.js';

/** Schemas of the public-link routes (anonymous filling) and of their management by form managers. */

export const PublicTokenParams = Type.Object({
  token: Type.String({ minLength: 32, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
});
export const PublicFileParams = Type.Object({
  token: PublicTokenParams.properties.token,
  blobId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

const PublicDefinitionSchema = Type.Unsafe<FormDefinition>(
  Type.Object(
    {
      schema: Type.Object({}, { additionalProperties: true }),
      uiSchema: Type.Object({}, { additionalProperties: true }),
      fields: Type.Object({}, { additionalProperties: true }),
    },
    { additionalProperties: false, description: 'The published definition without fields a public filler cannot fill' },
  ),
);

/** Everything the public page gets: the form's name, its published version number and the fillable definition. */
export const PublicFormSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    definition: PublicDefinitionSchema,
    /** Whether the form takes files (then `POST …/files` accepts uploads). */
    takesFiles: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const PublicSubmitBody = Type.Object(
  {
    /** Field values; checked by the engine exactly like a signed-in create. */
    data: RecordData,
  },
  { additionalProperties: false },
);

export const PublicSubmitted = Type.Object(
  { id: Type.String(), createdAt: Type.String() },
  { additionalProperties: false },
);

export const PublicUploadedSchema = Type.Object(
  { blobId: Type.String(), name: Type.String(), size: Type.Integer(), type: Type.String() },
  { additionalProperties: false },
);
