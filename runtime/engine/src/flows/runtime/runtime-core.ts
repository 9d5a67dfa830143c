import { createHash } from 'node:crypto';
import {
  SYSTEM_PRINCIPAL,
  type ConditionContext,
  type DocumentStore,
  type FlowDefinition,
  type FlowNode,
  type JobQueue,
  type Notifier,
  type PublishedFormVersion,
  type StoredRecord,
} from '@formloom/model';
import { fullAccess } from '../../access/resolve-form-access.js';
import { fieldCatalogue, type FieldCatalogue } from '../../conditions/field-catalogue.js';
import { recordsCollection } from '../../records/collections.js';
import { appScopedRelatedForm } from '../../records/app-scoped-reader.js';
import type { FormCatalog, RecordContext, RecordService } from '../../records/record-service.types.js';
import type { OrgDirectory } from '../assignees/org-directory.js';
import type { FlowCatalog, PublishedFlow } from '../flow-catalog.js';
import { FLOW_COUNTERS, FLOW_TASKS, type FlowInstanceDoc } from './flow-runtime.types.js';

export interface FlowRuntimeLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FlowRuntimeOptions {
  store: DocumentStore;
  queue: JobQueue;
  /** The records engine: action nodes and task edits write through it (validated, with history and events). */
  records: RecordService;
  /** Published form versions (the records engine's catalog). */
  forms: FormCatalog;
  flows: FlowCatalog;
  org: OrgDirectory;
  /** Looked up on every use, so a notifier registered after the runtime is still found. */
  notifier?: () => Notifier | null;
  clock?: () => Date;
  /** Zone for formulas and dynamic condition values; default UTC. */
  timeZone?: string;
  logger?: FlowRuntimeLogger;
  /** Automations started by writes of automations nest at most this deep (default 5). */
  maxDepth?: number;
  /** Tries of a step job before the instance is marked failed (default 3). */
  stepAttempts?: number;
  /** Backoff base between step tries in ms (default 500). */
  stepBackoffMs?: number;
  /** An instance can be urged once per this many ms (default 10 minutes). */
  urgeIntervalMs?: number;
  /** Step jobs run at once in this process (default 16: a step mostly waits on Redis and the store's group commit). */
  concurrency?: number;
  /**
   * Whether `fileId` is a signature image `userId` uploaded (the platform asks its blob store).
   * Without it, signature ids are stored as given (engine tests).
   */
  isOwnSignature?: (fileId: string, userId: string) => Promise<boolean>;
  /**
   * The name people gave a form (the platform reads its form registry), for texts like a
   * refused write. Without it (or when it answers null): the schema's title, else the id.
   */
  formName?: (formId: string) => Promise<string | null>;
}

/** What every part of the runtime shares: ports, catalogs and small helpers. */
export interface RuntimeCore {
  store: DocumentStore;
  queue: JobQueue;
  records: RecordService;
  forms: FormCatalog;
  flows: FlowCatalog;
  org: OrgDirectory;
  notifier(): Notifier | null;
  clock(): Date;
  timeZone: string;
  logger: FlowRuntimeLogger;
  maxDepth: number;
  stepAttempts: number;
  stepBackoffMs: number;
  urgeIntervalMs: number;
  concurrency: number;
  isOwnSignature(fileId: string, userId: string): Promise<boolean>;
  /** The published flow version an instance runs on (cached: versions are immutable). */
  flowOf(instance: Pick<FlowInstanceDoc, 'flowId' | 'flowVersion'>): Promise<PublishedFlow>;
  /** The current published form (null when the form is gone). */
  formOf(formId: string): Promise<PublishedFormVersion | null>;
  /** A form's name for people (see `FlowRuntimeOptions.formName`). */
  formNameOf(formId: string, form: PublishedFormVersion | null): Promise<string>;
  catalogueOf(formId: string): Promise<FieldCatalogue | null>;
  /** The record as stored (field keys and `_` system fields), read as the system; null when gone. */
  loadRecord(formId: string, recordId: string): Promise<StoredRecord | null>;
  /** A record context of the system principal on `formId` (full access, automation depth). */
  systemContext(formId: string, depth: number): Promise<RecordContext>;
  conditionContext(userId: string | null): ConditionContext;
  /** Open task counts per user (least-busy assignment). */
  openTaskCounts(userIds: string[]): Promise<Map<string, number>>;
  /** Persisted round-robin turn. */
  nextTurn(key: string, count: number): Promise<number>;
}

export function nodeOf(definition: FlowDefinition, nodeId: string): FlowNode {
  const node = definition.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`The flow has no node "${nodeId}"`);
  return node;
}

export function nodeLabel(node: FlowNode): string {
  const label = node.data.label;
  return typeof label === 'string' && label.length > 0 ? label : node.type;
}

/** A deterministic id from a key (for instances started by events, schedules, subflows): 24 hex chars. */
export function derivedId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

export function createRuntimeCore(options: FlowRuntimeOptions): RuntimeCore {
  const { store } = options;
  const flowCache = new Map<string, PublishedFlow>();
  const noop = () => undefined;
  const core: RuntimeCore = {
    store,
    queue: options.queue,
    records: options.records,
    forms: options.forms,
    flows: options.flows,
    org: options.org,
    notifier: () => options.notifier?.() ?? null,
    clock: options.clock ?? (() => new Date()),
    timeZone: options.timeZone ?? 'UTC',
    logger: options.logger ?? { warn: noop, error: noop },
    maxDepth: options.maxDepth ?? 5,
    stepAttempts: options.stepAttempts ?? 3,
    stepBackoffMs: options.stepBackoffMs ?? 500,
    urgeIntervalMs: options.urgeIntervalMs ?? 10 * 60 * 1000,
    concurrency: options.concurrency ?? 16,
    isOwnSignature: options.isOwnSignature ?? (async () => true),

    async flowOf(instance) {
      const key = `${instance.flowId}@${instance.flowVersion}`;
      const cached = flowCache.get(key);
      if (cached) return cached;
      const flow = await options.flows.get(instance.flowId, instance.flowVersion);
      if (!flow) throw new Error(`Flow ${instance.flowId} version ${instance.flowVersion} is not published`);
      flowCache.set(key, flow);
      return flow;
    },

    formOf: (formId) => options.forms.getPublished(formId),

    async formNameOf(formId, form) {
      return (await options.formName?.(formId)) ?? form?.definition.schema.title ?? formId;
    },

    async catalogueOf(formId) {
      const form = await options.forms.getPublished(formId);
      return form ? fieldCatalogue(form.definition) : null;
    },

    loadRecord: (formId, recordId) =>
      store.collection<StoredRecord>(recordsCollection(formId)).findOne({ _id: recordId }),

    async systemContext(formId, depth) {
      const form = await options.forms.getPublished(formId);
      if (!form) throw new Error(`The form "${formId}" is not published`);
      return {
        principal: SYSTEM_PRINCIPAL,
        access: fullAccess(),
        appId: form.appId,
        formId,
        depth,
        // Select-data copies and linkage defaults of automation writes read this app's forms.
        relatedForm: appScopedRelatedForm(options.forms, SYSTEM_PRINCIPAL, form.appId, depth),
      };
    },

    conditionContext: (userId) => ({ userId, deptIds: [], now: core.clock(), timeZone: core.timeZone }),

    async openTaskCounts(userIds) {
      const counts = new Map<string, number>(userIds.map((u) => [u, 0]));
      const rows = await store
        .collection(FLOW_TASKS)
        .aggregate<{ _id: string; n: number }>([
          { $match: { assigneeId: { $in: userIds }, status: 'pending' } },
          { $group: { _id: '$assigneeId', n: { $sum: 1 } } },
        ]);
      for (const row of rows) counts.set(row._id, row.n);
      return counts;
    },

    async nextTurn(key, count) {
      const doc = await store
        .collection<{ _id: string; n: number }>(FLOW_COUNTERS)
        .findOneAndUpdate({ _id: `rr:${key}` }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' });
      return ((doc?.n ?? 1) - 1) % Math.max(count, 1);
    },
  };
  return core;
}
