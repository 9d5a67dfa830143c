import { pipeline } from 'node:stream/promises';
import type { BlobContent, BlobMeta, BlobPutOptions, BlobStore, DocumentStore } from '@formloom/model';
import { GridFSBucket, MongoClient, ObjectId, type Db } from 'mongodb';
import { BLOB_ID_PATTERN, blobsCollection, toBlobDoc, toBlobMeta } from '../blob-metadata.js';
import { MeasureStream, contentSource } from '../measure-stream.js';

export interface GridFsBlobStoreOptions {
  /** The database the bytes go to (bucket `blobs`: collections `blobs.files` and `blobs.chunks`). */
  db: Db;
  /** Where the metadata goes (collection `blobs`), normally the MongoDB document store. */
  store: DocumentStore;
}

const BUCKET = 'blobs';

/**
 * Blobs in MongoDB GridFS through the official driver's GridFSBucket. The blob id is the GridFS
 * file id (an ObjectId as 24 hex characters). GridFS writes the `files` document only after
 * every chunk, and the metadata goes to the `blobs` collection after that, so a blob is
 * either whole or absent; an upload that fails (or is too large) is aborted, which removes
 * the chunks already written.
 */
export function createGridFsBlobStore(options: GridFsBlobStoreOptions): BlobStore {
  const bucket = new GridFSBucket(options.db, { bucketName: BUCKET });
  const metadata = blobsCollection(options.store);

  async function stat(id: string): Promise<BlobMeta | null> {
    if (!BLOB_ID_PATTERN.test(id)) return null;
    const doc = await metadata.findOne({ _id: id });
    return doc ? toBlobMeta(doc) : null;
  }

  return {
    kind: 'gridfs',

    async put(content, putOptions: BlobPutOptions) {
      const fileId = new ObjectId();
      const id = fileId.toHexString();
      const upload = bucket.openUploadStreamWithId(fileId, id, { metadata: { contentType: putOptions.contentType } });
      const measure = new MeasureStream(putOptions.maxBytes);
      try {
        await pipeline(contentSource(content), measure, upload);
      } catch (e) {
        await upload.abort().catch(() => undefined);
        throw e;
      }
      const meta: BlobMeta = {
        id,
        name: putOptions.name,
        size: measure.size,
        sha256: measure.digest(),
        contentType: putOptions.contentType,
        createdBy: putOptions.createdBy ?? null,
        createdAt: new Date().toISOString(),
      };
      try {
        await metadata.insertOne(toBlobDoc(meta));
      } catch (e) {
        await bucket.delete(fileId).catch(() => undefined);
        throw e;
      }
      return meta;
    },

    async get(id): Promise<BlobContent | null> {
      const meta = await stat(id);
      if (!meta || !ObjectId.isValid(id)) return null;
      const fileId = new ObjectId(id);
      const found = await bucket.find({ _id: fileId }, { limit: 1 }).toArray();
      if (found.length === 0) return null;
      return { meta, stream: bucket.openDownloadStream(fileId) };
    },

    stat,

    async exists(id) {
      return (await stat(id)) !== null;
    },

    async delete(id) {
      if (!BLOB_ID_PATTERN.test(id)) return false;
      const deleted = await metadata.deleteOne({ _id: id });
      if (ObjectId.isValid(id)) {
        await bucket.delete(new ObjectId(id)).catch((e: unknown) => {
          // Already gone (a retried delete): nothing to do.
          if (!(e instanceof Error && /not found/i.test(e.message))) throw e;
        });
      }
      return deleted > 0;
    },
  };
}

/** Connects its own client to `url` and returns the GridFS blob store plus a close function. */
export async function openGridFsBlobStore(options: {
  url: string;
  dbName?: string;
  store: DocumentStore;
}): Promise<{ blobs: BlobStore; close: () => Promise<void> }> {
  const client = new MongoClient(options.url);
  await client.connect();
  const db = client.db(options.dbName);
  return { blobs: createGridFsBlobStore({ db, store: options.store }), close: () => client.close() };
}
