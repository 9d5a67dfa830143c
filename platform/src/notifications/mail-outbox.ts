import { isDuplicateKeyError, type DocumentStore, type Filter, type JobQueue } from '@formloom/model';
import nodemailer, { type Transporter } from 'nodemailer';
import { newestFirstPage, type NewestFirstPage, type NewestFirstQuery } from './newest-first-page.js';
import {
  MAIL_MAX_ATTEMPTS,
  MAIL_OUTBOX,
  MAIL_RETRY_BASE_MS,
  NOTIFICATIONS_QUEUE,
  type MailDoc,
  type MailDraft,
  type MailStatus,
  type SendMailJob,
} from './mail.types.js';

export interface MailOutboxOptions {
  store: DocumentStore;
  queue: JobQueue;
  /** null: keep mail in the outbox (status `outbox`). */
  smtpUrl: string | null;
}

/** Writes notification e-mail and, with SMTP configured, sends it from the `notifications` queue. */
export class MailOutbox {
  private transport: Transporter | null = null;
  constructor(private readonly options: MailOutboxOptions) {}

  private get mails() {
    return this.options.store.collection<MailDoc>(MAIL_OUTBOX);
  }

  get sends(): boolean {
    return this.options.smtpUrl !== null;
  }

  async ensureIndexes(): Promise<void> {
    await this.mails.createIndex({ name: 'idempotency', keys: { idempotencyKey: 1, userId: 1 }, unique: true });
    await this.mails.createIndex({ keys: { createdAt: -1 } });
    await this.mails.createIndex({ keys: { status: 1, createdAt: 1 } });
  }

  /** Stores the mail (once per key and user) and queues it when SMTP is configured. */
  async write(mail: MailDraft): Promise<void> {
    const doc: MailDoc = {
      ...mail,
      status: this.sends ? 'queued' : 'outbox',
      attempts: 0,
      lastError: null,
      sentAt: null,
    };
    try {
      await this.mails.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.mails.findOne({ _id: doc._id });
      if (existing?.status !== 'queued') return;
    }
    if (this.sends) await this.queueSend(doc._id, MAIL_MAX_ATTEMPTS);
  }

  private async queueSend(mailId: string, attempts: number): Promise<void> {
    await this.options.queue.add<SendMailJob>(
      NOTIFICATIONS_QUEUE,
      'send-mail',
      { mailId },
      {
        jobId: mailId,
        attempts,
        backoff: { type: 'exponential', delayMs: MAIL_RETRY_BASE_MS },
      },
    );
  }

  /** The job handler: sends a queued mail once; a redelivered job of a sent mail does nothing. */
  async send(mailId: string): Promise<void> {
    const mail = await this.mails.findOne({ _id: mailId });
    if (!mail || mail.status !== 'queued' || this.options.smtpUrl === null) return;
    this.transport ??= nodemailer.createTransport(this.options.smtpUrl);
    try {
      await this.transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail._id}@formloom>`,
      });
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const status: MailStatus = attempts >= MAIL_MAX_ATTEMPTS ? 'failed' : 'queued';
      await this.mails.updateOne({ _id: mailId }, { $set: { attempts, lastError: message, status } });
      if (status === 'queued') throw error;
      return;
    }
    await this.mails.updateOne(
      { _id: mailId },
      { $set: { status: 'sent', sentAt: new Date().toISOString(), lastError: null }, $inc: { attempts: 1 } },
    );
  }

  /** Re-queues mail a restart left unsent (the inline queue keeps nothing across restarts). */
  async rearm(): Promise<void> {
    if (!this.sends) return;
    for (const mail of await this.mails.find({ status: 'queued' }, { sort: { createdAt: 1 }, limit: 10_000 })) {
      await this.queueSend(mail._id, Math.max(1, MAIL_MAX_ATTEMPTS - mail.attempts));
    }
  }

  /** For the admin outbox: newest first, one page after `query.cursor`. */
  list(query: NewestFirstQuery & { status?: MailStatus }): Promise<NewestFirstPage<MailDoc>> {
    const filter: Filter = {};
    if (query.status !== undefined) filter.status = query.status;
    return newestFirstPage(this.mails, filter, query);
  }
}
