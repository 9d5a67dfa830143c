import { badRequest, notFound, type DocumentStore, type StoredRecord } from '@formloom/model';
import { HISTORY_COLLECTION } from './collections.js';
import type { CompiledForm } from './compiled-form.js';
import { MAX_BATCH } from './create-records.js';
import { fieldChanges } from './field-diff.js';
import { fillLinkedValues } from './linked-values.js';
import { prepareWrite } from './prepare-write.js';
import { syncOutgoingLinks } from './record-links.js';
import { inItem, versionConflict } from './record-errors.js';
import type { RecordServiceCore } from './record-service-core.js';
import type { RecordContext, RecordService, UpdateInput } from './record-service.types.js';

/** `update` and the all-or-nothing `batchUpdate`: optimistic concurrency on `baseVersion`, field-level history. */
export function createRecordUpdates(
  core: RecordServiceCore,
  reader: Pick<RecordService, 'get' | 'query'>,
): Pick<RecordService, 'update' | 'batchUpdate'> {
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
    const rowScope = core.rowScope(ctx, 'update', form, now);
    const current = await core.findRecord(collection, id, rowScope, tx);
    if (!current) throw notFound('Record');
    if (current._version !== input.baseVersion) throw versionConflict(core.view(ctx, current), input.baseVersion);
    const at = now.toISOString();
    const system = { ...current, _updatedAt: at, _updatedBy: ctx.principal.userId };
    const given = await fillLinkedValues(core, reader, ctx, form, input.data, current);
    const { data, touched } = prepareWrite(form, given, {
      existing: current,
      writable: ctx.access.writableFields,
      system,
      ctx: core.conditionContext(ctx.principal, now),
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
      throw versionConflict(core.view(ctx, fresh), input.baseVersion);
    }
    const updated = { ...current, ...$set } as StoredRecord;
    for (const key of Object.keys($unset)) delete updated[key];
    await syncOutgoingLinks(tx, form, id, current, updated);
    await tx.collection(HISTORY_COLLECTION).insertOne(core.history(ctx, id, version, 'update', at, changes));
    const changed = changes.map((c) => c.field);
    await core.publish(tx, core.event(ctx, 'record.updated', id, version, at, changed), emitted);
    return updated;
  }

  return {
    async update(ctx, id, input) {
      core.requireAction(ctx, 'update');
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      const doc = await core.write(form, collection, (tx, emitted) =>
        updateOne(tx, ctx, form, collection, id, input, now, emitted),
      );
      return core.view(ctx, doc);
    },

    async batchUpdate(ctx, items) {
      core.requireAction(ctx, 'update');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'items', rule: 'maxItems', message: `Send 1–${MAX_BATCH} items` }]);
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      const docs = await core.write(form, collection, async (tx, emitted) => {
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
      return docs.map((d) => core.view(ctx, d));
    },
  };
}
