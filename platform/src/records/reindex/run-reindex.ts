import { recordsCollection, type RecordService } from '@formloom/engine';
import type { Doc, DocumentStore } from '@formloom/model';
import { FORMS, type FormDoc } from '../../apps/app.types.js';
import type { BlobRefs } from '../../files/blob-refs.js';
import {
  DATA_VERSION,
  REINDEX_ID,
  STORE_META,
  dataVersion,
  reindexState,
  setDataVersion,
  type ReindexStateDoc,
} from './reindex-state.js';

/**
 * The reindex of the link and file indexes (`record_links`, `blob_refs`) over every record of
 * every published form, in batches of record ids in `_id` order per form. Progress (the form and
 * the last id done) is written after each batch, so a run that stops — a crash, a shutdown, the
 * `stopAfter` limit of a queue job — goes on from there next time; each batch is idempotent, so
 * repeating part of one changes nothing. When the last form is done the store's data version is
 * set, and start-up no longer schedules a run.
 */
export interface ReindexDeps {
  store: DocumentStore;
  records: Pick<RecordService, 'reindexLinks'>;
  blobRefs: Pick<BlobRefs, 'reindex'>;
  clock?: () => Date;
  /** Told after every batch and when the run is done. */
  onProgress?: (state: ReindexStateDoc) => void;
}

export interface ReindexOptions {
  /** Record ids per batch (default 200). */
  batchSize?: number;
  /** Start over even when a run is under way or done (the CLI's `--full`). */
  full?: boolean;
  /** Stop after this many batches (a queue job's share of the work); the next call resumes. */
  stopAfter?: number;
}

const DEFAULT_BATCH = 200;

/** Published forms, oldest first (the run's form list). */
async function publishedForms(store: DocumentStore): Promise<string[]> {
  const docs = await store
    .collection<FormDoc>(FORMS)
    .find(
      { publishedVersion: { $ne: null }, deletedAt: null },
      { sort: { createdAt: 1, _id: 1 }, projection: { _id: 1 } },
    );
  return docs.map((d) => d._id);
}

/** The run to continue, or a new one when there is none for this data version (or `full`). */
async function currentRun(deps: ReindexDeps, full: boolean): Promise<ReindexStateDoc> {
  const existing = await reindexState(deps.store);
  if (existing && !full && existing.targetVersion === DATA_VERSION) return existing;
  const at = (deps.clock?.() ?? new Date()).toISOString();
  const fresh: ReindexStateDoc = {
    _id: REINDEX_ID,
    targetVersion: DATA_VERSION,
    state: 'running',
    forms: await publishedForms(deps.store),
    formIndex: 0,
    lastId: null,
    step: (existing?.step ?? 0) + 1,
    checked: 0,
    repairedLinks: 0,
    repairedFiles: 0,
    startedAt: at,
    updatedAt: at,
    finishedAt: null,
  };
  await deps.store.collection<ReindexStateDoc>(STORE_META).replaceOne({ _id: REINDEX_ID }, fresh, { upsert: true });
  return fresh;
}

/**
 * Runs (or continues) the reindex until it is done or `stopAfter` batches are made; returns
 * the state it left. Another runner at the same time (the CLI while a server runs it) is safe:
 * progress moves by compare-and-set on `step`, and a runner that loses continues from the other's.
 */
export async function runReindex(deps: ReindexDeps, options: ReindexOptions = {}): Promise<ReindexStateDoc> {
  const { store } = deps;
  const meta = store.collection<ReindexStateDoc>(STORE_META);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const now = () => (deps.clock?.() ?? new Date()).toISOString();
  let run = await currentRun(deps, options.full === true);
  let batches = 0;
  while (run.state === 'running') {
    if (options.stopAfter !== undefined && batches >= options.stopAfter) return run;
    const formId = run.forms[run.formIndex];
    let next: Partial<ReindexStateDoc>;
    if (formId === undefined) {
      next = { state: 'done', finishedAt: now() };
    } else {
      const page = await store
        .collection<Doc>(recordsCollection(formId))
        .find(run.lastId === null ? {} : { _id: { $gt: run.lastId } }, {
          sort: { _id: 1 },
          limit: batchSize,
          projection: { _id: 1 },
        });
      const ids = page.map((d) => d._id);
      if (ids.length === 0) {
        next = { formIndex: run.formIndex + 1, lastId: null };
      } else {
        const links = await deps.records.reindexLinks(formId, ids);
        const files = await deps.blobRefs.reindex(formId, ids);
        next = {
          lastId: ids[ids.length - 1],
          checked: run.checked + ids.length,
          repairedLinks: run.repairedLinks + links.repaired,
          repairedFiles: run.repairedFiles + files,
        };
      }
    }
    batches++;
    const moved = await meta.findOneAndUpdate(
      { _id: REINDEX_ID, step: run.step },
      { $set: { ...next, step: run.step + 1, updatedAt: now() } },
      { returnDocument: 'after' },
    );
    // Another runner moved on meanwhile: continue from where it is (its state vanished: stop).
    const current = moved ?? (await reindexState(store));
    if (current === null) return run;
    run = current;
    if (moved) deps.onProgress?.(run);
    if (moved && run.state === 'done') await setDataVersion(store, run.targetVersion, now());
  }
  if ((await dataVersion(store)) < run.targetVersion) await setDataVersion(store, run.targetVersion, now());
  return run;
}

/** Whether the store's indexes are older than this code's (start-up then schedules a run). */
export async function needsReindex(store: DocumentStore): Promise<boolean> {
  return (await dataVersion(store)) < DATA_VERSION;
}
