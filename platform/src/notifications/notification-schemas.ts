import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';

/** Paging of the newest-first lists: `cursor` (nextCursor of the previous page), or the older `before`. */
export const NewestFirstParams = {
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 4096, description: 'nextCursor of the previous page (opaque)' }),
  ),
  before: Type.Optional(
    Type.String({ format: 'date-time', description: 'Deprecated, use cursor: rows created before this time' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
};

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const FlowParams = Type.Object({ flowId: Id });
export const DeliveryParams = Type.Object({ flowId: Id, deliveryId: Id });

export const OutboxQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(['outbox', 'queued', 'sent', 'failed'].map((s) => Type.Literal(s)))),
    ...NewestFirstParams,
  },
  { additionalProperties: false },
);

export const MailViewSchema = Type.Object(
  {
    id: Type.String(),
    to: Type.String(),
    userId: Type.String(),
    subject: Type.String(),
    text: Type.String(),
    category: Type.String(),
    status: Type.String(),
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    createdAt: Type.String(),
    sentAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export const MailListSchema = Type.Object({ items: Type.Array(MailViewSchema), nextCursor: Nullable(Type.String()) });

export const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(['pending', 'delivered', 'failed'].map((s) => Type.Literal(s)))),
    ...NewestFirstParams,
  },
  { additionalProperties: false },
);
export type DeliveriesQueryInput = Static<typeof DeliveriesQuery>;

export const AttemptSchema = Type.Object(
  {
    attempt: Type.Integer(),
    at: Type.String(),
    statusCode: Nullable(Type.Integer()),
    error: Nullable(Type.String()),
    durationMs: Type.Integer(),
    response: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const DeliveryViewSchema = Type.Object(
  {
    id: Type.String(),
    idempotencyKey: Type.String(),
    flowId: Type.String(),
    instanceId: Type.String(),
    nodeId: Type.String(),
    url: Type.String(),
    /** Names only: values may hold credentials. */
    headerNames: Type.Array(Type.String()),
    body: Type.String(),
    status: Type.String(),
    attempts: Type.Array(AttemptSchema),
    maxAttempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    deliveredAt: Nullable(Type.String()),
    /** Pending after a failed try: when the backoff should try again (approximate). */
    nextAttemptAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export const DeliveryListSchema = Type.Object({
  items: Type.Array(DeliveryViewSchema),
  nextCursor: Nullable(Type.String()),
});

export const WebhookSecretSchema = Type.Object(
  {
    flowId: Type.String(),
    /** Sign-check key for receivers: HMAC-SHA256 over `${t}.${body}`. */
    secret: Type.String(),
    createdAt: Type.String(),
    rotatedAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
