import type { Doc, DocumentStore } from '@formloom/model';

/**
 * The store's data version and the reindex progress, in `store_meta`.
 *
 * `DATA_VERSION` names what this code keeps in the store besides the records themselves:
 * 1 = the `record_links` reverse index (link integrity) and the `blob_refs` index (files read
 * through records) are written with every record. A store whose marker is older (or missing:
 * data written before the marker existed) is reindexed in the background at start-up.
 */
export const DATA_VERSION = 1;
export const STORE_META = 'store_meta';
const DATA_ID = 'data-version';
export const REINDEX_ID = 'reindex';

export interface DataVersionDoc extends Doc {
  version: number;
  updatedAt: string;
}

export type ReindexPhase = 'running' | 'done';

/** One reindex run: the forms captured when it started and the cursor in them. */
export interface ReindexStateDoc extends Doc {
  targetVersion: number;
  state: ReindexPhase;
  /** Form ids to visit, in order (published forms when the run started; newer forms are indexed as they are written). */
  forms: string[];
  formIndex: number;
  /** The last record id done in `forms[formIndex]`; null at the start of a form. */
  lastId: string | null;
  /** Batches done; every progress write is a compare-and-set on it, so two runners never move the cursor back. */
  step: number;
  checked: number;
  repairedLinks: number;
  repairedFiles: number;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export async function dataVersion(store: DocumentStore): Promise<number> {
  const doc = await store.collection<DataVersionDoc>(STORE_META).findOne({ _id: DATA_ID });
  return doc?.version ?? 0;
}

export async function setDataVersion(store: DocumentStore, version: number, at: string): Promise<void> {
  await store
    .collection<DataVersionDoc>(STORE_META)
    .updateOne({ _id: DATA_ID }, { $set: { version, updatedAt: at } }, { upsert: true });
}

export async function reindexState(store: DocumentStore): Promise<ReindexStateDoc | null> {
  return store.collection<ReindexStateDoc>(STORE_META).findOne({ _id: REINDEX_ID });
}
