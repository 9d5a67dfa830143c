import { createHash } from 'node:crypto';
import {
  badRequest,
  FormloomError,
  forbidden,
  isDuplicateKeyError,
  notFound,
  SYSTEM_FIELDS,
  type ConditionContext,
  type Doc,
  type DocumentStore,
  type Filter,
  type HistoryEntry,
  type Principal,
  type PublishedFormVersion,
  type RecordEvent,
  type RecordView,
  type StoredRecord,
} from '@formloom/model';
import type { RecordAction as AccessAction } from '../access/form-access.js';
import { scopeFilter } from '../access/scope-filter.js';
import { compileCondition, escapeRegex, MATCH_NOTHING } from '../conditions/compile-condition.js';
import { filterMatcher } from '../conditions/evaluate-condition.js';
import { restrictCatalogue } from '../conditions/field-catalogue.js';
import type { RecordEvents } from '../events/record-events.js';
import { fieldKinds as defaultKinds, type FieldKindRegistry } from '../fields/registry.js';
import { newId } from '../ids.js';
import { BIN_COLLECTION, HISTORY_COLLECTION, IDEMPOTENCY_COLLECTION, recordsCollection } from './collections.js';
import { createFormCache, prefixFilter, type CompiledForm } from './compiled-form.js';
import { fieldChanges } from './field-diff.js';
import { prepareWrite } from './prepare-write.js';
import { decodeCursor, encodeCursor, keysetFilter, type SortPath } from './query-cursor.js';
import { inItem, mapDuplicate, uniqueIndexName, versionConflict } from './record-errors.js';
import type {
  BinEntry,
  FormCatalog,
  RecordContext,
  RecordPage,
  RecordQuery,
  RecordService,
  UpdateInput,
} from './record-service.types.js';
import { toRecordView } from './record-view.js';
import { assignSerials } from './serial-numbers.js';

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

interface BinDoc extends Doc {
  formId: string;
  deletedAt: string;
  deletedBy: string | null;
  record: StoredRecord;
}

interface IdempotencyDoc extends Doc {
  formId: string;
  recordId: string;
  createdAt: string;
}

/** At most this many sortable fields get an index per form. */
export const MAX_SORT_INDEXES = 24;
export const MAX_BATCH = 500;
const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 50;
const SYSTEM_PATHS = new Set<string>(Object.values(SYSTEM_FIELDS));

const and = (parts: Array<Filter | null>): Filter => {
  const kept = parts.filter((p): p is Filter => p !== null && Object.keys(p).length > 0);
  if (kept.length === 0) return {};
  return kept.length === 1 ? kept[0] : { $and: kept };
};

/** Field values of a stored record (no system fields). */
function fieldValues(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in doc) if (!SYSTEM_PATHS.has(key) && key.charCodeAt(0) !== 95) out[key] = doc[key];
  return out;
}

export function createRecordService(options: RecordServiceOptions): RecordService {
  const { store, events } = options;
  const kinds = options.fieldKinds ?? defaultKinds;
  const clock = options.clock ?? (() => new Date());
  const timeZone = options.timeZone ?? 'UTC';
  const forms = createFormCache(options.catalog, kinds);
  let globalIndexes: Promise<void> | null = null;

  const ensureGlobalIndexes = () => {
    globalIndexes ??= (async () => {
      await store
        .collection(HISTORY_COLLECTION)
        .createIndex({ name: 'record_version', keys: { recordId: 1, version: 1 }, unique: true });
      await store.collection(BIN_COLLECTION).createIndex({ name: 'form_deleted', keys: { formId: 1, deletedAt: -1 } });
      await store.collection('record_events').createIndex({ name: 'dispatched', keys: { dispatchedAt: 1 } });
    })().catch((e: unknown) => {
      globalIndexes = null;
      throw e;
    });
    return globalIndexes;
  };

  const conditionContext = (principal: Principal, now: Date): ConditionContext => ({
    userId: principal.userId,
    deptIds: principal.deptIds,
    now,
    timeZone,
  });

  const requireAction = (ctx: RecordContext, action: AccessAction) => {
    if (!ctx.access.full && !ctx.access.actions.has(action))
      throw forbidden(`You may not ${action} records of this form`);
  };

  const scope = (ctx: RecordContext, action: AccessAction, form: CompiledForm, now: Date) =>
    scopeFilter(ctx.access, action, ctx.principal, conditionContext(ctx.principal, now), form.catalogue);

  const view = (ctx: RecordContext, doc: StoredRecord) => toRecordView(doc, ctx.formId, ctx.access.readableFields);

  const loadForm = async (ctx: RecordContext) => {
    const form = await forms.current(ctx.formId);
    return { form, collection: recordsCollection(ctx.formId) };
  };

  const event = (
    ctx: RecordContext,
    type: RecordEvent['type'],
    recordId: string,
    version: number,
    at: string,
    changedFields: string[],
  ): RecordEvent => ({
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
  });

  const history = (
    ctx: RecordContext,
    recordId: string,
    version: number,
    action: HistoryEntry['action'],
    at: string,
    changes: HistoryEntry['changes'],
  ): HistoryEntry & Doc => ({
    _id: newId(),
    formId: ctx.formId,
    recordId,
    version,
    action,
    at,
    by: ctx.principal.userId,
    changes,
  });

  /** Runs a write transaction, then queues its events; maps unique violations to DUPLICATE. */
  async function write<R>(
    form: CompiledForm,
    collection: string,
    fn: (tx: DocumentStore, emitted: string[]) => Promise<R>,
  ): Promise<R> {
    await ensureGlobalIndexes();
    const emitted: string[] = [];
    let result: R;
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
  }

  /** Validates and builds a new record; no store access. */
  function buildRecord(ctx: RecordContext, form: CompiledForm, input: Record<string, unknown>, now: Date) {
    const at = now.toISOString();
    const system = {
      _id: newId(now.getTime()),
      _version: 1,
      _formVersion: form.version,
      _createdAt: at,
      _createdBy: ctx.principal.userId,
      _updatedAt: at,
      _updatedBy: ctx.principal.userId,
      _owner: ctx.principal.userId,
      _ownerDept: ctx.principal.deptIds[0] ?? null,
      _flowState: null,
    };
    const { data } = prepareWrite(form, input, {
      existing: null,
      writable: ctx.access.writableFields,
      system,
      ctx: conditionContext(ctx.principal, now),
    });
    return { ...system, ...data } as StoredRecord;
  }

  async function insertRecord(
    tx: DocumentStore,
    ctx: RecordContext,
    form: CompiledForm,
    collection: string,
    doc: StoredRecord,
    now: Date,
    emitted: string[],
  ) {
    await assignSerials(tx, form, doc, now, timeZone);
    const createScope = ctx.access.full ? null : scope(ctx, 'create', form, now);
    if (createScope && !filterMatcher(createScope)(doc))
      throw forbidden('You may not create records outside your scope');
    await tx.collection<StoredRecord>(collection).insertOne(doc);
    const values = fieldValues(doc);
    const keys = Object.keys(values);
    await tx
      .collection(HISTORY_COLLECTION)
      .insertOne(history(ctx, doc._id, 1, 'create', doc._createdAt, fieldChanges(null, values, keys)));
    const ev = event(ctx, 'record.created', doc._id, 1, doc._createdAt, keys);
    await events.publish(tx, ev);
    emitted.push(ev.id);
  }

  async function findRecord(
    ctx: RecordContext,
    collection: string,
    id: string,
    rowScope: Filter | null,
    reader: DocumentStore = store,
  ) {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw notFound('Record');
    return reader.collection<StoredRecord>(collection).findOne(and([{ _id: id }, rowScope]));
  }

  async function updateOne(
    tx: DocumentStore,
    ctx: RecordContext,
    form: CompiledForm,
    collection: string,
    id: string,
    input: UpdateInput,
    now: Date,
    emitted: string[],
  ) {
    if (input === null || typeof input !== 'object' || !Number.isInteger(input.baseVersion))
      throw badRequest('baseVersion is required', [
        { path: 'baseVersion', rule: 'required', message: 'Give the version this edit was based on' },
      ]);
    const rowScope = ctx.access.full ? null : scope(ctx, 'update', form, now);
    const current = await findRecord(ctx, collection, id, rowScope, tx);
    if (!current) throw notFound('Record');
    if (current._version !== input.baseVersion) throw versionConflict(view(ctx, current), input.baseVersion);
    const at = now.toISOString();
    const system = { ...current, _updatedAt: at, _updatedBy: ctx.principal.userId };
    const { data, touched } = prepareWrite(form, input.data, {
      existing: current,
      writable: ctx.access.writableFields,
      system,
      ctx: conditionContext(ctx.principal, now),
    });
    const changes = fieldChanges(current, data, touched);
    if (changes.length === 0) return current;
    const version = current._version + 1;
    const $set: Record<string, unknown> = {
      _version: version,
      _formVersion: form.version,
      _updatedAt: at,
      _updatedBy: ctx.principal.userId,
    };
    const $unset: Record<string, ''> = {};
    for (const c of changes) {
      if (c.to === null) $unset[c.field] = '';
      else $set[c.field] = c.to;
    }
    const update = Object.keys($unset).length ? { $set, $unset } : { $set };
    const result = await tx
      .collection<StoredRecord>(collection)
      .updateOne({ _id: id, _version: current._version }, update);
    if (result.matchedCount === 0) {
      const fresh = await tx.collection<StoredRecord>(collection).findOne({ _id: id });
      if (!fresh) throw notFound('Record');
      throw versionConflict(view(ctx, fresh), input.baseVersion);
    }
    const updated = { ...current, ...$set } as StoredRecord;
    for (const key of Object.keys($unset)) delete updated[key];
    await tx.collection(HISTORY_COLLECTION).insertOne(history(ctx, id, version, 'update', at, changes));
    const ev = event(
      ctx,
      'record.updated',
      id,
      version,
      at,
      changes.map((c) => c.field),
    );
    await events.publish(tx, ev);
    emitted.push(ev.id);
    return updated;
  }

  async function removeOne(
    tx: DocumentStore,
    ctx: RecordContext,
    form: CompiledForm,
    collection: string,
    id: string,
    baseVersion: number | undefined,
    now: Date,
    emitted: string[],
  ) {
    const rowScope = ctx.access.full ? null : scope(ctx, 'delete', form, now);
    const current = await findRecord(ctx, collection, id, rowScope, tx);
    if (!current) throw notFound('Record');
    if (baseVersion !== undefined && current._version !== baseVersion)
      throw versionConflict(view(ctx, current), baseVersion);
    const deleted = await tx.collection(collection).deleteOne({ _id: id, _version: current._version });
    if (deleted === 0) {
      const fresh = await tx.collection<StoredRecord>(collection).findOne({ _id: id });
      if (!fresh) throw notFound('Record');
      throw versionConflict(view(ctx, fresh), baseVersion ?? current._version);
    }
    const at = now.toISOString();
    const version = current._version + 1;
    const record: StoredRecord = { ...current, _version: version, _updatedAt: at, _updatedBy: ctx.principal.userId };
    await tx
      .collection<BinDoc>(BIN_COLLECTION)
      .insertOne({ _id: id, formId: ctx.formId, deletedAt: at, deletedBy: ctx.principal.userId, record });
    await tx.collection(HISTORY_COLLECTION).insertOne(history(ctx, id, version, 'delete', at, []));
    const ev = event(ctx, 'record.deleted', id, version, at, []);
    await events.publish(tx, ev);
    emitted.push(ev.id);
  }

  const binScope = (ctx: RecordContext, form: CompiledForm, now: Date) => {
    const rowScope = ctx.access.full ? null : scope(ctx, 'delete', form, now);
    return rowScope ? prefixFilter(rowScope, 'record.') : null;
  };

  async function replayIdempotent(ctx: RecordContext, collection: string, doc: IdempotencyDoc): Promise<RecordView> {
    const record = await store.collection<StoredRecord>(collection).findOne({ _id: doc.recordId });
    if (record) return view(ctx, record);
    const binned = await store.collection<BinDoc>(BIN_COLLECTION).findOne({ _id: doc.recordId, formId: ctx.formId });
    if (binned) return view(ctx, binned.record);
    throw notFound('Record');
  }

  function resolveSort(query: RecordQuery, form: CompiledForm, ctx: RecordContext): SortPath[] {
    const requested = query.sort ?? [];
    if (!Array.isArray(requested) || requested.length > 5)
      throw badRequest('Invalid sort', [
        { path: 'sort', rule: 'type', message: 'sort is an array of at most 5 {field, dir}' },
      ]);
    const readable = restrictCatalogue(form.catalogue, ctx.access.readableFields);
    const sort: SortPath[] = requested.map((key, i) => {
      const at = `sort[${i}]`;
      if (key === null || typeof key !== 'object' || Array.isArray(key))
        throw badRequest('Invalid sort', [{ path: at, rule: 'type', message: 'Must be {field, dir}' }]);
      const extra = Object.keys(key).find((k) => k !== 'field' && k !== 'dir');
      if (extra)
        throw badRequest('Invalid sort', [
          { path: `${at}.${extra}`, rule: 'unknownKey', message: 'A sort key has field and dir' },
        ]);
      const entry = typeof key.field === 'string' ? readable.get(key.field) : undefined;
      if (!entry || !entry.spec.sortable)
        throw badRequest('Invalid sort', [
          { path: `${at}.field`, rule: 'unknownField', message: 'Not a field you can sort on' },
        ]);
      if (key.dir !== 'asc' && key.dir !== 'desc')
        throw badRequest('Invalid sort', [{ path: `${at}.dir`, rule: 'enum', message: 'dir must be asc or desc' }]);
      return { path: entry.path, dir: key.dir === 'asc' ? 1 : -1 };
    });
    if (sort.length === 0) sort.push({ path: '_createdAt', dir: -1 });
    const withoutId = sort.filter((s) => s.path !== '_id');
    withoutId.push({ path: '_id', dir: sort.find((s) => s.path === '_id')?.dir ?? sort[0].dir });
    return withoutId;
  }

  function keywordFilter(keyword: unknown, form: CompiledForm, ctx: RecordContext): Filter | null {
    if (keyword === undefined || keyword === '') return null;
    if (typeof keyword !== 'string' || keyword.length > 200)
      throw badRequest('Invalid keyword', [
        { path: 'keyword', rule: 'type', message: 'keyword is text of at most 200 characters' },
      ]);
    const readable = ctx.access.readableFields;
    const keys = form.searchableKeys.filter((k) => !readable || readable.has(k));
    if (!keys.length) return MATCH_NOTHING;
    const regex = { $regex: escapeRegex(keyword.trim()), $options: 'i' };
    return keys.length === 1 ? { [keys[0]]: regex } : { $or: keys.map((k) => ({ [k]: regex })) };
  }

  function selectedFields(fields: unknown, form: CompiledForm, ctx: RecordContext): Set<string> | null {
    if (fields === undefined) return null;
    if (!Array.isArray(fields) || fields.length > 500)
      throw badRequest('Invalid fields', [
        { path: 'fields', rule: 'type', message: 'fields is an array of field keys' },
      ]);
    const readable = ctx.access.readableFields;
    fields.forEach((f, i) => {
      if (typeof f !== 'string' || !form.valueFields.has(f) || (readable && !readable.has(f)))
        throw badRequest('Invalid fields', [
          { path: `fields[${i}]`, rule: 'unknownField', message: 'Not a field you can read' },
        ]);
    });
    return new Set(fields as string[]);
  }

  const service: RecordService = {
    async create(ctx, data, createOptions) {
      requireAction(ctx, 'create');
      const { form, collection } = await loadForm(ctx);
      const key = createOptions?.idempotencyKey;
      let keyId: string | null = null;
      if (key !== undefined) {
        if (typeof key !== 'string' || key.length === 0 || key.length > 200)
          throw badRequest('Invalid Idempotency-Key', [
            { path: 'idempotencyKey', rule: 'maxLength', message: 'Use 1–200 characters' },
          ]);
        const who = ctx.principal.userId ?? ctx.principal.kind;
        keyId = createHash('sha256').update(`${ctx.formId}\0${who}\0${key}`).digest('base64url');
        const seen = await store.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION).findOne({ _id: keyId });
        if (seen) return replayIdempotent(ctx, collection, seen);
      }
      const now = clock();
      const doc = buildRecord(ctx, form, data, now);
      try {
        await write(form, collection, async (tx, emitted) => {
          if (keyId)
            await tx
              .collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION)
              .insertOne({ _id: keyId, formId: ctx.formId, recordId: doc._id, createdAt: doc._createdAt });
          await insertRecord(tx, ctx, form, collection, doc, now, emitted);
        });
      } catch (e) {
        if (keyId && isDuplicateKeyError(e) && e.collection === IDEMPOTENCY_COLLECTION) {
          const seen = await store.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION).findOne({ _id: keyId });
          if (seen) return replayIdempotent(ctx, collection, seen);
        }
        throw e;
      }
      return view(ctx, doc);
    },

    async get(ctx, id) {
      requireAction(ctx, 'read');
      const { form, collection } = await loadForm(ctx);
      const rowScope = ctx.access.full ? null : scope(ctx, 'read', form, clock());
      const doc = await findRecord(ctx, collection, id, rowScope);
      if (!doc) throw notFound('Record');
      return view(ctx, doc);
    },

    async update(ctx, id, input) {
      requireAction(ctx, 'update');
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      const doc = await write(form, collection, (tx, emitted) =>
        updateOne(tx, ctx, form, collection, id, input, now, emitted),
      );
      return view(ctx, doc);
    },

    async remove(ctx, id, removeOptions) {
      requireAction(ctx, 'delete');
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      await write(form, collection, (tx, emitted) =>
        removeOne(tx, ctx, form, collection, id, removeOptions?.baseVersion, now, emitted),
      );
    },

    async restore(ctx, id) {
      requireAction(ctx, 'delete');
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      return write(form, collection, async (tx, emitted) => {
        const bin = tx.collection<BinDoc>(BIN_COLLECTION);
        const entry = await bin.findOne(and([{ _id: id, formId: ctx.formId }, binScope(ctx, form, now)]));
        if (!entry) throw notFound('Deleted record');
        const at = now.toISOString();
        const version = entry.record._version + 1;
        const record: StoredRecord = {
          ...entry.record,
          _version: version,
          _updatedAt: at,
          _updatedBy: ctx.principal.userId,
        };
        await tx.collection<StoredRecord>(collection).insertOne(record);
        await bin.deleteOne({ _id: id });
        await tx.collection(HISTORY_COLLECTION).insertOne(history(ctx, id, version, 'restore', at, []));
        const ev = event(ctx, 'record.restored', id, version, at, Object.keys(fieldValues(record)));
        await events.publish(tx, ev);
        emitted.push(ev.id);
        return view(ctx, record);
      });
    },

    async purge(ctx, id) {
      requireAction(ctx, 'delete');
      const { form } = await loadForm(ctx);
      const purged = await store
        .collection<BinDoc>(BIN_COLLECTION)
        .deleteOne(and([{ _id: id, formId: ctx.formId }, binScope(ctx, form, clock())]));
      if (purged === 0) throw notFound('Deleted record');
    },

    async listBin(ctx, listOptions) {
      requireAction(ctx, 'delete');
      const { form } = await loadForm(ctx);
      const limit = listOptions?.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        throw badRequest('Invalid limit', [{ path: 'limit', rule: 'range', message: `limit is 1–${MAX_LIMIT}` }]);
      const sort: SortPath[] = [
        { path: 'deletedAt', dir: -1 },
        { path: '_id', dir: -1 },
      ];
      const base = and([{ formId: ctx.formId }, binScope(ctx, form, clock())]);
      const filter = listOptions?.cursor
        ? and([base, keysetFilter(sort, decodeCursor(listOptions.cursor, sort))])
        : base;
      const docs = await store
        .collection<BinDoc>(BIN_COLLECTION)
        .find(filter, { sort: { deletedAt: -1, _id: -1 }, limit: limit + 1 });
      const page = docs.slice(0, limit);
      const items: BinEntry[] = page.map((d) => ({
        id: d._id,
        formId: d.formId,
        deletedAt: d.deletedAt,
        deletedBy: d.deletedBy,
        record: view(ctx, d.record),
      }));
      return { items, nextCursor: docs.length > limit ? encodeCursor(sort, page[page.length - 1]) : null };
    },

    async batchCreate(ctx, items) {
      requireAction(ctx, 'create');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'items', rule: 'maxItems', message: `Send 1–${MAX_BATCH} items` }]);
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      const docs = items.map((item, i) => {
        try {
          return buildRecord(ctx, form, item, now);
        } catch (e) {
          throw inItem(e, i);
        }
      });
      await write(form, collection, async (tx, emitted) => {
        for (const doc of docs) await insertRecord(tx, ctx, form, collection, doc, now, emitted);
      });
      return docs.map((d) => view(ctx, d));
    },

    async batchUpdate(ctx, items) {
      requireAction(ctx, 'update');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'items', rule: 'maxItems', message: `Send 1–${MAX_BATCH} items` }]);
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      const docs = await write(form, collection, async (tx, emitted) => {
        const out: StoredRecord[] = [];
        for (const [i, item] of items.entries()) {
          try {
            out.push(await updateOne(tx, ctx, form, collection, item.id, item, now, emitted));
          } catch (e) {
            throw inItem(e, i);
          }
        }
        return out;
      });
      return docs.map((d) => view(ctx, d));
    },

    async batchRemove(ctx, ids) {
      requireAction(ctx, 'delete');
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'ids', rule: 'maxItems', message: `Send 1–${MAX_BATCH} ids` }]);
      const { form, collection } = await loadForm(ctx);
      const now = clock();
      const unique = [...new Set(ids)];
      await write(form, collection, async (tx, emitted) => {
        for (const [i, id] of unique.entries()) {
          try {
            await removeOne(tx, ctx, form, collection, id, undefined, now, emitted);
          } catch (e) {
            throw inItem(e, i);
          }
        }
      });
      return unique.length;
    },

    async query(ctx, query) {
      requireAction(ctx, 'read');
      const { form, collection } = await loadForm(ctx);
      const q = query ?? {};
      const now = clock();
      const limit = q.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        throw badRequest('Invalid limit', [{ path: 'limit', rule: 'range', message: `limit is 1–${MAX_LIMIT}` }]);
      const condCtx = conditionContext(ctx.principal, now);
      const rowScope = ctx.access.full ? null : scope(ctx, 'read', form, now);
      const filter =
        q.filter === undefined || q.filter === null
          ? null
          : compileCondition(q.filter, restrictCatalogue(form.catalogue, ctx.access.readableFields), condCtx, {
              path: 'filter',
            });
      const sort = resolveSort(q, form, ctx);
      const selected = selectedFields(q.fields, form, ctx);
      const base = and([rowScope, filter, keywordFilter(q.keyword, form, ctx)]);
      const pageFilter = q.cursor !== undefined ? and([base, keysetFilter(sort, decodeCursor(q.cursor, sort))]) : base;
      const records = store.collection<StoredRecord>(collection);
      const projection = selected
        ? (Object.fromEntries([...SYSTEM_PATHS, ...selected].map((p) => [p, 1])) as Record<string, 1>)
        : undefined;
      const [docs, total] = await Promise.all([
        records.find(pageFilter, {
          sort: Object.fromEntries(sort.map((s) => [s.path, s.dir])),
          limit: limit + 1,
          projection,
        }),
        q.withTotal === false ? Promise.resolve(null) : records.countDocuments(base),
      ]);
      const page = docs.length > limit ? docs.slice(0, limit) : docs;
      return {
        items: page.map((d) => toRecordView(d, ctx.formId, ctx.access.readableFields, selected)),
        total,
        nextCursor: docs.length > limit ? encodeCursor(sort, page[page.length - 1]) : null,
      } satisfies RecordPage;
    },

    async history(ctx, id) {
      requireAction(ctx, 'read');
      const { form, collection } = await loadForm(ctx);
      const rowScope = ctx.access.full ? null : scope(ctx, 'read', form, clock());
      const live = await findRecord(ctx, collection, id, rowScope);
      if (!live) {
        const binned = await store
          .collection<BinDoc>(BIN_COLLECTION)
          .findOne(and([{ _id: id, formId: ctx.formId }, rowScope ? prefixFilter(rowScope, 'record.') : null]));
        if (!binned) throw notFound('Record');
      }
      const entries = await store
        .collection<HistoryEntry & Doc>(HISTORY_COLLECTION)
        .find({ recordId: id, formId: ctx.formId }, { sort: { version: 1 } });
      const readable = ctx.access.readableFields;
      return entries.map((e) => ({
        _id: e._id,
        formId: e.formId,
        recordId: e.recordId,
        version: e.version,
        action: e.action,
        at: e.at,
        by: e.by,
        changes: readable ? e.changes.filter((c) => readable.has(c.field)) : e.changes,
      }));
    },

    async prepareForm(published: PublishedFormVersion) {
      await ensureGlobalIndexes();
      const form = forms.compiled(published);
      const records = store.collection(recordsCollection(published.formId));
      const wanted = new Map<string, { keys: Record<string, 1>; unique: boolean }>();
      for (const key of form.uniqueKeys) wanted.set(uniqueIndexName(key), { keys: { [key]: 1 }, unique: true });
      const sortable = form.sortableKeys.filter((k) => !form.uniqueKeys.includes(k)).slice(0, MAX_SORT_INDEXES);
      for (const key of sortable) wanted.set(`sort_${key}`, { keys: { [key]: 1 }, unique: false });
      for (const path of ['_createdAt', '_updatedAt'])
        wanted.set(`sort${path}`, { keys: { [path]: 1 }, unique: false });
      const existing = await records.listIndexes();
      for (const index of existing) {
        const ours = index.name.startsWith('unique_') || index.name.startsWith('sort_');
        const same = wanted.get(index.name);
        if (ours && (!same || same.unique !== index.unique)) await records.dropIndex(index.name);
      }
      for (const [name, spec] of wanted) {
        try {
          await records.createIndex({ name, keys: spec.keys, unique: spec.unique });
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
          const key = Object.keys(spec.keys)[0];
          throw new FormloomError('CONFLICT', `Existing records repeat values of ${key}, so it cannot be unique`, [
            { path: `fields.${key}.unique`, rule: 'unique', message: 'Existing records have duplicate values' },
          ]);
        }
      }
    },
  };
  return service;
}
