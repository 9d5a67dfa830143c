import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';

/**
 * Schemas shared by every route module. Import `Type` from '@fastify/type-provider-typebox'
 * (TypeBox 1.x, the version the type provider infers from), not from '@sinclair/typebox'.
 */
export const ErrorDetailSchema = Type.Object(
  {
    path: Type.String({ description: 'Where the problem is, e.g. `body.username` or `data.f_amount`' }),
    rule: Type.String({ description: 'The rule that failed, e.g. `required`, `type`, `unique`' }),
    message: Type.String(),
  },
  { $id: 'ErrorDetail' },
);

/** The one error shape of every 4xx/5xx answer. Extra fields (e.g. `current` on a version conflict) may be present. */
export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, UNAUTHORIZED' }),
        message: Type.String(),
        details: Type.Array(Type.Unsafe<Static<typeof ErrorDetailSchema>>({ $ref: 'ErrorDetail#' })),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorResponse', description: 'Error' },
);

export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** `{ $ref: 'ErrorResponse#' }`, for response maps. The error handler adds it to every route as `4xx`/`5xx`. */
export const ErrorResponseRef = Type.Unsafe<ErrorResponse>({ $ref: 'ErrorResponse#' });

export const OkSchema = Type.Object({ ok: Type.Literal(true) });

/** Path parameter `:id` holding a stored id (generated ids and the built-in role ids). */
export const IdParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

/** Offset pagination used by admin lists. */
export const PageQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
