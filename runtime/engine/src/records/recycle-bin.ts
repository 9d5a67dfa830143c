import { badRequest, notFound, type DocumentStore, type StoredRecord } from '@formloom/model';
import { BIN_COLLECTION, HISTORY_COLLECTION } from './collections.js';
import type { CompiledForm } from './compiled-form.js';
import { MAX_BATCH } from './create-records.js';
import { decodeCursor, encodeCursor, keysetFilter, type SortPath } from './query-cursor.js';
import { inItem, versionConflict } from './record-errors.js';
import {
  dropOutgoingLinks,
  forgetLinkedRecord,
  releaseIncomingLinks,
  syncOutgoingLinks,
  withoutDeadLinks,
} from './record-links.js';
import {
  and,
  DEFAULT_LIMIT,
  fieldValues,
  MAX_LIMIT,
  type BinDoc,
  type RecordServiceCore,
} from './record-service-core.js';
import type { BinEntry, RecordContext, RecordService } from './record-service.types.js';

/** Deleting to the recycle bin (`remove`, `batchRemove`), and the bin itself: `listBin`, `restore`, `purge`. */
export function createRecycleBin(
  core: RecordServiceCore,
): Pick<RecordService, 'remove' | 'batchRemove' | 'restore' | 'purge' | 'listBin'> {
  const { store } = core;

  async function removeOne(
    tx: DocumentStore,
    ctx: RecordContext,
    form: CompiledForm,
    collection: string,
    id: string,
    baseVersion: number | undefined,
    now: Date,
    emitted: string[],
    outgoingDropped = false,
  ) {
    const rowScope = core.rowScope(ctx, 'delete', form, now);
    const current = await core.findRecord(collection, id, rowScope, tx);
    if (!current) throw notFound('Record');
    if (baseVersion !== undefined && current._version !== baseVersion)
      throw versionConflict(core.view(ctx, current), baseVersion);
    const deleted = await tx.collection(collection).deleteOne({ _id: id, _version: current._version });
    if (deleted === 0) {
      const fresh = await tx.collection<StoredRecord>(collection).findOne({ _id: id });
      if (!fresh) throw notFound('Record');
      throw versionConflict(core.view(ctx, fresh), baseVersion ?? current._version);
    }
    if (!outgoingDropped) await dropOutgoingLinks(tx, ctx.formId, id);
    await releaseIncomingLinks(core, tx, ctx, id, now, emitted);
    const at = now.toISOString();
    const version = current._version + 1;
    const record: StoredRecord = { ...current, _version: version, _updatedAt: at, _updatedBy: ctx.principal.userId };
    await tx
      .collection<BinDoc>(BIN_COLLECTION)
      .insertOne({ _id: id, formId: ctx.formId, deletedAt: at, deletedBy: ctx.principal.userId, record });
    await tx.collection(HISTORY_COLLECTION).insertOne(core.history(ctx, id, version, 'delete', at, []));
    await core.publish(tx, core.event(ctx, 'record.deleted', id, version, at, []), emitted);
  }

  return {
    async remove(ctx, id, removeOptions) {
      core.requireAction(ctx, 'delete');
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      await core.write(form, collection, (tx, emitted) =>
        removeOne(tx, ctx, form, collection, id, removeOptions?.baseVersion, now, emitted),
      );
    },

    async batchRemove(ctx, ids) {
      core.requireAction(ctx, 'delete');
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'ids', rule: 'maxItems', message: `Send 1–${MAX_BATCH} ids` }]);
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      const unique = [...new Set(ids)];
      await core.write(form, collection, async (tx, emitted) => {
        // Records of the batch that link to each other do not block each other.
        for (const id of unique) if (typeof id === 'string') await dropOutgoingLinks(tx, ctx.formId, id);
        for (const [i, id] of unique.entries()) {
          try {
            await removeOne(tx, ctx, form, collection, id, undefined, now, emitted, true);
          } catch (e) {
            throw inItem(e, i);
          }
        }
      });
      return unique.length;
    },

    async restore(ctx, id) {
      core.requireAction(ctx, 'delete');
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      return core.write(form, collection, async (tx, emitted) => {
        const bin = tx.collection<BinDoc>(BIN_COLLECTION);
        const entry = await bin.findOne(and([{ _id: id, formId: ctx.formId }, core.binScope(ctx, form, now)]));
        if (!entry) throw notFound('Deleted record');
        const at = now.toISOString();
        const version = entry.record._version + 1;
        // Links to records deleted meanwhile are dropped (and listed in the history entry).
        const relinked = await withoutDeadLinks(tx, form, entry.record);
        const record: StoredRecord = {
          ...relinked.record,
          _version: version,
          _updatedAt: at,
          _updatedBy: ctx.principal.userId,
        };
        await tx.collection<StoredRecord>(collection).insertOne(record);
        await syncOutgoingLinks(tx, form, id, null, record);
        await bin.deleteOne({ _id: id });
        await tx
          .collection(HISTORY_COLLECTION)
          .insertOne(core.history(ctx, id, version, 'restore', at, relinked.changes));
        const restored = Object.keys(fieldValues(record));
        await core.publish(tx, core.event(ctx, 'record.restored', id, version, at, restored), emitted);
        return core.view(ctx, record);
      });
    },

    async purge(ctx, id) {
      core.requireAction(ctx, 'delete');
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      await core.write(form, collection, async (tx, emitted) => {
        const bin = tx.collection<BinDoc>(BIN_COLLECTION);
        const purged = await bin.deleteOne(and([{ _id: id, formId: ctx.formId }, core.binScope(ctx, form, now)]));
        if (purged === 0) throw notFound('Deleted record');
        // Live records never link to a record in the bin; this holds for links made before the index existed.
        await releaseIncomingLinks(core, tx, ctx, id, now, emitted);
        await forgetLinkedRecord(tx, ctx.formId, id);
      });
    },

    async listBin(ctx, listOptions) {
      core.requireAction(ctx, 'delete');
      const { form } = await core.loadForm(ctx);
      const limit = listOptions?.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
        throw badRequest('Invalid limit', [{ path: 'limit', rule: 'range', message: `limit is 1–${MAX_LIMIT}` }]);
      const sort: SortPath[] = [
        { path: 'deletedAt', dir: -1 },
        { path: '_id', dir: -1 },
      ];
      const base = and([{ formId: ctx.formId }, core.binScope(ctx, form, core.clock())]);
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
        record: core.view(ctx, d.record),
      }));
      return { items, nextCursor: docs.length > limit ? encodeCursor(sort, page[page.length - 1]) : null };
    },
  };
}
