import { api } from '../api/client';

/** The webhook admin calls (platform/src/notifications/README.md): per flow, for its app's managers. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The first 500 characters of the answer. */
  response: string | null;
}

export interface WebhookDelivery {
  id: string;
  idempotencyKey: string;
  flowId: string;
  instanceId: string;
  nodeId: string;
  url: string;
  headerNames: string[];
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookSecret {
  flowId: string;
  secret: string;
  createdAt: string;
  rotatedAt: string | null;
}

export interface FlowListItem {
  id: string;
  appId: string;
  name: string;
  mode: 'process' | 'automation';
  publishedVersion: number | null;
  enabled: boolean;
}

const DELIVERY_PAGE = 50;
const enc = encodeURIComponent;

export const appFlows = (appId: string) => api<{ items: FlowListItem[] }>('GET', `/api/apps/${enc(appId)}/flows`);

/** The app a flow belongs to (for links that name only the flow, like the designer's). */
export const flowAppId = (flowId: string) =>
  api<{ appId: string }>('GET', `/api/flows/${enc(flowId)}`).then((flow) => flow.appId);

/** One page, newest first; pass the previous page's `nextCursor` for the next one. */
export function webhookDeliveries(flowId: string, status: DeliveryStatus | undefined, cursor?: string) {
  const search = new URLSearchParams({ limit: String(DELIVERY_PAGE) });
  if (status) search.set('status', status);
  if (cursor) search.set('cursor', cursor);
  return api<{ items: WebhookDelivery[]; nextCursor: string | null }>(
    'GET',
    `/api/flows/${enc(flowId)}/webhook-deliveries?${search.toString()}`,
  );
}

export const retryDelivery = (flowId: string, deliveryId: string) =>
  api<WebhookDelivery>('POST', `/api/flows/${enc(flowId)}/webhook-deliveries/${enc(deliveryId)}/retry`);

export const webhookSecret = (flowId: string) => api<WebhookSecret>('GET', `/api/flows/${enc(flowId)}/webhook-secret`);

export const rotateWebhookSecret = (flowId: string) =>
  api<WebhookSecret>('POST', `/api/flows/${enc(flowId)}/webhook-secret/rotate`);
