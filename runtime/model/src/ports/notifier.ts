/**
 * Notifier port: how the flow engine (and anything else in the engine) reaches people and
 * other systems. Implemented in platform/ (in-app messages, e-mail through SMTP or the
 * embedded outbox, webhooks through the one egress guard with HMAC signatures, retries and a
 * delivery log). The engine never renders or sends itself: it passes templates and data.
 *
 * Both calls must be idempotent on `idempotencyKey`: a redelivered flow step that calls them
 * again must not send twice (a webhook retried after a failure keeps the same key, which is
 * also sent to the receiver in the `Idempotency-Key` header).
 */
export interface NotificationRequest {
  idempotencyKey: string;
  recipientIds: string[];
  channels: Array<'inapp' | 'email'>;
  /** Handlebars templates, rendered by the notifier in its isolated environment. */
  subject: string;
  body: string;
  /** Template data: e.g. { record, task, instance, link }. Rendered as text, never as code. */
  data: Record<string, unknown>;
  /** Path inside the player the message links to (e.g. `/tasks/<id>`). */
  link?: string;
  /** For grouping and the UI: 'task', 'reminder', 'flow', 'mention', … */
  category: string;
  /**
   * A built-in default template (`@formloom/engine/messages`: `<key>.subject`, `<key>.body`)
   * with its params: the notifier writes it in each recipient's language (e-mail) and stores
   * the key with the in-app message for the player to word; `subject`/`body` are then its
   * English texts. Absent for templates people wrote (notify nodes): those stay as written.
   */
  builtin?: { key: string; params: Record<string, string | number | boolean | null> };
}

export interface WebhookRequest {
  idempotencyKey: string;
  url: string;
  /** A handlebars template producing the JSON body; when absent `payload` is sent as is. */
  bodyTemplate?: string;
  payload: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Which flow step asked for it (for the delivery log). */
  source: { flowId: string; instanceId: string; nodeId: string };
}

export interface Notifier {
  /** Stores the in-app messages and queues e-mail; resolves when durably recorded. */
  notify(request: NotificationRequest): Promise<void>;
  /** Records the delivery and queues it (retries with backoff); resolves when durably queued. */
  sendWebhook(request: WebhookRequest): Promise<void>;
}
