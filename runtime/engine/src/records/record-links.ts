import {
  conflict,
  validationFailed,
  type Doc,
  type DocumentStore,
  type ErrorDetail,
  type FieldChange,
  type StoredRecord,
} from '@formloom/model';
import { HISTORY_COLLECTION, LINK_LOCKS_COLLECTION, LINKS_COLLECTION, recordsCollection } from './collections.js';
import type { CompiledForm, LinkField } from './compiled-form.js';
import { fieldChanges } from './field-diff.js';
import type { RecordServiceCore } from './record-service-core.js';
import type { RecordContext } from './record-service.types.js';

/**
 * Link integrity (关联数据): who links to a record is kept in `record_links`, one document per
 * (linking record, link path, linked record), indexed by the linked record, so deleting a
 * record finds its referrers without scanning any form (links may be single or multiple and
 * may sit in subform rows; MongoDB multikey indexes and the embedded store's expression indexes
 * both answer `{target}`). Every write of the records service keeps it in step inside the
 * write's transaction.
 */
export interface LinkRefDoc extends Doc {
  /** `<formId>|<recordId>` of the linked record. */
  target: string;
  sourceFormId: string;
  sourceRecordId: string;
  /** The link's stored path in the linking record (`f_customer`, `f_items.c_product`). */
  path: string;
}

interface LinkedId {
  field: LinkField;
  targetId: string;
  /** Where the id sits, for error details (`data.f_customer`, `data.f_items.2.c_product`). */
  at: string;
}

const targetKey = (formId: string, recordId: string) => `${formId}|${recordId}`;

/**
 * Makes transactions that link to a record and transactions that delete it write the same
 * document, so on MongoDB (snapshot isolation) one of two concurrent ones aborts and is retried
 * instead of both committing (a link to a deleted record). The embedded store runs write
 * transactions one at a time, so it needs no lock.
 */
export async function lockTarget(tx: DocumentStore, target: string): Promise<void> {
  if (tx.kind === 'embedded') return;
  await tx.collection(LINK_LOCKS_COLLECTION).updateOne({ _id: target }, { $inc: { writes: 1 } }, { upsert: true });
}
const refId = (sourceFormId: string, sourceRecordId: string, path: string, targetId: string) =>
  `${sourceFormId}|${sourceRecordId}|${path}|${targetId}`;

const idsIn = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : [];

/** The record ids a stored record links to, per link field. */
export function linkedIds(form: CompiledForm, doc: Record<string, unknown> | null): LinkedId[] {
  if (doc === null || form.links.length === 0) return [];
  const out: LinkedId[] = [];
  for (const field of form.links) {
    const value = doc[field.key];
    if (field.column === null) {
      for (const targetId of idsIn(value)) out.push({ field, targetId, at: `data.${field.key}` });
      continue;
    }
    if (!Array.isArray(value)) continue;
    value.forEach((row: unknown, i) => {
      if (row === null || typeof row !== 'object') return;
      for (const targetId of idsIn((row as Record<string, unknown>)[field.column!]))
        out.push({ field, targetId, at: `data.${field.key}.${i}.${field.column}` });
    });
  }
  return out;
}

/** The `record_links` entries a stored record's values call for (one per link path and linked record). */
export function linkRefDocs(form: CompiledForm, recordId: string, doc: Record<string, unknown>): LinkRefDoc[] {
  const refs = new Map<string, LinkRefDoc>();
  for (const l of linkedIds(form, doc)) {
    const _id = refId(form.formId, recordId, l.field.path, l.targetId);
    refs.set(_id, {
      _id,
      target: targetKey(l.field.targetFormId, l.targetId),
      sourceFormId: form.formId,
      sourceRecordId: recordId,
      path: l.field.path,
    });
  }
  return [...refs.values()];
}

/** Ids among `ids` that are live records of `formId` (read in `tx`). */
async function liveIds(tx: DocumentStore, formId: string, ids: string[]): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const records = tx.collection(recordsCollection(formId));
  // A few ids: primary-key reads are the cheapest on both stores; many: one $in query.
  if (unique.length <= 16) {
    const live = new Set<string>();
    for (const id of unique) if (await records.findOne({ _id: id })) live.add(id);
    return live;
  }
  const found = await records.find({ _id: { $in: unique } }, { projection: { _id: 1 } });
  return new Set(found.map((d) => d._id));
}

/** For each linked record of `links`, whether it is live; grouped per target form. */
async function missingTargets(tx: DocumentStore, links: LinkedId[]): Promise<LinkedId[]> {
  const byForm = new Map<string, LinkedId[]>();
  for (const l of links) byForm.set(l.field.targetFormId, [...(byForm.get(l.field.targetFormId) ?? []), l]);
  const missing: LinkedId[] = [];
  for (const [formId, list] of byForm) {
    const live = await liveIds(
      tx,
      formId,
      list.map((l) => l.targetId),
    );
    missing.push(...list.filter((l) => !live.has(l.targetId)));
  }
  return missing;
}

/**
 * After a create or update: links to records that do not exist (or are in the recycle bin) are
 * refused (400 `link` naming where), and `record_links` gets the added links and loses the
 * removed ones.
 */
export async function syncOutgoingLinks(
  tx: DocumentStore,
  form: CompiledForm,
  recordId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): Promise<void> {
  if (form.links.length === 0) return;
  const key = (l: LinkedId) => `${l.field.path}|${l.targetId}`;
  const old = new Map(linkedIds(form, before).map((l) => [key(l), l]));
  const next = new Map(linkedIds(form, after).map((l) => [key(l), l]));
  const added = [...next].filter(([k]) => !old.has(k)).map(([, l]) => l);
  const removed = [...old].filter(([k]) => !next.has(k)).map(([, l]) => l);
  if (added.length) {
    for (const target of new Set(added.map((l) => targetKey(l.field.targetFormId, l.targetId))))
      await lockTarget(tx, target);
    const missing = await missingTargets(tx, added);
    if (missing.length)
      throw validationFailed(
        missing.map((l): ErrorDetail => ({
          path: l.at,
          rule: 'link',
          message: 'No such record in the linked form (it may have been deleted)',
        })),
        'Some linked records do not exist',
      );
  }
  const refs = tx.collection<LinkRefDoc>(LINKS_COLLECTION);
  for (const l of removed) await refs.deleteOne({ _id: refId(form.formId, recordId, l.field.path, l.targetId) });
  if (added.length)
    await refs.insertMany(
      added.map((l) => ({
        _id: refId(form.formId, recordId, l.field.path, l.targetId),
        target: targetKey(l.field.targetFormId, l.targetId),
        sourceFormId: form.formId,
        sourceRecordId: recordId,
        path: l.field.path,
      })),
    );
}

/** When a record is purged: its lock document goes too (after `releaseIncomingLinks` in the same transaction). */
export async function forgetLinkedRecord(tx: DocumentStore, formId: string, recordId: string): Promise<void> {
  await tx.collection(LINK_LOCKS_COLLECTION).deleteOne({ _id: targetKey(formId, recordId) });
}

/** When a record goes to the recycle bin: it no longer links to anything. */
export async function dropOutgoingLinks(tx: DocumentStore, formId: string, recordId: string): Promise<void> {
  await tx.collection(LINKS_COLLECTION).deleteMany({ sourceFormId: formId, sourceRecordId: recordId });
}

/** `value` without `id` (a single link or a list of them); null when nothing is left. */
function withoutId(value: unknown, id: string): unknown {
  if (value === id) return null;
  if (!Array.isArray(value)) return value;
  const kept = value.filter((v) => v !== id);
  return kept.length === 0 ? null : kept.length === value.length ? value : kept;
}

/** Subform rows with `id` removed from `column`. */
function rowsWithoutId(rows: unknown, column: string, id: string): unknown {
  if (!Array.isArray(rows)) return rows;
  return rows.map((row: unknown) => {
    if (row === null || typeof row !== 'object') return row;
    const cells = row as Record<string, unknown>;
    const next = withoutId(cells[column], id);
    if (next === cells[column]) return row;
    const copy = { ...cells };
    if (next === null) delete copy[column];
    else copy[column] = next;
    return copy;
  });
}

/** The record's values with the given links to `targetId` removed (top-level keys only). */
function valuesWithout(doc: Record<string, unknown>, fields: LinkField[], targetId: string): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const f of fields) {
    const base = f.key in next ? next[f.key] : doc[f.key];
    next[f.key] = f.column === null ? withoutId(base, targetId) : rowsWithoutId(base, f.column, targetId);
  }
  return next;
}

/** `$set`/`$unset` of field changes. */
function changeUpdate(changes: FieldChange[], system: Record<string, unknown>) {
  const $set: Record<string, unknown> = { ...system };
  const $unset: Record<string, ''> = {};
  for (const c of changes) {
    if (c.to === null) $unset[c.field] = '';
    else $set[c.field] = c.to;
  }
  return Object.keys($unset).length ? { $set, $unset } : { $set };
}

interface Referrers {
  source: CompiledForm;
  field: LinkField;
  count: number;
}

/**
 * Before a record of `ctx.formId` leaves (to the recycle bin, or purged): the records linking to
 * it. Links whose field says `block` (the default) refuse the delete with 409 CONFLICT naming
 * each linking form and field with a count (details `links.<formId>.<path>`, rule `linked`;
 * `extra.references`); links whose field says `clear` are removed from the linking records,
 * each change a new version of that record with a history entry and a `record.updated` event
 * by the deleting user, in the same transaction.
 */
export async function releaseIncomingLinks(
  core: RecordServiceCore,
  tx: DocumentStore,
  ctx: RecordContext,
  targetId: string,
  now: Date,
  emitted: string[],
): Promise<void> {
  const target = targetKey(ctx.formId, targetId);
  const refs = tx.collection<LinkRefDoc>(LINKS_COLLECTION);
  await lockTarget(tx, target);
  const groups = await refs.aggregate<{ _id: { form: string; path: string }; count: number }>([
    { $match: { target } },
    { $group: { _id: { form: '$sourceFormId', path: '$path' }, count: { $sum: 1 } } },
  ]);
  if (groups.length === 0) return;
  const blocking: Referrers[] = [];
  const clearing: Referrers[] = [];
  for (const g of groups) {
    const source = await core.forms.current(g._id.form).catch(() => null);
    // A form that is gone, or a field that no longer links here, holds no live link.
    const field = source?.links.find((l) => l.path === g._id.path && l.targetFormId === ctx.formId);
    if (!source || !field) continue;
    (field.onDelete === 'clear' ? clearing : blocking).push({ source, field, count: g.count });
  }
  if (blocking.length) {
    const total = blocking.reduce((n, b) => n + b.count, 0);
    const formName = (f: CompiledForm) => f.published.definition.schema.title ?? f.formId;
    throw conflict(
      `${total} record${total === 1 ? '' : 's'} link${total === 1 ? 's' : ''} to this record; remove those links first`,
      blocking.map((b) => ({
        path: `links.${b.source.formId}.${b.field.path}`,
        rule: 'linked',
        message: `${b.count} record${b.count === 1 ? '' : 's'} of "${formName(b.source)}" link here through "${b.field.label}"`,
      })),
      {
        references: blocking.map((b) => ({
          formId: b.source.formId,
          formName: formName(b.source),
          field: b.field.path,
          label: b.field.label,
          count: b.count,
        })),
      },
    );
  }
  const at = now.toISOString();
  for (const { source } of new Map(clearing.map((c) => [c.source.formId, c])).values()) {
    const fields = clearing.filter((c) => c.source.formId === source.formId).map((c) => c.field);
    const paths = fields.map((f) => f.path);
    const linking = await refs.find({ target, sourceFormId: source.formId, path: { $in: paths } });
    const collection = tx.collection<StoredRecord>(recordsCollection(source.formId));
    const sourceCtx: RecordContext = { ...ctx, appId: source.published.appId, formId: source.formId };
    for (const recordId of new Set(linking.map((r) => r.sourceRecordId))) {
      const doc = await collection.findOne({ _id: recordId });
      if (doc) {
        const next = valuesWithout(doc, fields, targetId);
        const changes = fieldChanges(doc, next, Object.keys(next));
        if (changes.length) {
          const version = doc._version + 1;
          const update = changeUpdate(changes, { _version: version, _updatedAt: at, _updatedBy: ctx.principal.userId });
          await collection.updateOne({ _id: recordId, _version: doc._version }, update);
          await tx
            .collection(HISTORY_COLLECTION)
            .insertOne(core.history(sourceCtx, recordId, version, 'update', at, changes));
          const changed = changes.map((c) => c.field);
          await core.publish(tx, core.event(sourceCtx, 'record.updated', recordId, version, at, changed), emitted);
        }
      }
      await refs.deleteMany({ target, sourceFormId: source.formId, sourceRecordId: recordId, path: { $in: paths } });
    }
  }
}

/**
 * When a record comes back from the recycle bin: links to records that are gone meanwhile
 * (deleted or purged) are dropped from it. Returns the record to store and the changes made
 * (recorded in the restore's history entry); the caller stores it, then registers its links
 * with `syncOutgoingLinks(tx, form, id, null, record)`.
 */
export async function withoutDeadLinks(
  tx: DocumentStore,
  form: CompiledForm,
  record: StoredRecord,
): Promise<{ record: StoredRecord; changes: FieldChange[] }> {
  const self = (l: LinkedId) => l.field.targetFormId === form.formId && l.targetId === record._id;
  const links = linkedIds(form, record).filter((l) => !self(l));
  const missing = links.length ? await missingTargets(tx, links) : [];
  if (missing.length === 0) return { record, changes: [] };
  let values: Record<string, unknown> = { ...record };
  for (const m of missing) values = { ...values, ...valuesWithout(values, [m.field], m.targetId) };
  const changes = fieldChanges(record, values, [...new Set(missing.map((m) => m.field.key))]);
  const restored: StoredRecord = { ...record };
  for (const c of changes) {
    if (c.to === null) delete restored[c.field];
    else restored[c.field] = c.to;
  }
  return { record: restored, changes };
}
