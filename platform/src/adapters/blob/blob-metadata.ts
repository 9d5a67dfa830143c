import type { BlobMeta, Collection, DocumentStore } from '@formloom/model';

/** The `blobs` collection: one document per blob, shared by every blob adapter. */
export const BLOBS = 'blobs';

export interface BlobDoc {
  _id: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  createdBy: string | null;
  createdAt: string;
  [key: string]: unknown;
}

/** Blob ids as the file fields of records accept them (`^[A-Za-z0-9_-]{1,64}$`). */
export const BLOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function blobsCollection(store: DocumentStore): Collection<BlobDoc> {
  return store.collection<BlobDoc>(BLOBS);
}

export function toBlobMeta(doc: BlobDoc): BlobMeta {
  return {
    id: doc._id,
    name: doc.name,
    size: doc.size,
    sha256: doc.sha256,
    contentType: doc.contentType,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
  };
}

export function toBlobDoc(meta: BlobMeta): BlobDoc {
  return { _id: meta.id, ...metaWithoutId(meta) };
}

function metaWithoutId({ id: _id, ...rest }: BlobMeta): Omit<BlobMeta, 'id'> {
  return rest;
}
