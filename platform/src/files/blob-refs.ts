import { BIN_COLLECTION, HISTORY_COLLECTION, recordsCollection } from '@formloom/engine';
import type { BlobStore, Doc, DocumentStore, HistoryEntry, RecordEvent } from '@formloom/model';

/**
 * The reverse index from files to the records that reference them (`blob_refs`, one document
 * per blob × record), so `GET /api/files/:id` can find which records to ask the engine about.
 * It is a list of candidates, never the permission itself: the download still reads the
 * record through the RecordService as the caller and looks for the file in what they may read.
 * Kept up to date from the record events (created, updated, restored); entries of deleted or
 * purged records stay until the record is seen gone, and grant nothing meanwhile.
 */
export const BLOB_REFS = 'blob_refs';
const CANDIDATES = 50;

export interface BlobRefDoc extends Doc {
  _id: string;
  blobId: string;
  formId: string;
  recordId: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filesIn(value: unknown, into: Set<string>): void {
  if (!Array.isArray(value)) return;
  for (const item of value) {
    if (!isObject(item)) continue;
    if (typeof item.blobId === 'string') into.add(item.blobId);
    // A subform row: its cells may be file lists too.
    else for (const cell of Object.values(item)) filesIn(cell, into);
  }
}

/**
 * The blob ids of every file value among a record's field values: lists of `{blobId, …}` at
 * the top level (attachment, image, signature) and inside subform rows. System fields
 * (`_…`) are skipped.
 */
export function fileIdsIn(data: Record<string, unknown>): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(data)) if (!key.startsWith('_')) filesIn(value, ids);
  return ids;
}

export class BlobRefs {
  constructor(
    private readonly store: DocumentStore,
    private readonly blobs: () => Promise<BlobStore>,
  ) {}

  private get collection() {
    return this.store.collection<BlobRefDoc>(BLOB_REFS);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ keys: { blobId: 1 } });
    await this.collection.createIndex({ keys: { formId: 1, recordId: 1 } });
  }

  /** Records that may reference the blob (at most 50; checked by the caller). */
  async referencing(blobId: string): Promise<BlobRefDoc[]> {
    return this.collection.find({ blobId }, { limit: CANDIDATES });
  }

  /**
   * Backfill (the reindex job): brings the entries of these records of `formId` in line with
   * their stored values, for records written before the index existed. The rule of `sync`
   * holds, judged from the record's history: a file counts when the change that put it into the
   * record was made by whoever uploaded it, or by the system or a public-link filler (no user).
   * A record found neither live nor in the recycle bin loses its entries. Idempotent; returns
   * how many records needed a change. An entry added for a value a concurrent edit just removed
   * is only a stale candidate: downloads check the record's current values.
   */
  async reindex(formId: string, recordIds: string[]): Promise<number> {
    let repaired = 0;
    const blobs = await this.blobs();
    for (const recordId of new Set(recordIds)) {
      const record = await this.store.collection(recordsCollection(formId)).findOne({ _id: recordId });
      const existing = await this.collection.find({ formId, recordId });
      if (record === null) {
        const binned = await this.store.collection(BIN_COLLECTION).findOne({ _id: recordId });
        if (binned === null && existing.length > 0) {
          await this.collection.deleteMany({ formId, recordId });
          repaired++;
        }
        continue;
      }
      const now = fileIdsIn(record);
      const known = new Set(existing.map((ref) => ref.blobId));
      const gone = existing.filter((ref) => !now.has(ref.blobId)).map((ref) => ref._id);
      const missing = [...now].filter((blobId) => !known.has(blobId));
      if (gone.length === 0 && missing.length === 0) continue;
      if (gone.length > 0) await this.collection.deleteMany({ _id: { $in: gone } });
      const history =
        missing.length === 0
          ? []
          : await this.store.collection<HistoryEntry & Doc>(HISTORY_COLLECTION).find({ recordId, formId });
      for (const blobId of missing) {
        const meta = await blobs.stat(blobId);
        if (meta === null) continue;
        const quoted = JSON.stringify(blobId);
        const writers = history
          .filter((h) => h.changes.some((c) => JSON.stringify(c.to ?? null).includes(quoted)))
          .map((h) => h.by);
        if (writers.length === 0) writers.push(typeof record._createdBy === 'string' ? record._createdBy : null);
        if (!writers.some((by) => by === null || by === meta.createdBy)) continue;
        const _id = `${blobId}:${formId}:${recordId}`;
        await this.collection.updateOne({ _id }, { $set: { blobId, formId, recordId } }, { upsert: true });
      }
      repaired++;
    }
    return repaired;
  }

  /**
   * Brings the index in line with the record after an event. A file newly referenced counts
   * only when whoever wrote the record uploaded it (or the write was anonymous through a
   * public link, whose route checks the uploads itself, or by the system): knowing a blob id
   * is not enough to make someone else's file readable by putting it into a record.
   */
  async sync(event: RecordEvent): Promise<void> {
    if (event.type === 'record.deleted') return;
    const { formId, recordId } = event;
    const record = await this.store.collection(recordsCollection(formId)).findOne({ _id: recordId });
    const now = record === null ? new Set<string>() : fileIdsIn(record);
    // A new record without files (most of them, e.g. an import) costs one read here.
    if (event.type === 'record.created' && record !== null && now.size === 0) return;
    const existing = await this.collection.find({ formId, recordId });
    if (record === null) {
      const binned = await this.store.collection(BIN_COLLECTION).findOne({ _id: recordId });
      if (binned === null && existing.length > 0) await this.collection.deleteMany({ formId, recordId });
      return;
    }
    const known = new Set(existing.map((ref) => ref.blobId));
    const gone = existing.filter((ref) => !now.has(ref.blobId)).map((ref) => ref._id);
    if (gone.length > 0) await this.collection.deleteMany({ _id: { $in: gone } });
    const blobs = await this.blobs();
    for (const blobId of now) {
      if (known.has(blobId)) continue;
      const meta = await blobs.stat(blobId);
      if (meta === null || (event.by !== null && meta.createdBy !== event.by)) continue;
      const _id = `${blobId}:${formId}:${recordId}`;
      await this.collection.updateOne({ _id }, { $set: { blobId, formId, recordId } }, { upsert: true });
    }
  }
}
