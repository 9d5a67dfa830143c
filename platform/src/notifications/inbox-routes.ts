import { notFound } from '@formloom/model';
import type { FormloomApp } from '../server/types.js';
import {
  MessageListSchema,
  MessageParams,
  MessagesQuery,
  MessageViewSchema,
  ReadAllSchema,
  UnreadCountSchema,
} from './inbox-schemas.js';
import type { InboxService } from './inbox-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['messages'];

/** The bell: the signed-in user's own messages only (mentions and notifications). */
export function registerInboxRoutes(app: FormloomApp, inbox: InboxService): void {
  app.get(
    '/api/messages',
    {
      config: user,
      schema: {
        tags,
        summary:
          "The caller's messages, newest first (`unread=1`: only unread; `category`; page on with `cursor` = nextCursor)",
        querystring: MessagesQuery,
        response: { 200: MessageListSchema },
      },
    },
    async (request) => {
      const userId = request.principal.userId;
      if (userId === null) return { items: [], unreadCount: 0, nextCursor: null };
      const [page, unreadCount] = await Promise.all([inbox.list(userId, request.query), inbox.unreadCount(userId)]);
      return { ...page, unreadCount };
    },
  );

  app.get(
    '/api/messages/unread-count',
    {
      config: user,
      schema: { tags, summary: "How many of the caller's messages are unread", response: { 200: UnreadCountSchema } },
    },
    async (request) => {
      const userId = request.principal.userId;
      return { count: userId === null ? 0 : await inbox.unreadCount(userId) };
    },
  );

  app.post(
    '/api/messages/read-all',
    { config: user, schema: { tags, summary: 'Mark all your messages read', response: { 200: ReadAllSchema } } },
    async (request) => {
      const userId = request.principal.userId;
      return { updated: userId === null ? 0 : await inbox.markAllRead(userId) };
    },
  );

  app.post(
    '/api/messages/:id/read',
    {
      config: user,
      schema: {
        tags,
        summary: 'Mark one of your messages read',
        params: MessageParams,
        response: { 200: MessageViewSchema },
      },
    },
    async (request) => {
      const userId = request.principal.userId;
      if (userId === null) throw notFound('Message');
      return inbox.markRead(userId, request.params.id);
    },
  );
}
