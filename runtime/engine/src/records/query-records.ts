import { badRequest, notFound, type Doc, type HistoryEntry, type StoredRecord } from '@formloom/model';
import { compileCondition } from '../conditions/compile-condition.js';
import { restrictCatalogue } from '../conditions/field-catalogue.js';
import { BIN_COLLECTION, HISTORY_COLLECTION } from './collections.js';
import { prefixFilter } from './compiled-form.js';
import { decodeCursor, encodeCursor, keysetFilter } from './query-cursor.js';
import { keywordFilter, resolveSort, selectedFields } from './query-options.js';
import {
  and,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  SYSTEM_PATHS,
  type BinDoc,
  type RecordServiceCore,
} from './record-service-core.js';
import type { RecordPage, RecordService } from './record-service.types.js';
import { toRecordView } from './record-view.js';

/** Reading records: `get`, `query` (filter, keyword, sort, fields, keyset cursor, total) and `history`. */
export function createRecordQueries(core: RecordServiceCore): Pick<RecordService, 'get' | 'query' | 'history'> {
  const { store } = core;
  return {
    async get(ctx, id) {
      core.requireAction(ctx, 'read');
      const { form, collection } = await core.loadForm(ctx);
      const doc = await core.findRecord(collection, id, core.rowScope(ctx, 'read', form, core.clock()));
      if (!doc) throw notFound('Record');
      return core.view(ctx, doc);
    },

    async query(ctx, query) {
      core.requireAction(ctx, 'read');
      const { form, collection } = await core.loadForm(ctx);
      const q = query ?? {};
      const now = core.clock();
      const limit = q.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        throw badRequest('Invalid limit', [{ path: 'limit', rule: 'range', message: `limit is 1–${MAX_LIMIT}` }]);
      const condCtx = core.conditionContext(ctx.principal, now);
      const rowScope = core.rowScope(ctx, 'read', form, now);
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
      core.requireAction(ctx, 'read');
      const { form, collection } = await core.loadForm(ctx);
      const rowScope = core.rowScope(ctx, 'read', form, core.clock());
      const live = await core.findRecord(collection, id, rowScope);
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
  };
}
