/**
 * Webhook deliveries: recorded once per idempotencyKey with the body fixed, queued on
 * `webhooks` (job id = delivery id), sent through the egress guard with the HMAC signature
 * and the same `Idempotency-Key` on every try, retried with exponential backoff on
 * 408/425/429/5xx and network errors, and logged attempt by attempt.
 */
import { createHash } from 'node:crypto';
import {
  conflict,
  isDuplicateKeyError,
  notFound,
  type DocumentStore,
  type Filter,
  type JobQueue,
  type WebhookRequest,
} from '@formloom/model';
import { renderJsonTemplate, toPlainData } from '@formloom/engine/templates';
import { isEgressBlockedError, type EgressGuard, type EgressResponse } from '../egress/index.js';
import { newestFirstPage, type NewestFirstPage, type NewestFirstQuery } from './newest-first-page.js';
import { signatureHeader, SIGNATURE_HEADER } from './webhook-signature.js';
import type { WebhookSecrets } from './webhook-secrets.js';
import {
  WEBHOOK_BODY_MAX_BYTES,
  WEBHOOK_DELIVERIES,
  WEBHOOKS_QUEUE,
  type DeliverJob,
  type DeliveryStatus,
  type WebhookAttempt,
  type WebhookDeliveryDoc,
} from './webhook.types.js';

export interface WebhookDeliveriesOptions {
  store: DocumentStore;
  queue: JobQueue;
  guard: EgressGuard;
  secrets: WebhookSecrets;
  maxAttempts: number;
  retryBaseMs: number;
  /** Per try, including redirects. */
  timeoutMs?: number;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);
/** Headers a flow cannot set: the transport's and ours. */
const RESERVED_HEADER =
  /^(host|content-length|content-type|transfer-encoding|connection|keep-alive|upgrade|te|trailer|expect|idempotency-key|user-agent|x-formloom-.*)$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export function deliveryIdOf(idempotencyKey: string): string {
  return `wh_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** The flow's extra headers that may be sent: valid names, no reserved ones, no line breaks, at most 20. */
export function allowedHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}).slice(0, 20)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADER.test(name)) continue;
    if (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > 4000) continue;
    kept[name.toLowerCase()] = value;
  }
  return kept;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Thrown by the job handler so the queue retries after its backoff. */
class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRetryLater';
  }
}

export class WebhookDeliveries {
  constructor(private readonly options: WebhookDeliveriesOptions) {}

  private get deliveries() {
    return this.options.store.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES);
  }

  async ensureIndexes(): Promise<void> {
    await this.deliveries.createIndex({ name: 'idempotency', keys: { idempotencyKey: 1 }, unique: true });
    await this.deliveries.createIndex({ keys: { flowId: 1, createdAt: -1 } });
    await this.deliveries.createIndex({ keys: { status: 1, createdAt: 1 } });
  }

  /** Records the delivery (once per key; the body is rendered now) and queues it. */
  async record(request: WebhookRequest): Promise<void> {
    const id = deliveryIdOf(request.idempotencyKey);
    const existing = await this.deliveries.findOne({ _id: id });
    if (existing) {
      if (existing.status === 'pending') await this.queue(existing);
      return;
    }
    const now = new Date().toISOString();
    let body = '';
    let renderError: string | null = null;
    try {
      const value =
        request.bodyTemplate !== undefined
          ? renderJsonTemplate(request.bodyTemplate, request.payload, { path: 'bodyTemplate' })
          : toPlainData(request.payload);
      body = JSON.stringify(value);
      if (Buffer.byteLength(body) > WEBHOOK_BODY_MAX_BYTES)
        renderError = `The body has more than ${WEBHOOK_BODY_MAX_BYTES} bytes`;
    } catch (error) {
      renderError = errorText(error);
    }
    // The secret exists from the first delivery on, so managers can read it before the receiver sees a request.
    await this.options.secrets.get(request.source.flowId);
    const doc: WebhookDeliveryDoc = {
      _id: id,
      idempotencyKey: request.idempotencyKey,
      flowId: request.source.flowId,
      instanceId: request.source.instanceId,
      nodeId: request.source.nodeId,
      url: request.url,
      headers: allowedHeaders(request.headers),
      body: renderError === null ? body : '',
      status: renderError === null ? 'pending' : 'failed',
      attempts: [],
      maxAttempts: this.options.maxAttempts,
      lastError: renderError,
      createdAt: now,
      updatedAt: now,
      deliveredAt: null,
    };
    try {
      await this.deliveries.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return;
    }
    if (doc.status === 'pending') await this.queue(doc);
  }

  private async queue(doc: WebhookDeliveryDoc): Promise<void> {
    await this.options.queue.add<DeliverJob>(
      WEBHOOKS_QUEUE,
      'deliver',
      { deliveryId: doc._id },
      {
        jobId: doc._id,
        attempts: Math.max(1, doc.maxAttempts - doc.attempts.length),
        backoff: { type: 'exponential', delayMs: this.options.retryBaseMs },
      },
    );
  }

  /** The job handler: one try. Throws to have the queue retry; returns when delivered or given up. */
  async attempt(deliveryId: string): Promise<void> {
    const doc = await this.deliveries.findOne({ _id: deliveryId });
    if (!doc || doc.status !== 'pending') return;
    const number = doc.attempts.length + 1;
    const { secret } = await this.options.secrets.get(doc.flowId);
    const headers: Record<string, string> = {
      ...doc.headers,
      'content-type': 'application/json',
      'user-agent': 'Formloom-Webhooks/1',
      'idempotency-key': doc.idempotencyKey,
      [SIGNATURE_HEADER]: signatureHeader(secret, doc.body, Math.floor(Date.now() / 1000)),
      'x-formloom-delivery': doc._id,
      'x-formloom-attempt': String(number),
    };
    const started = performance.now();
    let response: EgressResponse | null = null;
    let failure: unknown = null;
    try {
      response = await this.options.guard.request({
        url: doc.url,
        method: 'POST',
        headers,
        body: doc.body,
        timeoutMs: this.options.timeoutMs ?? 10_000,
        maxResponseBytes: 4096,
      });
    } catch (error) {
      failure = error;
    }
    const attempt: WebhookAttempt = {
      attempt: number,
      at: new Date().toISOString(),
      statusCode: response?.status ?? null,
      error:
        failure !== null
          ? errorText(failure)
          : response && (response.status < 200 || response.status > 299)
            ? `HTTP ${response.status}`
            : null,
      durationMs: Math.round(performance.now() - started),
      response: response ? response.body.slice(0, 500) : null,
    };
    const delivered = response !== null && response.status >= 200 && response.status <= 299;
    const retryable =
      !delivered &&
      !isEgressBlockedError(failure) &&
      (response === null || response.status >= 500 || RETRYABLE_STATUS.has(response.status));
    const status: DeliveryStatus = delivered
      ? 'delivered'
      : retryable && number < doc.maxAttempts
        ? 'pending'
        : 'failed';
    await this.deliveries.updateOne(
      { _id: doc._id, status: 'pending', 'attempts.attempt': { $ne: number } },
      {
        $push: { attempts: attempt },
        $set: { status, lastError: attempt.error, updatedAt: attempt.at, deliveredAt: delivered ? attempt.at : null },
      },
    );
    if (status === 'pending') throw new RetryLater(attempt.error ?? 'Delivery failed');
  }

  /** After the queue gave up on a job (e.g. the store was unreachable on every try): the delivery failed. */
  async giveUp(deliveryId: string, error: string): Promise<void> {
    await this.deliveries.updateOne(
      { _id: deliveryId, status: 'pending' },
      { $set: { status: 'failed', lastError: error, updatedAt: new Date().toISOString() } },
    );
  }

  /** Re-queues pending deliveries (the inline queue keeps nothing across restarts; BullMQ ignores known job ids). */
  async rearm(): Promise<void> {
    for (const doc of await this.deliveries.find({ status: 'pending' }, { sort: { createdAt: 1 }, limit: 10_000 })) {
      await this.queue(doc);
    }
  }

  /**
   * When the queue's backoff should try a pending delivery again (`delay·2^(n−1)` after the
   * n-th failed try); null when it is not pending or has not been tried yet (it runs now).
   */
  nextAttemptAt(doc: WebhookDeliveryDoc): string | null {
    const last = doc.attempts.at(-1);
    if (doc.status !== 'pending' || !last) return null;
    const delayMs = this.options.retryBaseMs * 2 ** (doc.attempts.length - 1);
    return new Date(Date.parse(last.at) + delayMs).toISOString();
  }

  /**
   * "Retry now" for a failed delivery of the flow: one more try, at once, with the same body and
   * idempotency key (signed with the current secret). 404 when the flow has no such delivery,
   * 409 when it is not failed or its body could never be built.
   */
  async retryNow(flowId: string, deliveryId: string): Promise<WebhookDeliveryDoc> {
    const doc = await this.deliveries.findOne({ _id: deliveryId, flowId });
    if (!doc) throw notFound('Webhook delivery');
    if (doc.status !== 'failed')
      throw conflict('Only a failed delivery can be retried', [
        { path: 'status', rule: 'failed', message: `The delivery is ${doc.status}` },
      ]);
    if (doc.body === '')
      throw conflict('This delivery has no body to send: its template could not be built', [
        { path: 'body', rule: 'built', message: doc.lastError ?? 'The body could not be built' },
      ]);
    const updated = await this.deliveries.findOneAndUpdate(
      { _id: deliveryId, flowId, status: 'failed' },
      { $set: { status: 'pending', maxAttempts: doc.attempts.length + 1, updatedAt: new Date().toISOString() } },
      { returnDocument: 'after' },
    );
    if (!updated)
      throw conflict('The delivery changed meanwhile', [
        { path: 'status', rule: 'failed', message: 'Someone else retried it first' },
      ]);
    await this.queue(updated);
    return updated;
  }

  /** The flow's deliveries, newest first, one page after `query.cursor`. */
  list(
    flowId: string,
    query: NewestFirstQuery & { status?: DeliveryStatus },
  ): Promise<NewestFirstPage<WebhookDeliveryDoc>> {
    const filter: Filter = { flowId };
    if (query.status !== undefined) filter.status = query.status;
    return newestFirstPage(this.deliveries, filter, query);
  }
}
