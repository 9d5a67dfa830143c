/**
 * Per-flow webhook signing secrets: created the first time a flow needs one, readable and
 * rotatable by the flow's app managers, never part of a flow definition. Stored sealed with
 * AES-256-GCM under a key derived from SERVER_SECRET, so a database dump alone does not reveal them.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { isDuplicateKeyError, type DocumentStore } from '@formloom/model';
import { WEBHOOK_SECRETS, type WebhookSecretDoc } from './webhook.types.js';

export interface WebhookSecret {
  flowId: string;
  secret: string;
  createdAt: string;
  rotatedAt: string | null;
}

export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(
    private readonly store: DocumentStore,
    serverSecret: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, 'formloom', 'webhook-secrets', 32));
  }

  private get secrets() {
    return this.store.collection<WebhookSecretDoc>(WEBHOOK_SECRETS);
  }

  private seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join(':');
  }

  private open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unreadable webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  private view(flowId: string, doc: WebhookSecretDoc): WebhookSecret {
    return { flowId, secret: this.open(doc.sealed), createdAt: doc.createdAt, rotatedAt: doc.rotatedAt };
  }

  /** The flow's secret, created on first use (concurrent first uses agree on one). */
  async get(flowId: string): Promise<WebhookSecret> {
    const existing = await this.secrets.findOne({ _id: flowId });
    if (existing) return this.view(flowId, existing);
    const doc: WebhookSecretDoc = {
      _id: flowId,
      sealed: this.seal(newSecret()),
      createdAt: new Date().toISOString(),
      rotatedAt: null,
    };
    try {
      await this.secrets.insertOne(doc);
      return this.view(flowId, doc);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.secrets.findOne({ _id: flowId });
      if (!winner) throw error;
      return this.view(flowId, winner);
    }
  }

  /** Replaces the secret; deliveries from now on (retries included) are signed with the new one. */
  async rotate(flowId: string): Promise<WebhookSecret> {
    const now = new Date().toISOString();
    const doc = await this.secrets.findOneAndUpdate(
      { _id: flowId },
      { $set: { sealed: this.seal(newSecret()), rotatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true, returnDocument: 'after' },
    );
    if (!doc) throw new Error('Webhook secret rotation failed');
    return this.view(flowId, doc);
  }
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
