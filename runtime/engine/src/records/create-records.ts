import { createHash } from 'node:crypto';
import {
  badRequest,
  forbidden,
  isDuplicateKeyError,
  notFound,
  type Doc,
  type DocumentStore,
  type RecordView,
  type StoredRecord,
} from '@formloom/model';
import { filterMatcher } from '../conditions/evaluate-condition.js';
import { newId } from '../ids.js';
import { BIN_COLLECTION, HISTORY_COLLECTION, IDEMPOTENCY_COLLECTION } from './collections.js';
import type { CompiledForm } from './compiled-form.js';
import { fieldChanges } from './field-diff.js';
import { fillLinkedValues } from './linked-values.js';
import { prepareWrite } from './prepare-write.js';
import { syncOutgoingLinks } from './record-links.js';
import { inItem } from './record-errors.js';
import { fieldValues, type BinDoc, type RecordServiceCore } from './record-service-core.js';
import type { RecordContext, RecordService } from './record-service.types.js';
import { assignSerials } from './serial-numbers.js';

interface IdempotencyDoc extends Doc {
  formId: string;
  recordId: string;
  createdAt: string;
}

export const MAX_BATCH = 500;

/** `create` (with idempotency keys) and the all-or-nothing `batchCreate`. */
export function createRecordCreation(
  core: RecordServiceCore,
  reader: Pick<RecordService, 'get' | 'query'>,
): Pick<RecordService, 'create' | 'batchCreate'> {
  const { store } = core;

  /** Validates and builds a new record; no store access. */
  function buildRecord(ctx: RecordContext, form: CompiledForm, input: unknown, now: Date) {
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
      ctx: core.conditionContext(ctx.principal, now),
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
    await assignSerials(tx, form, doc, now, core.timeZone);
    const createScope = core.rowScope(ctx, 'create', form, now);
    if (createScope && !filterMatcher(createScope)(doc))
      throw forbidden('You may not create records outside your scope');
    await tx.collection<StoredRecord>(collection).insertOne(doc);
    await syncOutgoingLinks(tx, form, doc._id, null, doc);
    const values = fieldValues(doc);
    const keys = Object.keys(values);
    await tx
      .collection(HISTORY_COLLECTION)
      .insertOne(core.history(ctx, doc._id, 1, 'create', doc._createdAt, fieldChanges(null, values, keys)));
    await core.publish(tx, core.event(ctx, 'record.created', doc._id, 1, doc._createdAt, keys), emitted);
  }

  async function replayIdempotent(ctx: RecordContext, collection: string, doc: IdempotencyDoc): Promise<RecordView> {
    const record = await store.collection<StoredRecord>(collection).findOne({ _id: doc.recordId });
    if (record) return core.view(ctx, record);
    const binned = await store.collection<BinDoc>(BIN_COLLECTION).findOne({ _id: doc.recordId, formId: ctx.formId });
    if (binned) return core.view(ctx, binned.record);
    throw notFound('Record');
  }

  /** The idempotency document id of a key (per form and caller), or null without a key. */
  function idempotencyId(ctx: RecordContext, key: unknown): string | null {
    if (key === undefined) return null;
    if (typeof key !== 'string' || key.length === 0 || key.length > 200)
      throw badRequest('Invalid Idempotency-Key', [
        { path: 'idempotencyKey', rule: 'maxLength', message: 'Use 1–200 characters' },
      ]);
    const who = ctx.principal.userId ?? ctx.principal.kind;
    return createHash('sha256').update(`${ctx.formId}\0${who}\0${key}`).digest('base64url');
  }

  return {
    async create(ctx, data, createOptions) {
      core.requireAction(ctx, 'create');
      const { form, collection } = await core.loadForm(ctx);
      const keyId = idempotencyId(ctx, createOptions?.idempotencyKey);
      const keys = store.collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION);
      if (keyId) {
        const seen = await keys.findOne({ _id: keyId });
        if (seen) return replayIdempotent(ctx, collection, seen);
      }
      const now = core.clock();
      const filled = await fillLinkedValues(core, reader, ctx, form, data, null);
      const doc = buildRecord(ctx, form, filled, now);
      try {
        await core.write(form, collection, async (tx, emitted) => {
          if (keyId)
            await tx
              .collection<IdempotencyDoc>(IDEMPOTENCY_COLLECTION)
              .insertOne({ _id: keyId, formId: ctx.formId, recordId: doc._id, createdAt: doc._createdAt });
          await insertRecord(tx, ctx, form, collection, doc, now, emitted);
        });
      } catch (e) {
        if (keyId && isDuplicateKeyError(e) && e.collection === IDEMPOTENCY_COLLECTION) {
          const seen = await keys.findOne({ _id: keyId });
          if (seen) return replayIdempotent(ctx, collection, seen);
        }
        throw e;
      }
      return core.view(ctx, doc);
    },

    async batchCreate(ctx, items) {
      core.requireAction(ctx, 'create');
      if (!Array.isArray(items) || items.length === 0 || items.length > MAX_BATCH)
        throw badRequest('Invalid batch', [{ path: 'items', rule: 'maxItems', message: `Send 1–${MAX_BATCH} items` }]);
      const { form, collection } = await core.loadForm(ctx);
      const now = core.clock();
      const docs: StoredRecord[] = [];
      for (const [i, item] of items.entries()) {
        try {
          docs.push(buildRecord(ctx, form, await fillLinkedValues(core, reader, ctx, form, item, null), now));
        } catch (e) {
          throw inItem(e, i);
        }
      }
      await core.write(form, collection, async (tx, emitted) => {
        for (const doc of docs) await insertRecord(tx, ctx, form, collection, doc, now, emitted);
      });
      return docs.map((d) => core.view(ctx, d));
    },
  };
}
