import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../server/schemas.js';
import { NewestFirstParams } from './notification-schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const MessageParams = Type.Object({ id: Id });

export const MessageViewSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal('mention'), Type.Literal('notification')]),
    /** 'mention' for mentions; the notifier's category otherwise. */
    category: Type.String(),
    /** Plain text (render as text); null for mentions (clients word them in the user's language). */
    title: Nullable(Type.String()),
    body: Nullable(Type.String()),
    link: Nullable(Type.String()),
    formId: Type.Optional(Type.String()),
    recordId: Type.Optional(Type.String()),
    commentId: Type.Optional(Type.String()),
    /** A default template's key and params (`<key>.subject` / `<key>.body`): word title and body in the reader's language. */
    i18n: Type.Optional(
      Type.Object({
        key: Type.String(),
        params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
      }),
    ),
    at: Type.String({ format: 'date-time' }),
    readAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type MessageView = Static<typeof MessageViewSchema>;

export const MessagesQuery = Type.Object(
  {
    unread: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1 = only unread' })),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' })),
    /** Paging: `cursor` = the previous page's nextCursor (older clients: `before` = the last item's `at`). */
    ...NewestFirstParams,
  },
  { additionalProperties: false },
);
export type MessagesQueryInput = Static<typeof MessagesQuery>;

export const MessageListSchema = Type.Object({
  items: Type.Array(MessageViewSchema),
  unreadCount: Type.Integer({ minimum: 0 }),
  /** The next (older) page's `cursor`; null on the last page. */
  nextCursor: Nullable(Type.String()),
});
export const UnreadCountSchema = Type.Object({ count: Type.Integer({ minimum: 0 }) });
export const ReadAllSchema = Type.Object({ updated: Type.Integer({ minimum: 0 }) });
