import { isFormloomError, type DocumentStore, type StoredRecord } from '@formloom/model';
import { LINKS_COLLECTION, recordsCollection } from './collections.js';
import type { CompiledForm } from './compiled-form.js';
import { linkRefDocs, lockTarget, type LinkRefDoc } from './record-links.js';
import type { RecordServiceCore } from './record-service-core.js';
import type { LinkReindexPage } from './record-service.types.js';

/**
 * Rebuilding the `record_links` entries of records stored before the index existed (or
 * damaged by hand), for a page of a form's record ids the caller chose (a record no longer live
 * loses its entries). Each record is checked in its own transaction: the entries
 * its current values call for are compared with the stored ones, and only a difference writes
 * (missing entries added, stale ones removed), so a second run changes nothing.
 *
 * Concurrent writes: on the embedded store transactions run one at a time. On MongoDB a repair
 * also writes the record itself (`_linksIndexedAt`, a system key nobody reads) guarded by the
 * version it read, and locks the linked records like a link write does, so an update, delete or
 * link-target delete that commits meanwhile makes one of the two transactions retry instead of
 * leaving entries of an old version behind.
 */
export function createLinkReindex(core: RecordServiceCore) {
  const { store } = core;

  async function repairOne(form: CompiledForm, recordId: string, at: string): Promise<boolean> {
    return store.transaction(async (tx: DocumentStore) => {
      const record = await tx.collection<StoredRecord>(recordsCollection(form.formId)).findOne({ _id: recordId });
      const refs = tx.collection<LinkRefDoc>(LINKS_COLLECTION);
      const stored = await refs.find({ sourceFormId: form.formId, sourceRecordId: recordId });
      const wanted = record === null ? [] : linkRefDocs(form, recordId, record);
      const wantedIds = new Set(wanted.map((r) => r._id));
      const storedIds = new Set(stored.map((r) => r._id));
      const missing = wanted.filter((r) => !storedIds.has(r._id));
      const stale = stored.filter((r) => !wantedIds.has(r._id));
      if (missing.length === 0 && stale.length === 0) return false;
      if (record !== null && tx.kind !== 'embedded') {
        const touched = await tx
          .collection<StoredRecord>(recordsCollection(form.formId))
          .updateOne({ _id: recordId, _version: record._version }, { $set: { _linksIndexedAt: at } });
        if (touched.matchedCount === 0) return false;
        for (const target of new Set(missing.map((r) => r.target))) await lockTarget(tx, target);
      }
      if (stale.length) await refs.deleteMany({ _id: { $in: stale.map((r) => r._id) } });
      for (const ref of missing) await refs.replaceOne({ _id: ref._id }, ref, { upsert: true });
      return true;
    });
  }

  return {
    async reindexLinks(formId: string, recordIds: string[]): Promise<LinkReindexPage> {
      let form: CompiledForm;
      try {
        form = await core.forms.current(formId);
      } catch (e) {
        // A form no longer published holds no live links (see releaseIncomingLinks).
        if (isFormloomError(e)) return { checked: 0, repaired: 0 };
        throw e;
      }
      if (form.links.length === 0) return { checked: recordIds.length, repaired: 0 };
      await core.ensureGlobalIndexes();
      const at = core.clock().toISOString();
      let repaired = 0;
      for (const id of new Set(recordIds)) if (await repairOne(form, id, at)) repaired++;
      return { checked: recordIds.length, repaired };
    },
  };
}
