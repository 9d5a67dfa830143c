/**
 * The platform's Notifier (the port in @formloom/model): in-app messages always, e-mail when
 * asked (SMTP or the outbox), webhooks through WebhookDeliveries. Templates are rendered here,
 * in the engine's isolated handlebars environments; a template that cannot be rendered still
 * reaches people, with a note instead of the broken text.
 */
import { createHash } from 'node:crypto';
import type { DocumentStore, NotificationRequest, Notifier, WebhookRequest } from '@formloom/model';
import {
  isServerMessageKey,
  messageParams,
  nodeKindName,
  SERVER_MESSAGES,
  type MessageLanguage,
} from '@formloom/engine/messages';
import { renderTemplate } from '@formloom/engine/templates';
import { USERS, type UserDoc } from '../auth/users.js';
import type { InboxService } from './inbox-service.js';
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH, type NotificationMessageDoc } from './inbox.types.js';
import type { MailOutbox } from './mail-outbox.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';

export interface PlatformNotifierOptions {
  store: DocumentStore;
  inbox: InboxService;
  mail: MailOutbox;
  webhooks: WebhookDeliveries;
  publicUrl: string;
  mailFrom: string;
  /** The language of recipients who never chose one. */
  defaultLocale: MessageLanguage;
}

export type NotifierWarning = (message: string, details: Record<string, unknown>) => void;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function idFor(kind: string, idempotencyKey: string, userId: string): string {
  return `${kind}_${createHash('sha256').update(`${idempotencyKey}\u0000${userId}`).digest('hex').slice(0, 32)}`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export class PlatformNotifier implements Notifier {
  private warn: NotifierWarning | null = null;

  constructor(private readonly options: PlatformNotifierOptions) {}

  /** Where templates that could not be rendered are reported (the server's log). */
  reportWarningsTo(warn: NotifierWarning): void {
    this.warn = warn;
  }

  /** `/tasks/1` → `https://host/tasks/1`; absolute http(s) links are kept; anything else is dropped. */
  absoluteLink(link: string | undefined): string | null {
    if (link === undefined || link === '') return null;
    if (link.startsWith('/') && !link.startsWith('//')) return `${this.options.publicUrl}${link}`;
    try {
      const url = new URL(link);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  private render(source: string, data: Record<string, unknown>, request: NotificationRequest, field: string): string {
    try {
      return renderTemplate(source, data, { format: 'text', path: field });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.warn?.('Notification template could not be rendered', {
        idempotencyKey: request.idempotencyKey,
        field,
        error: message,
      });
      return `[The ${field} template could not be rendered: ${message}]`;
    }
  }

  /**
   * Subject and body of a built-in default template in `lang` (rendered with the isolated
   * renderer), or null when the request has none (people's templates stay as written).
   */
  private builtinTexts(request: NotificationRequest, lang: MessageLanguage): { subject: string; body: string } | null {
    const builtin = request.builtin;
    if (!builtin) return null;
    const subjectKey = `${builtin.key}.subject`;
    const bodyKey = `${builtin.key}.body`;
    if (!isServerMessageKey(subjectKey) || !isServerMessageKey(bodyKey)) return null;
    const params = messageParams(builtin.params, (kind) => nodeKindName(kind, lang));
    return {
      subject: this.render(SERVER_MESSAGES[lang][subjectKey], params, request, 'subject'),
      body: this.render(SERVER_MESSAGES[lang][bodyKey], params, request, 'body'),
    };
  }

  async notify(request: NotificationRequest): Promise<void> {
    const recipients = [...new Set(request.recipientIds)];
    if (recipients.length === 0) return;
    const link = this.absoluteLink(request.link);
    // The request's link (made absolute) unless the data carries its own.
    const data = { ...request.data, link: request.data.link ?? link };
    const title = cut(this.render(request.subject, data, request, 'subject').trim(), TITLE_MAX_LENGTH);
    const body = cut(this.render(request.body, data, request, 'body'), BODY_MAX_LENGTH);
    const at = new Date().toISOString();

    if (request.channels.includes('inapp')) {
      const messages: NotificationMessageDoc[] = recipients.map((userId) => ({
        _id: idFor('msg', request.idempotencyKey, userId),
        userId,
        kind: 'notification',
        category: request.category,
        title,
        body,
        link,
        idempotencyKey: request.idempotencyKey,
        ...(request.builtin ? { i18n: request.builtin } : {}),
        at,
        readAt: null,
      }));
      await this.options.inbox.deliver(messages);
    }

    if (request.channels.includes('email')) {
      const users = await this.options.store
        .collection<UserDoc>(USERS)
        .find({ _id: { $in: recipients }, enabled: true }, { projection: { _id: 1, email: 1, locale: 1 } });
      const byLanguage = new Map<MessageLanguage, { subject: string; body: string }>();
      for (const user of users) {
        if (typeof user.email !== 'string' || user.email === '') continue;
        // Default templates in the recipient's language; people's templates as written.
        const lang = user.locale ?? this.options.defaultLocale;
        let texts = byLanguage.get(lang);
        if (!texts) {
          const builtin = this.builtinTexts(request, lang);
          texts = builtin
            ? { subject: cut(builtin.subject.trim(), TITLE_MAX_LENGTH), body: cut(builtin.body, BODY_MAX_LENGTH) }
            : { subject: title, body };
          byLanguage.set(lang, texts);
        }
        const html = this.emailHtml(texts.body, link);
        const text = link ? `${texts.body}\n\n${link}` : texts.body;
        await this.options.mail.write({
          _id: idFor('mail', request.idempotencyKey, user._id),
          idempotencyKey: request.idempotencyKey,
          userId: user._id,
          to: user.email,
          from: this.options.mailFrom,
          subject: texts.subject.replace(/[\r\n]+/g, ' '),
          text,
          html,
          category: request.category,
          createdAt: at,
        });
      }
    }
  }

  /** The HTML part of an e-mail: the plain-text body escaped (template text included), kept in its lines. */
  private emailHtml(body: string, link: string | null): string {
    const button = link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : '';
    return `<div style="white-space:pre-wrap;font-family:sans-serif">${escapeHtml(body)}</div>${button}`;
  }

  sendWebhook(request: WebhookRequest): Promise<void> {
    return this.options.webhooks.record(request);
  }
}
