import {
  forbidden,
  notFound,
  SYSTEM_FIELDS,
  type ConditionContext,
  type Doc,
  type DocumentStore,
  type Filter,
  type HistoryEntry,
  type Principal,
  type RecordEvent,
  type StoredRecord,
} from '@formloom/model';
import type { RecordAction as AccessAction } from '../access/form-access.js';
import { scopeFilter } from '../access/scope-filter.js';
import type { RecordEvents } from '../events/record-events.js';
import { fieldKinds as defaultKinds, type FieldKindRegistry } from '../fields/registry.js';
import { newId } from '../ids.js';
import { BIN_COLLECTION, HISTORY_COLLECTION, LINKS_COLLECTION, recordsCollection } from './collections.js';
import { createFormCache, prefixFilter, type CompiledForm, type FormCache } from './compiled-form.js';
import { mapDuplicate } from './record-errors.js';
import type { FormCatalog, RecordContext } from './record-service.types.js';
import { toRecordView } from './record-view.js';

export interface RecordServiceLogger {
  warn(obj: object, msg: string): void;
}

export interface RecordServiceOptions {
  store: DocumentStore;
  catalog: FormCatalog;
  events: RecordEvents;
  fieldKinds?: FieldKindRegistry;
  clock?: () => Date;
  /** Zone for serial-number dates and dynamic condition values; default UTC. */
  timeZone?: string;
  logger?: RecordServiceLogger;
}

/** A recycle-bin entry: the record as it was deleted (its version counts the delete). */
export interface BinDoc extends Doc {
  formId: string;
  deletedAt: string;
  deletedBy: string | null;
  record: StoredRecord;
}

export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;
export const SYSTEM_PATHS = new Set<string>(Object.values(SYSTEM_FIELDS));

/** AND of the non-empty parts; `{}` when none. */
export const and = (parts: Array<Filter | null>): Filter => {
  const kept = parts.filter((p): p is Filter => p !== null && Object.keys(p).length > 0);
  if (kept.length === 0) return {};
  return kept.length === 1 ? kept[0] : { $and: kept };
};

/** Field values of a stored record (no system fields). */
export function fieldValues(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in doc) if (!SYSTEM_PATHS.has(key) && key.charCodeAt(0) !== 95) out[key] = doc[key];
  return out;
}

/** What every record operation shares: the store, the compiled forms, access checks, history/event builders and the write transaction. */
export interface RecordServiceCore {
  store: DocumentStore;
  events: RecordEvents;
  kinds: FieldKindRegistry;
  forms: FormCache;
  clock: () => Date;
  timeZone: string;
  ensureGlobalIndexes(): Promise<void>;
  conditionContext(principal: Principal, now: Date): ConditionContext;
  /** FORBIDDEN unless the context's access grants `action`. */
  requireAction(ctx: RecordContext, action: AccessAction): void;
  /** The caller's row scope for `action` as a filter; null = every row. */
  scope(ctx: RecordContext, action: AccessAction, form: CompiledForm, now: Date): Filter | null;
  /** The row scope for `action` unless the caller has full access. */
  rowScope(ctx: RecordContext, action: AccessAction, form: CompiledForm, now: Date): Filter | null;
  /** The delete scope over recycle-bin entries (`record.` paths). */
  binScope(ctx: RecordContext, form: CompiledForm, now: Date): Filter | null;
  view(ctx: RecordContext, doc: StoredRecord): ReturnType<typeof toRecordView>;
  loadForm(ctx: RecordContext): Promise<{ form: CompiledForm; collection: string }>;
  event(
    ctx: RecordContext,
    type: RecordEvent['type'],
    recordId: string,
    version: number,
    at: string,
    changedFields: string[],
  ): RecordEvent;
  history(
    ctx: RecordContext,
    recordId: string,
    version: number,
    action: HistoryEntry['action'],
    at: string,
    changes: HistoryEntry['changes'],
  ): HistoryEntry & Doc;
  /** Writes the event to the outbox in `tx` and remembers it for queueing after the commit. */
  publish(tx: DocumentStore, ev: RecordEvent, emitted: string[]): Promise<void>;
  /** Runs a write transaction, then queues its events; maps unique violations to DUPLICATE. */
  write<R>(
    form: CompiledForm,
    collection: string,
    fn: (tx: DocumentStore, emitted: string[]) => Promise<R>,
  ): Promise<R>;
  /** The record `id` within `rowScope`, or null (NOT_FOUND for ids that cannot be record ids). */
  findRecord(
    collection: string,
    id: string,
    rowScope: Filter | null,
    reader?: DocumentStore,
  ): Promise<StoredRecord | null>;
}

export function createRecordServiceCore(options: RecordServiceOptions): RecordServiceCore {
  const { store, events } = options;
  const kinds = options.fieldKinds ?? defaultKinds;
  const forms = createFormCache(options.catalog, kinds);
  let globalIndexes: Promise<void> | null = null;

  const core: RecordServiceCore = {
    store,
    events,
    kinds,
    forms,
    clock: options.clock ?? (() => new Date()),
    timeZone: options.timeZone ?? 'UTC',

    ensureGlobalIndexes() {
      globalIndexes ??= (async () => {
        await store
          .collection(HISTORY_COLLECTION)
          .createIndex({ name: 'record_version', keys: { recordId: 1, version: 1 }, unique: true });
        await store
          .collection(BIN_COLLECTION)
          .createIndex({ name: 'form_deleted', keys: { formId: 1, deletedAt: -1 } });
        await store.collection('record_events').createIndex({ name: 'dispatched', keys: { dispatchedAt: 1 } });
        const links = store.collection(LINKS_COLLECTION);
        await links.createIndex({ name: 'target', keys: { target: 1 } });
        await links.createIndex({ name: 'source', keys: { sourceFormId: 1, sourceRecordId: 1 } });
      })().catch((e: unknown) => {
        globalIndexes = null;
        throw e;
      });
      return globalIndexes;
    },

    conditionContext: (principal, now) => ({
      userId: principal.userId,
      deptIds: principal.deptIds,
      now,
      timeZone: core.timeZone,
    }),

    requireAction(ctx, action) {
      if (!ctx.access.full && !ctx.access.actions.has(action))
        throw forbidden(`You may not ${action} records of this form`);
    },

    scope: (ctx, action, form, now) =>
      scopeFilter(ctx.access, action, ctx.principal, core.conditionContext(ctx.principal, now), form.catalogue),

    rowScope: (ctx, action, form, now) => (ctx.access.full ? null : core.scope(ctx, action, form, now)),

    binScope(ctx, form, now) {
      const rowScope = core.rowScope(ctx, 'delete', form, now);
      return rowScope ? prefixFilter(rowScope, 'record.') : null;
    },

    view: (ctx, doc) => toRecordView(doc, ctx.formId, ctx.access.readableFields),

    async loadForm(ctx) {
      const form = await forms.current(ctx.formId);
      return { form, collection: recordsCollection(ctx.formId) };
    },

    event: (ctx, type, recordId, version, at, changedFields) => ({
      id: newId(),
      type,
      appId: ctx.appId,
      formId: ctx.formId,
      recordId,
      version,
      at,
      by: ctx.principal.userId,
      changedFields,
      depth: ctx.depth ?? 0,
    }),

    history: (ctx, recordId, version, action, at, changes) => ({
      _id: newId(),
      formId: ctx.formId,
      recordId,
      version,
      action,
      at,
      by: ctx.principal.userId,
      changes,
    }),

    async publish(tx, ev, emitted) {
      await events.publish(tx, ev);
      emitted.push(ev.id);
    },

    async write(form, collection, fn) {
      await core.ensureGlobalIndexes();
      const emitted: string[] = [];
      let result;
      try {
        result = await store.transaction((tx) => {
          emitted.length = 0;
          return fn(tx, emitted);
        });
      } catch (e) {
        throw mapDuplicate(e, form, collection);
      }
      try {
        await events.enqueue(emitted);
      } catch (e) {
        // The events are in the outbox; rearm() at the next boot dispatches them.
        options.logger?.warn({ err: e, events: emitted }, 'could not queue record events after commit');
      }
      return result;
    },

    async findRecord(collection, id, rowScope, reader = store) {
      if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw notFound('Record');
      return reader.collection<StoredRecord>(collection).findOne(and([{ _id: id }, rowScope]));
    },
  };
  return core;
}
