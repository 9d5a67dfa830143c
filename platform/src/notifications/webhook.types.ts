import type { Doc } from '@formloom/model';

/** Webhook deliveries (`webhook_deliveries`), one per idempotencyKey, with every attempt. */
export const WEBHOOK_DELIVERIES = 'webhook_deliveries';
/** Per-flow signing secrets (`webhook_secrets`, `_id` = flowId), encrypted with a key derived from SERVER_SECRET. */
export const WEBHOOK_SECRETS = 'webhook_secrets';
export const WEBHOOKS_QUEUE = 'webhooks';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookAttempt {
  /** 1-based. */
  attempt: number;
  at: string;
  /** The receiver's HTTP status, or null when no answer came (refused, timeout, blocked). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The first 500 characters of the answer. */
  response: string | null;
}

export interface WebhookDeliveryDoc extends Doc {
  idempotencyKey: string;
  flowId: string;
  instanceId: string;
  nodeId: string;
  url: string;
  /** Extra request headers from the flow (sent as is; the log shows their names only). */
  headers: Record<string, string>;
  /** The JSON body, fixed when the delivery was recorded: every retry sends the same bytes. */
  body: string;
  status: DeliveryStatus;
  attempts: WebhookAttempt[];
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export interface WebhookSecretDoc extends Doc {
  /** `v1:<iv>:<tag>:<ciphertext>` (AES-256-GCM, base64url). */
  sealed: string;
  createdAt: string;
  rotatedAt: string | null;
}

export interface DeliverJob {
  deliveryId: string;
}

/** Largest webhook body (bytes). */
export const WEBHOOK_BODY_MAX_BYTES = 256 * 1024;
