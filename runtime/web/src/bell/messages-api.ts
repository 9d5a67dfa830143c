import { api } from '../api/client';
import { polledValue } from '../api/polled-value';
import type { ServerText } from '../i18n/server-text';

/** The in-app messages behind the bell (platform/src/notifications/README.md). */
export interface Message {
  id: string;
  kind: 'mention' | 'notification';
  category: string;
  title: string | null;
  body: string | null;
  link: string | null;
  formId?: string;
  recordId?: string;
  commentId?: string;
  /** A default template's key (`<key>.subject` / `<key>.body`) and params: title and body in the reader's language. */
  i18n?: ServerText;
  at: string;
  readAt: string | null;
}

/** The newest 30 messages; `nextCursor` (null on the last page) is the `cursor` of the next, older page. */
export const listMessages = (onlyUnread: boolean) =>
  api<{ items: Message[]; unreadCount: number; nextCursor: string | null }>(
    'GET',
    `/api/messages?limit=30${onlyUnread ? '&unread=1' : ''}`,
  );
export const markRead = (id: string) =>
  api<{ updated: number }>('POST', `/api/messages/${encodeURIComponent(id)}/read`);
export const markAllRead = () => api<{ updated: number }>('POST', '/api/messages/read-all');

/** The unread count on the bell: polled every 30 s and on focus. */
export const unreadCountValue = polledValue(
  async () => (await api<{ count: number }>('GET', '/api/messages/unread-count')).count,
);
