import type { Doc } from '@formloom/model';

/**
 * Notification e-mail (`mail_outbox`): every e-mail the platform writes, sent or not. Without
 * SMTP_URL the documents stay with status `outbox` for admins to read; with it they are
 * `queued` until the `notifications` queue sends them (`sent`) or gives up (`failed`).
 */
export const MAIL_OUTBOX = 'mail_outbox';
export const NOTIFICATIONS_QUEUE = 'notifications';

export type MailStatus = 'outbox' | 'queued' | 'sent' | 'failed';

/** What the notifier writes; the outbox adds the delivery state. */
export interface MailDraft {
  _id: string;
  idempotencyKey: string;
  userId: string;
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  category: string;
  createdAt: string;
}

export interface MailDoc extends Doc, MailDraft {
  status: MailStatus;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface SendMailJob {
  mailId: string;
}

export const MAIL_MAX_ATTEMPTS = 5;
export const MAIL_RETRY_BASE_MS = 30_000;
