import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';
import { COMMENT_MAX_LENGTH, MENTIONS_MAX } from './comment.types.js';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const CommentParams = Type.Object({ formId: Id, id: Id });
export const OneCommentParams = Type.Object({ formId: Id, id: Id, commentId: Id });

export const CommentBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: COMMENT_MAX_LENGTH, description: 'Plain text' }),
    mentions: Type.Array(Id, { maxItems: MENTIONS_MAX, uniqueItems: true, default: [] }),
  },
  { additionalProperties: false },
);
export type CommentInput = Static<typeof CommentBody>;

export const CommentViewSchema = Type.Object(
  {
    id: Type.String(),
    formId: Type.String(),
    recordId: Type.String(),
    body: Type.String(),
    mentions: Type.Array(Type.String()),
    by: Nullable(Type.String()),
    at: Type.String({ format: 'date-time' }),
    editedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CommentView = Static<typeof CommentViewSchema>;

export const CommentListSchema = Type.Object({ items: Type.Array(CommentViewSchema) });
