import type { BlobStore } from '@formloom/model';
import { openBlobStore } from '../adapters/blob/index.js';
import type { FormloomApp, Services } from '../server/types.js';
import { recordEventsOf } from '../records/index.js';
import { BlobRefs } from './blob-refs.js';
import { registerFileRouteScope } from './file-routes.js';

export { receiveUpload, safeFileName, type ReceivedUpload, type ReceiveOptions } from './receive-upload.js';
export { sniffContentType, ACCEPTED_KINDS, type AcceptedType } from './content-sniffing.js';
export { contentDisposition } from './content-disposition.js';
export { sendBlob } from './send-blob.js';
export { BlobRefs, fileIdsIn, BLOB_REFS } from './blob-refs.js';

declare module '../server/types.js' {
  interface Services {
    /** The blob store (attachments, images, signatures, import files); see `blobStoreOf`. */
    blobs?: BlobStore;
  }
}

const closers = new WeakMap<Services, () => Promise<void>>();

/**
 * The process's blob store, opened once per Services object (GridFS with MONGO_URL, files
 * under DATA_DIR otherwise). `closeBlobStore` releases the GridFS client.
 */
export async function blobStoreOf(services: Services): Promise<BlobStore> {
  if (services.blobs) return services.blobs;
  const { blobs, close } = await openBlobStore(services.config, services.store);
  // Another caller may have opened one meanwhile: keep the first.
  if (services.blobs) {
    await close();
    return services.blobs;
  }
  services.blobs = blobs;
  closers.set(services, close);
  return blobs;
}

export async function closeBlobStore(services: Services): Promise<void> {
  const close = closers.get(services);
  closers.delete(services);
  await close?.();
}

/** Route module: `/api/files` upload and download (in their own scope, with the multipart parser). */
export async function registerFileRoutes(app: FormloomApp): Promise<void> {
  const blobs = await blobStoreOf(app.services);
  app.addHook('onClose', async () => closeBlobStore(app.services));
  const refs = new BlobRefs(app.services.store, () => blobStoreOf(app.services));
  await refs.ensureIndexes();
  await app.register(async (scope: FormloomApp) => registerFileRouteScope(scope, blobs, refs));
}

/**
 * Worker module: keeps the `blob_refs` index (which records reference which files) in line
 * with the record events. Registered before the record-event dispatcher starts, so events
 * re-armed at boot reach it too.
 */
export async function registerBlobRefWorker(services: Services): Promise<void> {
  const refs = new BlobRefs(services.store, () => blobStoreOf(services));
  await refs.ensureIndexes();
  recordEventsOf(services).subscribe((event) => refs.sync(event));
}
