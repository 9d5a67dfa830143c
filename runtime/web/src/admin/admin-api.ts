import { api } from '../api/client';

/** The admin-only reads of the notifications module (platform/src/notifications/README.md). */
export type MailStatus = 'outbox' | 'queued' | 'sent' | 'failed';

export interface Mail {
  id: string;
  to: string;
  userId: string;
  subject: string;
  text: string;
  category: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One page, newest first; pass the previous page's `nextCursor` for the next one. */
export function mailOutbox(status: MailStatus | undefined, cursor?: string) {
  const search = new URLSearchParams({ limit: '50' });
  if (status) search.set('status', status);
  if (cursor) search.set('cursor', cursor);
  return api<{ items: Mail[]; nextCursor: string | null }>('GET', `/api/admin/mail-outbox?${search.toString()}`);
}
