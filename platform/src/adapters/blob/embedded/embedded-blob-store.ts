import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobContent, BlobMeta, BlobPutOptions, BlobStore, DocumentStore } from '@formloom/model';
import { BLOB_ID_PATTERN, blobsCollection, toBlobDoc, toBlobMeta } from '../blob-metadata.js';
import { MeasureStream, contentSource } from '../measure-stream.js';

export interface EmbeddedBlobStoreOptions {
  /** The data directory; blobs go under `<dataDir>/blobs`. */
  dataDir: string;
  /** Where the metadata goes (collection `blobs`). */
  store: DocumentStore;
}

/**
 * Blobs as files under `<dataDir>/blobs/<first two characters of the id>/<id>`. Content is
 * written to `<dataDir>/blobs/tmp/…`, flushed to disk and renamed into place, and only then is
 * the metadata stored: a crash leaves either no blob or a whole file (at worst an orphan file
 * without metadata, which is never served). Deleting removes the metadata first.
 */
export function createEmbeddedBlobStore(options: EmbeddedBlobStoreOptions): BlobStore {
  const root = join(options.dataDir, 'blobs');
  const tmpDir = join(root, 'tmp');
  const metadata = blobsCollection(options.store);
  const pathOf = (id: string) => join(root, id.slice(0, 2), id);

  async function writeFileAtomically(
    content: AsyncIterable<Uint8Array> | Uint8Array,
    finalPath: string,
    maxBytes: number | undefined,
  ) {
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const measure = new MeasureStream(maxBytes);
    try {
      await pipeline(contentSource(content), measure, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
      const handle = await open(tmpPath, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await mkdir(join(finalPath, '..'), { recursive: true });
      await rename(tmpPath, finalPath);
    } catch (e) {
      await rm(tmpPath, { force: true });
      throw e;
    }
    return { size: measure.size, sha256: measure.digest() };
  }

  async function stat_(id: string): Promise<BlobMeta | null> {
    if (!BLOB_ID_PATTERN.test(id)) return null;
    const doc = await metadata.findOne({ _id: id });
    return doc ? toBlobMeta(doc) : null;
  }

  return {
    kind: 'embedded',

    async put(content, putOptions: BlobPutOptions) {
      const id = randomBytes(16).toString('hex');
      const { size, sha256 } = await writeFileAtomically(content, pathOf(id), putOptions.maxBytes);
      const meta: BlobMeta = {
        id,
        name: putOptions.name,
        size,
        sha256,
        contentType: putOptions.contentType,
        createdBy: putOptions.createdBy ?? null,
        createdAt: new Date().toISOString(),
      };
      try {
        await metadata.insertOne(toBlobDoc(meta));
      } catch (e) {
        await rm(pathOf(id), { force: true });
        throw e;
      }
      return meta;
    },

    async get(id): Promise<BlobContent | null> {
      const meta = await stat_(id);
      if (!meta) return null;
      const path = pathOf(id);
      try {
        await stat(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      return { meta, stream: createReadStream(path) };
    },

    stat: stat_,

    async exists(id) {
      return (await stat_(id)) !== null;
    },

    async delete(id) {
      if (!BLOB_ID_PATTERN.test(id)) return false;
      const deleted = await metadata.deleteOne({ _id: id });
      await rm(pathOf(id), { force: true });
      return deleted > 0;
    },
  };
}

/**
 * Removes temp files a crash left in `<dataDir>/blobs/tmp` (older than `olderThanMs`, so an
 * upload running in another process is not cut off). Returns how many were removed.
 */
export async function removeStaleTempFiles(dataDir: string, olderThanMs = 3600_000): Promise<number> {
  const tmpDir = join(dataDir, 'blobs', 'tmp');
  let removed = 0;
  for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
    const path = join(tmpDir, name);
    const info = await stat(path).catch(() => null);
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}
