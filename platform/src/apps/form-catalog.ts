import type { DocumentStore, PublishedFormVersion } from '@formloom/model';
import type { FormCatalog } from '@formloom/engine';
import { FORM_VERSIONS, formVersionId, type FormVersionDoc } from './app.types.js';
import { LruCache } from './registry-cache.js';

/** Reads the latest published version number of a form, or null (never published, deleted, unknown). */
export type PublishedPointer = (formId: string) => Promise<number | null>;

/**
 * The engine's view of published form versions. Versions are immutable, so they are cached
 * for the life of the process; which version is the latest comes from `pointer`, which the
 * form registry answers from its own (write-invalidated) cache on the embedded store and from
 * the store on MongoDB, where other processes may publish.
 */
export class RegistryFormCatalog implements FormCatalog {
  private readonly versions = new LruCache<PublishedFormVersion>(1000);

  constructor(
    private readonly store: DocumentStore,
    private readonly pointer: PublishedPointer,
  ) {}

  async getPublished(formId: string): Promise<PublishedFormVersion | null> {
    const version = await this.pointer(formId);
    return version === null ? null : this.getVersion(formId, version);
  }

  async getVersion(formId: string, version: number): Promise<PublishedFormVersion | null> {
    const id = formVersionId(formId, version);
    const cached = this.versions.get(id);
    if (cached !== undefined) return cached;
    const doc = await this.store.collection<FormVersionDoc>(FORM_VERSIONS).findOne({ _id: id });
    if (doc === null) return null;
    const published = toPublished(doc);
    this.versions.set(id, published);
    return published;
  }
}

export function toPublished(doc: FormVersionDoc): PublishedFormVersion {
  return {
    formId: doc.formId,
    appId: doc.appId,
    version: doc.version,
    definition: doc.definition,
    publishedAt: doc.publishedAt,
    publishedBy: doc.publishedBy,
  };
}
