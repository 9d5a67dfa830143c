import type { DocumentStore } from '@formloom/model';

/**
 * Files uploaded anonymously through a public link (`public_uploads`, `_id` = blob id): which
 * form's link took them and which record they went into. A submission may only reference
 * files its own link took and no record used yet; the filler may see such a file (its
 * thumbnail) for a day, until it is submitted.
 */
export const PUBLIC_UPLOADS = 'public_uploads';

/** How long an anonymous filler may read back a file they uploaded and have not submitted yet. */
export const PUBLIC_UPLOAD_READABLE_MS = 24 * 3600 * 1000;
/** Unsubmitted uploads older than this are deleted with their blobs by the clean-up job. */
export const PUBLIC_UPLOAD_KEPT_MS = 2 * 24 * 3600 * 1000;

export interface PublicUploadDoc {
  _id: string;
  formId: string;
  createdAt: string;
  /** The record the file was submitted with; null until then. */
  recordId: string | null;
  [key: string]: unknown;
}

export class PublicUploads {
  constructor(private readonly store: DocumentStore) {}

  private get collection() {
    return this.store.collection<PublicUploadDoc>(PUBLIC_UPLOADS);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ keys: { recordId: 1, createdAt: 1 } });
  }

  async add(blobId: string, formId: string, now: Date): Promise<void> {
    await this.collection.insertOne({ _id: blobId, formId, createdAt: now.toISOString(), recordId: null });
  }

  /** The uploads of `formId` among `blobIds` that no record has used yet. */
  async unused(formId: string, blobIds: string[]): Promise<Set<string>> {
    if (blobIds.length === 0) return new Set();
    const found = await this.collection.find({ _id: { $in: blobIds }, formId, recordId: null });
    return new Set(found.map((doc) => doc._id));
  }

  /** Whether the link of `formId` took this file, it is not submitted yet and not older than a day. */
  async readable(formId: string, blobId: string, now: Date): Promise<boolean> {
    const doc = await this.collection.findOne({ _id: blobId, formId, recordId: null });
    return doc !== null && now.getTime() - Date.parse(doc.createdAt) <= PUBLIC_UPLOAD_READABLE_MS;
  }

  /** Unsubmitted uploads older than `before` (at most `limit`), oldest first. */
  async abandoned(before: Date, limit: number): Promise<PublicUploadDoc[]> {
    return this.collection.find(
      { recordId: null, createdAt: { $lt: before.toISOString() } },
      { sort: { createdAt: 1 }, limit },
    );
  }

  async forget(blobId: string): Promise<void> {
    await this.collection.deleteOne({ _id: blobId });
  }

  async markUsed(blobIds: string[], recordId: string): Promise<void> {
    if (blobIds.length === 0) return;
    await this.collection.updateMany({ _id: { $in: blobIds }, recordId: null }, { $set: { recordId } });
  }
}
