/**
 * Blob store port: the bytes of attachments, images and signatures. Implemented by the
 * embedded adapter (files under `<DATA_DIR>/blobs`) and by GridFS when MONGO_URL is set.
 * Metadata (name, size, sha256, content type, uploader) lives in the document store's
 * `blobs` collection for both, so listings and access checks never touch the bytes.
 *
 * The content type given to `put` must already be checked by the caller (the upload route
 * sniffs the bytes); the store records it as given. Blob ids match `^[A-Za-z0-9_-]{1,64}$`,
 * the pattern file fields of records accept.
 */
export interface BlobPutOptions {
  /** Media type established from the content, e.g. `image/png`. */
  contentType: string;
  /** The original file name, kept for downloads; never used as a path. */
  name: string;
  /** User id of the uploader; null for system writes. */
  createdBy?: string | null;
  /** Refuse (and store nothing) when the content is longer than this many bytes. */
  maxBytes?: number;
}

export interface BlobMeta {
  id: string;
  name: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  contentType: string;
  createdBy: string | null;
  createdAt: string;
}

export interface BlobContent {
  meta: BlobMeta;
  /** The bytes, read lazily (a Node Readable in both adapters). */
  stream: AsyncIterable<Uint8Array>;
}

/** Thrown by `put` when the content exceeds `maxBytes`; nothing is stored. */
export class BlobTooLargeError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`The content is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
    this.maxBytes = maxBytes;
  }
}

export interface BlobStore {
  readonly kind: 'embedded' | 'gridfs';
  /** Stores the content completely (crash-safe: a blob is either whole or absent) and returns its metadata. */
  put(content: AsyncIterable<Uint8Array> | Uint8Array, options: BlobPutOptions): Promise<BlobMeta>;
  /** null when there is no such blob. */
  get(id: string): Promise<BlobContent | null>;
  /** Metadata only; null when there is no such blob. */
  stat(id: string): Promise<BlobMeta | null>;
  exists(id: string): Promise<boolean>;
  /** Returns whether something was deleted. */
  delete(id: string): Promise<boolean>;
}
