import type { BlobStore, DocumentStore } from '@formloom/model';
import { BLOB_REFS } from '../files/blob-refs.js';
import { blobStoreOf } from '../files/index.js';
import type { Services } from '../server/types.js';
import { PUBLIC_UPLOAD_KEPT_MS, PublicUploads } from './public-uploads.js';

export const PUBLIC_FORMS_QUEUE = 'public-forms';
const CLEANUP_JOB = 'uploads.cleanup';
const BATCH = 500;

/**
 * Deletes files uploaded through public links and never submitted, once they are older than
 * two days (anonymous uploads would otherwise pile up). A file some record references after
 * all (`blob_refs`) is kept and only forgotten here. Returns how many blobs were deleted.
 */
export async function cleanAbandonedPublicUploads(
  store: DocumentStore,
  blobs: BlobStore,
  now: Date = new Date(),
): Promise<number> {
  const uploads = new PublicUploads(store);
  const refs = store.collection(BLOB_REFS);
  let deleted = 0;
  for (;;) {
    const batch = await uploads.abandoned(new Date(now.getTime() - PUBLIC_UPLOAD_KEPT_MS), BATCH);
    for (const upload of batch) {
      const referenced = await refs.findOne({ blobId: upload._id });
      if (referenced === null && (await blobs.delete(upload._id))) deleted++;
      await uploads.forget(upload._id);
    }
    if (batch.length < BATCH) return deleted;
  }
}

/** Worker module: the clean-up above every hour (idempotent schedule, like the session clean-up). */
export async function registerPublicUploadCleanupWorker(services: Services): Promise<void> {
  await new PublicUploads(services.store).ensureIndexes();
  await services.queue.process(PUBLIC_FORMS_QUEUE, async (job) => {
    if (job.name === CLEANUP_JOB) await cleanAbandonedPublicUploads(services.store, await blobStoreOf(services));
  });
  await services.queue.schedule(PUBLIC_FORMS_QUEUE, 'public-uploads-cleanup', '43 * * * *', CLEANUP_JOB, {});
}
