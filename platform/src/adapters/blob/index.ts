import type { BlobStore, DocumentStore } from '@formloom/model';
import type { Config } from '../../config.js';
import { createEmbeddedBlobStore, removeStaleTempFiles } from './embedded/embedded-blob-store.js';

export {
  createEmbeddedBlobStore,
  removeStaleTempFiles,
  type EmbeddedBlobStoreOptions,
} from './embedded/embedded-blob-store.js';
export { BLOBS, BLOB_ID_PATTERN, type BlobDoc } from './blob-metadata.js';

/**
 * The blob store for this configuration: GridFS when MONGO_URL is set (with its own client,
 * closed by `close`), otherwise files under `<DATA_DIR>/blobs`. Metadata goes to `store`.
 */
export async function openBlobStore(
  config: Pick<Config, 'dataDir' | 'mongoUrl' | 'mongoDb'>,
  store: DocumentStore,
): Promise<{ blobs: BlobStore; close: () => Promise<void> }> {
  if (config.mongoUrl === null) {
    await removeStaleTempFiles(config.dataDir);
    return { blobs: createEmbeddedBlobStore({ dataDir: config.dataDir, store }), close: async () => undefined };
  }
  const { openGridFsBlobStore } = await import('./gridfs/gridfs-blob-store.js');
  return openGridFsBlobStore({ url: config.mongoUrl, dbName: config.mongoDb ?? undefined, store });
}
