import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  DocumentStore,
  FlowDefinition,
  FlowEdge,
  FlowNode,
  FormDefinition,
  JobQueue,
  NotificationRequest,
  Notifier,
  Principal,
  PublishedFormVersion,
  StoredRecord,
  WebhookRequest,
} from '@formloom/model';
import {
  createRecordEvents,
  createRecordService,
  fullAccess,
  recordsCollection,
  type FormCatalog,
  type RecordContext,
  type RecordEvents,
  type RecordService,
} from '@formloom/engine';
import type { FlowCatalog, PublishedFlow } from '@formloom/engine/flows/flow-catalog';
import { memoryOrgDirectory, type OrgSnapshot } from '@formloom/engine/flows/assignees/memory-org-directory';
import {
  createFlowRuntime,
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_TASKS,
  FLOW_TIMERS,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowRuntime,
  type FlowTaskDoc,
  type FlowTimerDoc,
} from '@formloom/engine/flows/runtime/index';
import { createInlineQueue } from '../../platform/src/adapters/queue/index.js';
import { openEmbeddedStore } from '../../platform/src/adapters/store/embedded/index.js';

/** A purchase request form: title, amount, note, a finance note, an optional link to a customer. */
export function purchaseForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 100 },
        f_amount: { type: 'number', minimum: 0 },
        f_note: { type: 'string' },
        f_finance_note: { type: 'string' },
        f_stage: { type: 'string' },
        f_due: { type: 'string', format: 'date-time' },
      },
    },
    uiSchema: {},
    fields: {
      f_title: { kind: 'text', label: 'Title' },
      f_amount: { kind: 'number', label: 'Amount' },
      f_note: { kind: 'textarea', label: 'Note' },
      f_finance_note: { kind: 'text', label: 'Finance note' },
      f_stage: { kind: 'text', label: 'Stage' },
      f_due: { kind: 'datetime', label: 'Due' },
    },
  };
}

/** A follow-up form written by automations. */
export function followUpForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_subject'],
      properties: {
        f_subject: { type: 'string', minLength: 1 },
        f_source: { type: 'string' },
        f_amount: { type: 'number' },
        f_owner: { type: 'string' },
      },
    },
    uiSchema: {},
    fields: {
      f_subject: { kind: 'text', label: 'Subject' },
      f_source: { kind: 'text', label: 'Source record' },
      f_amount: { kind: 'number', label: 'Amount' },
      f_owner: { kind: 'text', label: 'Owner' },
    },
  };
}

/** The org of the scenarios: ann (staff) → mia (manager) → dan (director); fay and fox in finance. */
export const ORG: OrgSnapshot = {
  users: [
    { id: 'ann', deptIds: ['sales'], managerId: 'mia' },
    { id: 'bob', deptIds: ['sales'], managerId: 'mia' },
    { id: 'mia', deptIds: ['sales'], managerId: 'dan', roleIds: ['manager'] },
    { id: 'dan', deptIds: ['board'], roleIds: ['director'] },
    { id: 'fay', deptIds: ['finance'], roleIds: ['finance'] },
    { id: 'fox', deptIds: ['finance'], roleIds: ['finance'] },
    { id: 'sam', deptIds: ['sales'] },
    { id: 'zed', deptIds: ['sales'], active: false },
    { id: 'root', admin: true },
  ],
  departments: [
    { id: 'sales', parentId: 'board', headId: 'mia' },
    { id: 'board', headId: 'dan' },
    { id: 'finance', parentId: 'board', headId: 'fay' },
  ],
};

export function user(userId: string): Principal {
  const u = ORG.users.find((x) => x.id === userId);
  return {
    kind: 'user',
    userId,
    username: userId,
    deptIds: u?.deptIds ?? [],
    roleIds: u?.roleIds ?? [],
    permissions: [],
    isAdmin: false,
  };
}

/** Records every message and webhook, once per idempotency key (like the real notifier). */
export class RecordingNotifier implements Notifier {
  readonly notifications: NotificationRequest[] = [];
  readonly webhooks: WebhookRequest[] = [];
  readonly calls = { notify: 0, webhook: 0 };
  async notify(request: NotificationRequest): Promise<void> {
    this.calls.notify += 1;
    if (!this.notifications.some((n) => n.idempotencyKey === request.idempotencyKey)) this.notifications.push(request);
  }
  async sendWebhook(request: WebhookRequest): Promise<void> {
    this.calls.webhook += 1;
    if (!this.webhooks.some((n) => n.idempotencyKey === request.idempotencyKey)) this.webhooks.push(request);
  }
  to(userId: string, category?: string): NotificationRequest[] {
    return this.notifications.filter((n) => n.recipientIds.includes(userId) && (!category || n.category === category));
  }
}

/** An in-memory FlowCatalog: publish creates a new immutable version; disable hides a flow. */
export class MemoryFlowCatalog implements FlowCatalog {
  private readonly versions = new Map<string, PublishedFlow[]>();
  private readonly disabled = new Set<string>();
  private readonly listeners: Array<(flowId: string) => void> = [];

  publish(flowId: string, name: string, definition: FlowDefinition, appId = 'app1'): PublishedFlow {
    const list = this.versions.get(flowId) ?? [];
    const flow: PublishedFlow = {
      flowId,
      appId,
      name,
      version: list.length + 1,
      definition,
      publishedAt: new Date().toISOString(),
    };
    list.push(flow);
    this.versions.set(flowId, list);
    for (const l of this.listeners) l(flowId);
    return flow;
  }
  disable(flowId: string): void {
    this.disabled.add(flowId);
    for (const l of this.listeners) l(flowId);
  }
  async get(flowId: string, version: number) {
    return this.versions.get(flowId)?.find((v) => v.version === version) ?? null;
  }
  async latest(flowId: string) {
    if (this.disabled.has(flowId)) return null;
    return this.versions.get(flowId)?.at(-1) ?? null;
  }
  private enabled(): PublishedFlow[] {
    return [...this.versions.entries()]
      .filter(([id]) => !this.disabled.has(id))
      .map(([, list]) => list[list.length - 1]);
  }
  async processFlowsOfForm(formId: string) {
    return this.enabled().filter((f) => f.definition.mode === 'process' && f.definition.formId === formId);
  }
  async automationsOf(type: string, formId?: string) {
    return this.enabled().filter((f) => {
      if (f.definition.mode !== 'automation') return false;
      const trigger = f.definition.nodes.find((n) => n.type === 'trigger')?.data.trigger as
        { type: string; formId?: string } | undefined;
      return trigger?.type === type && (formId === undefined || trigger.formId === formId);
    });
  }
  onChange(listener: (flowId: string) => void): void {
    this.listeners.push(listener);
  }
}

/** A flow graph from a compact description: nodes `[id, type, data]`, edges `[source, target, data?]`. */
export function graph(
  mode: FlowDefinition['mode'],
  formId: string | undefined,
  nodes: Array<[string, string, Record<string, unknown>?]>,
  edges: Array<[string, string, FlowEdge['data']?]>,
): FlowDefinition {
  return {
    mode,
    formId,
    nodes: nodes.map(([id, type, data], i): FlowNode => ({
      id,
      type,
      position: { x: 0, y: i * 100 },
      data: data ?? {},
    })),
    edges: edges.map(([source, target, data], i) => ({ id: `e${i}_${source}_${target}`, source, target, data })),
  };
}

export const users = (...userIds: string[]) => ({ rules: [{ type: 'users', userIds }], whenEmpty: 'error' });

export interface FlowEngine {
  dir: string;
  store: DocumentStore;
  queue: JobQueue;
  events: RecordEvents;
  records: RecordService;
  /** The published forms (the records engine's FormCatalog). */
  forms: FormCatalog;
  flows: MemoryFlowCatalog;
  notifier: RecordingNotifier;
  runtime: FlowRuntime;
  ctx(formId: string, p?: Principal): RecordContext;
  publishForm(formId: string, definition: FormDefinition): Promise<PublishedFormVersion>;
  instance(id: string): Promise<FlowInstanceDoc>;
  instancesOf(flowId: string): Promise<FlowInstanceDoc[]>;
  tasks(instanceId: string): Promise<FlowTaskDoc[]>;
  /** The pending task of `userId` in the instance (waits until it appears). */
  pendingTask(instanceId: string, userId: string): Promise<FlowTaskDoc>;
  journal(instanceId: string): Promise<FlowJournalDoc[]>;
  timers(instanceId: string): Promise<FlowTimerDoc[]>;
  record(formId: string, id: string): Promise<StoredRecord | null>;
  /** Waits until `check` holds (polling; 10 s unless `timeoutMs`). */
  until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Waits until the instance is no longer running (or `status`). */
  settled(instanceId: string, status?: FlowInstanceDoc['status']): Promise<FlowInstanceDoc>;
  /** Waits until every step job and record event of the moment was handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function openFlowEngine(
  options: { queue?: JobQueue; dir?: string; maxDepth?: number; urgeIntervalMs?: number; concurrency?: number } = {},
): Promise<FlowEngine> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'formloom-flows-'));
  const store = await openEmbeddedStore({ dir });
  const queue = options.queue ?? createInlineQueue();
  const events = createRecordEvents({ store, queue });
  const versions: PublishedFormVersion[] = [];
  const catalog = {
    getPublished: async (formId: string) => versions.filter((v) => v.formId === formId).at(-1) ?? null,
    getVersion: async (formId: string, version: number) =>
      versions.find((v) => v.formId === formId && v.version === version) ?? null,
  };
  const records = createRecordService({ store, catalog, events });
  const flows = new MemoryFlowCatalog();
  const notifier = new RecordingNotifier();
  const runtime = createFlowRuntime({
    store,
    queue,
    records,
    forms: catalog,
    flows,
    org: memoryOrgDirectory(ORG),
    notifier: () => notifier,
    maxDepth: options.maxDepth,
    urgeIntervalMs: options.urgeIntervalMs,
    concurrency: options.concurrency,
    stepBackoffMs: 20,
  });
  await runtime.ensureIndexes();
  await runtime.startWorkers();
  events.subscribe(async (event) => {
    await runtime.onRecordEvent(event);
  });
  await events.startDispatcher();

  const publishForm = async (formId: string, definition: FormDefinition) => {
    const published: PublishedFormVersion = {
      formId,
      appId: 'app1',
      version: versions.filter((v) => v.formId === formId).length + 1,
      definition,
      publishedAt: new Date().toISOString(),
      publishedBy: 'admin',
    };
    versions.push(published);
    await records.prepareForm(published);
    return published;
  };
  await publishForm('purchase', purchaseForm());
  await publishForm('followup', followUpForm());

  const until = async <T>(
    what: string,
    check: () => Promise<T | null | undefined | false>,
    timeoutMs = 10_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const instance = async (id: string) => {
    const doc = await store.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: id });
    if (!doc) throw new Error(`no instance ${id}`);
    return doc;
  };
  const tasks = (instanceId: string) =>
    store.collection<FlowTaskDoc>(FLOW_TASKS).find({ instanceId }, { sort: { createdAt: 1, _id: 1 } });

  return {
    dir,
    store,
    queue,
    events,
    records,
    forms: catalog,
    flows,
    notifier,
    runtime,
    ctx: (formId, p = user('ann')) => ({ principal: p, access: fullAccess(), appId: 'app1', formId }),
    publishForm,
    instance,
    instancesOf: (flowId) =>
      store.collection<FlowInstanceDoc>(FLOW_INSTANCES).find({ flowId }, { sort: { startedAt: 1 } }),
    tasks,
    pendingTask: (instanceId, userId) =>
      until(`a pending task of ${userId}`, async () =>
        store.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ instanceId, assigneeId: userId, status: 'pending' }),
      ),
    journal: (instanceId) => store.collection<FlowJournalDoc>(FLOW_JOURNAL).find({ instanceId }, { sort: { _id: 1 } }),
    timers: (instanceId) => store.collection<FlowTimerDoc>(FLOW_TIMERS).find({ instanceId }, { sort: { dueAt: 1 } }),
    record: (formId, id) => store.collection<StoredRecord>(recordsCollection(formId)).findOne({ _id: id }),
    until,
    settled: (instanceId, status) =>
      until(`instance ${instanceId} to settle`, async () => {
        const doc = await instance(instanceId);
        return (status ? doc.status === status : doc.status !== 'running') ? doc : null;
      }),
    async idle() {
      await until('the queues to drain', async () => {
        const counts = await Promise.all(['flow-steps', 'record-events'].map((q) => queue.pendingCount(q)));
        return counts.every((c) => c === 0);
      });
    },
    async close() {
      await queue.close(1000);
      await store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
