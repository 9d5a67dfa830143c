import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore, FormDefinition, JobQueue, Principal, PublishedFormVersion } from '@formloom/model';
import {
  createRecordEvents,
  createRecordService,
  fullAccess,
  type FormAccess,
  type RecordContext,
  type RecordEvents,
  type RecordService,
} from '@formloom/engine';
import { createInlineQueue } from '../../platform/src/adapters/queue/index.js';
import { openEmbeddedStore } from '../../platform/src/adapters/store/embedded/index.js';

/** A customer form using most kinds the records service treats specially. */
export function customerDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', minLength: 1, maxLength: 100 },
        f_no: { type: 'string' },
        f_email: { type: 'string', format: 'email' },
        f_phone: { type: 'string' },
        f_stage: { type: 'string' },
        f_amount: { type: 'number', minimum: 0 },
        f_reason: { type: 'string' },
        f_note: { type: 'string' },
        f_score: {},
      },
    },
    uiSchema: {},
    fields: {
      f_name: { kind: 'text', label: 'Name' },
      f_no: { kind: 'serial', label: 'No.', serial: { pattern: 'CUS-{YYYY}{MM}-{0000}' } },
      f_email: { kind: 'email', label: 'Email', unique: true },
      f_phone: { kind: 'phone', label: 'Phone' },
      f_stage: {
        kind: 'select',
        label: 'Stage',
        options: [
          { value: 'lead', label: 'Lead' },
          { value: 'won', label: 'Won' },
          { value: 'lost', label: 'Lost' },
        ],
      },
      f_amount: { kind: 'money', label: 'Amount' },
      f_reason: {
        kind: 'text',
        label: 'Why lost',
        visibility: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'lost' }] },
      },
      f_note: { kind: 'textarea', label: 'Note' },
      f_score: { kind: 'formula', label: 'Score', formula: '{f_amount} * 2' },
      s_1: { kind: 'section', label: 'More' },
    },
  };
}

export function principal(userId: string, deptIds: string[] = ['sales']): Principal {
  return { kind: 'user', userId, username: userId, deptIds, roleIds: [], permissions: [], isAdmin: false };
}

export interface EngineFixture {
  store: DocumentStore;
  queue: JobQueue;
  events: RecordEvents;
  records: RecordService;
  published: PublishedFormVersion;
  /** A record context on the customer form. */
  ctx(p?: Principal, access?: FormAccess): RecordContext;
  /** Publishes a new version of the customer form. */
  publish(def: FormDefinition): Promise<PublishedFormVersion>;
  /** Publishes a new version of another form of the same app. */
  publishForm(formId: string, def: FormDefinition): Promise<PublishedFormVersion>;
  /** A record context on another form. */
  ctxOn(formId: string, p?: Principal, access?: FormAccess): RecordContext;
  close(): Promise<void>;
}

export async function openEngine(options: { now?: () => Date } = {}): Promise<EngineFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'formloom-engine-'));
  const store = await openEmbeddedStore({ dir });
  const queue = createInlineQueue();
  const events = createRecordEvents({ store, queue });
  const versions: PublishedFormVersion[] = [];
  const catalog = {
    getPublished: async (formId: string) => versions.filter((v) => v.formId === formId).at(-1) ?? null,
    getVersion: async (formId: string, version: number) =>
      versions.find((v) => v.formId === formId && v.version === version) ?? null,
  };
  const records = createRecordService({ store, catalog, events, clock: options.now, timeZone: 'Asia/Shanghai' });
  const publishForm = async (formId: string, definition: FormDefinition) => {
    const published: PublishedFormVersion = {
      formId,
      appId: 'crm',
      version: versions.filter((v) => v.formId === formId).length + 1,
      definition,
      publishedAt: new Date().toISOString(),
      publishedBy: 'admin',
    };
    versions.push(published);
    await records.prepareForm(published);
    return published;
  };
  const publish = (definition: FormDefinition) => publishForm('customers', definition);
  const published = await publish(customerDefinition());
  return {
    store,
    queue,
    events,
    records,
    published,
    publish,
    publishForm,
    ctxOn: (formId, p = principal('ann'), access = fullAccess()) => ({ principal: p, access, appId: 'crm', formId }),
    ctx: (p = principal('ann'), access = fullAccess()) => ({ principal: p, access, appId: 'crm', formId: 'customers' }),
    async close() {
      await queue.close(1000);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
