import { FormloomError } from '@formloom/model';
import type { AppRegistry } from '../apps/app-registry.js';
import type { FormloomApp } from '../server/types.js';
import { requireFlowManager } from './flow-access.js';
import type { MailOutbox } from './mail-outbox.js';
import type { MailDoc, MailStatus } from './mail.types.js';
import {
  DeliveryParams,
  DeliveriesQuery,
  DeliveryListSchema,
  DeliveryViewSchema,
  FlowParams,
  MailListSchema,
  OutboxQuery,
  WebhookSecretSchema,
} from './notification-schemas.js';
import type { WebhookDeliveries } from './webhook-deliveries.js';
import type { WebhookSecrets } from './webhook-secrets.js';
import type { DeliveryStatus, WebhookDeliveryDoc } from './webhook.types.js';

function toMailView(doc: MailDoc) {
  return {
    id: doc._id,
    to: doc.to,
    userId: doc.userId,
    subject: doc.subject,
    text: doc.text,
    category: doc.category,
    status: doc.status,
    attempts: doc.attempts,
    lastError: doc.lastError,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt,
  };
}

function toDeliveryView(doc: WebhookDeliveryDoc, webhooks: WebhookDeliveries) {
  return {
    id: doc._id,
    idempotencyKey: doc.idempotencyKey,
    flowId: doc.flowId,
    instanceId: doc.instanceId,
    nodeId: doc.nodeId,
    url: doc.url,
    headerNames: Object.keys(doc.headers),
    body: doc.body,
    status: doc.status,
    attempts: doc.attempts,
    maxAttempts: doc.maxAttempts,
    lastError: doc.lastError,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deliveredAt: doc.deliveredAt,
    nextAttemptAt: webhooks.nextAttemptAt(doc),
  };
}

export interface NotificationRouteDeps {
  registry: AppRegistry;
  mail: MailOutbox;
  webhooks: WebhookDeliveries;
  secrets: WebhookSecrets;
}

/** Admin mail outbox; per flow: webhook delivery log and signing secret (app managers). */
export function registerNotificationRouteHandlers(app: FormloomApp, deps: NotificationRouteDeps): void {
  const store = app.services.store;
  const flowManager = async (request: {
    principal: Parameters<typeof requireFlowManager>[2];
    params: { flowId: string };
  }) => requireFlowManager(store, deps.registry, request.principal, request.params.flowId);

  app.get(
    '/api/admin/mail-outbox',
    {
      config: { access: { permission: 'admin' } },
      schema: {
        tags: ['notifications'],
        summary:
          'Notification e-mail, newest first (page on with `cursor` = nextCursor): kept here when SMTP_URL is not set, with send status when it is',
        querystring: OutboxQuery,
        response: { 200: MailListSchema },
      },
    },
    async (request) => {
      const { status, ...page } = request.query;
      const { docs, nextCursor } = await deps.mail.list({ status: status as MailStatus | undefined, ...page });
      return { items: docs.map(toMailView), nextCursor };
    },
  );

  app.get(
    '/api/flows/:flowId/webhook-deliveries',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags: ['webhooks'],
        summary:
          "The flow's webhook deliveries, newest first (page on with `cursor` = nextCursor), with every attempt (managers of the flow's app)",
        params: FlowParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveryListSchema },
      },
    },
    async (request) => {
      await flowManager(request);
      const { status, ...page } = request.query;
      const { docs, nextCursor } = await deps.webhooks.list(request.params.flowId, {
        status: status as DeliveryStatus | undefined,
        ...page,
      });
      return { items: docs.map((doc) => toDeliveryView(doc, deps.webhooks)), nextCursor };
    },
  );

  app.post(
    '/api/flows/:flowId/webhook-deliveries/:deliveryId/retry',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags: ['webhooks'],
        summary: 'Try a failed delivery once more, now, with the same body and key (managers of the flow’s app)',
        params: DeliveryParams,
        response: { 200: DeliveryViewSchema },
      },
    },
    async (request) => {
      await flowManager(request);
      const doc = await deps.webhooks.retryNow(request.params.flowId, request.params.deliveryId);
      return toDeliveryView(doc, deps.webhooks);
    },
  );

  app.get(
    '/api/flows/:flowId/webhook-secret',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags: ['webhooks'],
        summary: "The flow's webhook signing secret (created on first use; managers of the flow's app)",
        params: FlowParams,
        response: { 200: WebhookSecretSchema },
      },
    },
    async (request, reply) => {
      await flowManager(request);
      void reply.header('cache-control', 'no-store');
      return deps.secrets.get(request.params.flowId);
    },
  );

  app.post(
    '/api/flows/:flowId/webhook-secret/rotate',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags: ['webhooks'],
        summary: 'Replace the signing secret; deliveries and retries from now on use the new one',
        params: FlowParams,
        response: { 200: WebhookSecretSchema },
      },
    },
    async (request, reply) => {
      await flowManager(request);
      void reply.header('cache-control', 'no-store');
      return deps.secrets.rotate(request.params.flowId);
    },
  );
}

export function missingRegistry(): FormloomError {
  return new FormloomError(
    'INTERNAL',
    'registerNotificationRoutes needs registerAppAndRecordRoutes registered before it',
  );
}
