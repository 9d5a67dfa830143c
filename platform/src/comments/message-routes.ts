import { notFound } from '@formloom/model';
import type { FormloomApp } from '../server/types.js';
import { MessageListSchema, MessageParams, MessagesQuery, MessageViewSchema } from './comment-schemas.js';
import type { MessageService } from './message-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['messages'];

/** `GET /api/messages` and `POST /api/messages/:id/read`: the signed-in user's own messages only. */
export function registerMessageRouteHandlers(app: FormloomApp, messages: MessageService): void {
  app.get(
    '/api/messages',
    {
      config: user,
      schema: {
        tags,
        summary: "The caller's messages, newest first (`unread=1`: only unread ones)",
        querystring: MessagesQuery,
        response: { 200: MessageListSchema },
      },
    },
    async (request) => {
      const userId = request.principal.userId;
      if (userId === null) return { items: [] };
      const { unread, limit } = request.query;
      return { items: await messages.list(userId, { unreadOnly: unread === '1', limit }) };
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
      return messages.markRead(userId, request.params.id);
    },
  );
}
