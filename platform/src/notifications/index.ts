import type { Notifier } from '@formloom/model';
import { createEgressGuard, type EgressGuard } from '../egress/index.js';
import type { FormloomApp, Services } from '../server/types.js';
import { registerInboxRoutes } from './inbox-routes.js';
import { InboxService } from './inbox-service.js';
import { MailOutbox } from './mail-outbox.js';
import { NOTIFICATIONS_QUEUE, type SendMailJob } from './mail.types.js';
import { PlatformNotifier } from './notifier.js';
import { missingRegistry, registerNotificationRouteHandlers } from './notification-routes.js';
import { WebhookDeliveries } from './webhook-deliveries.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { WEBHOOKS_QUEUE, type DeliverJob } from './webhook.types.js';

export { PlatformNotifier } from './notifier.js';
export { InboxService, toMessageView } from './inbox-service.js';
export { MailOutbox } from './mail-outbox.js';
export { WebhookDeliveries, deliveryIdOf, allowedHeaders } from './webhook-deliveries.js';
export { WebhookSecrets, type WebhookSecret } from './webhook-secrets.js';
export { signatureHeader, verifySignature, SIGNATURE_HEADER } from './webhook-signature.js';
export type { MessageView } from './inbox-schemas.js';
export { MESSAGES, type MessageDoc, type MentionMessageDoc, type NotificationMessageDoc } from './inbox.types.js';
export { MAIL_OUTBOX, NOTIFICATIONS_QUEUE, type MailDoc, type MailStatus } from './mail.types.js';
export {
  WEBHOOK_DELIVERIES,
  WEBHOOK_SECRETS,
  WEBHOOKS_QUEUE,
  type WebhookDeliveryDoc,
  type WebhookAttempt,
  type DeliveryStatus,
} from './webhook.types.js';
export { loadOutboundConfig, type OutboundConfig } from './outbound-config.js';

/** Everything behind `services.notifier`, built once per Services object. */
export interface NotificationParts {
  notifier: PlatformNotifier;
  inbox: InboxService;
  mail: MailOutbox;
  webhooks: WebhookDeliveries;
  secrets: WebhookSecrets;
  /** The egress guard every outbound request of the platform goes through. */
  egress: EgressGuard;
}

declare module '../server/types.js' {
  interface Services {
    /** The flow engine's Notifier (in-app messages, e-mail, webhooks). Use notifierOf(services). */
    notifier?: Notifier;
    notifications?: NotificationParts;
  }
}

/** The notification parts of this process, created on first use (server and worker share them in one process). */
export function notificationsOf(services: Services): NotificationParts {
  if (services.notifications) return services.notifications;
  const { store, queue, config } = services;
  const egress = createEgressGuard({ policy: config.egressPolicy });
  const secrets = new WebhookSecrets(store, config.serverSecret);
  const inbox = new InboxService(store);
  const mail = new MailOutbox({ store, queue, smtpUrl: config.smtpUrl });
  const webhooks = new WebhookDeliveries({
    store,
    queue,
    guard: egress,
    secrets,
    maxAttempts: config.webhookMaxAttempts,
    retryBaseMs: config.webhookRetryBaseMs,
  });
  const notifier = new PlatformNotifier({
    store,
    inbox,
    mail,
    webhooks,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    defaultLocale: config.defaultLocale,
  });
  services.notifications = { notifier, inbox, mail, webhooks, secrets, egress };
  services.notifier = notifier;
  return services.notifications;
}

/** `services.notifier`, created once per Services object: what the flow engine calls. */
export function notifierOf(services: Services): Notifier {
  return notificationsOf(services).notifier;
}

async function ensureIndexes(parts: NotificationParts): Promise<void> {
  await parts.inbox.ensureIndexes();
  await parts.mail.ensureIndexes();
  await parts.webhooks.ensureIndexes();
}

/**
 * Route module (after registerAppAndRecordRoutes, whose registry it uses): the bell
 * (`/api/messages…`), the admin mail outbox and, per flow, the webhook delivery log and secret.
 */
export async function registerNotificationRoutes(app: FormloomApp): Promise<void> {
  const registry = app.services.apps;
  if (!registry) throw missingRegistry();
  const parts = notificationsOf(app.services);
  parts.notifier.reportWarningsTo((message, details) => app.log.warn(details, message));
  await ensureIndexes(parts);
  registerInboxRoutes(app, parts.inbox);
  registerNotificationRouteHandlers(app, {
    registry,
    mail: parts.mail,
    webhooks: parts.webhooks,
    secrets: parts.secrets,
  });
}

/**
 * Worker module: sends queued e-mail (`notifications` queue) and delivers webhooks (`webhooks`
 * queue, retried by the queue with exponential backoff), and re-queues what a restart left pending.
 */
export async function registerNotificationWorker(services: Services): Promise<void> {
  const parts = notificationsOf(services);
  await ensureIndexes(parts);
  await services.queue.process<SendMailJob>(NOTIFICATIONS_QUEUE, (job) => parts.mail.send(job.data.mailId), {
    concurrency: 2,
  });
  await services.queue.process<DeliverJob>(WEBHOOKS_QUEUE, (job) => parts.webhooks.attempt(job.data.deliveryId), {
    concurrency: 4,
  });
  services.queue.onFailed(({ job, error, final }) => {
    if (!final || job.queue !== WEBHOOKS_QUEUE) return;
    const { deliveryId } = job.data as DeliverJob;
    void parts.webhooks.giveUp(deliveryId, error.message).catch(() => undefined);
  });
  await parts.mail.rearm();
  await parts.webhooks.rearm();
}
