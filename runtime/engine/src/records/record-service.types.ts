import type { Condition, HistoryEntry, Principal, PublishedFormVersion, RecordView } from '@formloom/model';
import type { FormAccess } from '../access/form-access.js';

/**
 * The contract between the HTTP layer (platform/) and the records engine. The platform's app
 * registry implements FormCatalog; the engine implements RecordService.
 */
export interface FormCatalog {
  /** The published version records are written against; null when the form was never published (or does not exist). */
  getPublished(formId: string): Promise<PublishedFormVersion | null>;
  getVersion(formId: string, version: number): Promise<PublishedFormVersion | null>;
}

/** Who acts on which form, and what they may do there (resolved by the caller with `resolveFormAccess`). */
export interface RecordContext {
  principal: Principal;
  access: FormAccess;
  appId: string;
  formId: string;
  /** Depth of automation-caused writes (0 for a person). */
  depth?: number;
  /**
   * The same caller's context on another form (FORBIDDEN / NOT_FOUND when they may not read it):
   * select-data copying and data-linkage defaults read the other form through it, with the
   * caller's own permissions. Without it the server fills nothing from other forms.
   */
  relatedForm?: (formId: string) => Promise<RecordContext>;
}

export interface SortKey {
  /** Field key or system field name (`createdAt`, `updatedAt`, `id`, …). */
  field: string;
  dir: 'asc' | 'desc';
}

export interface RecordQuery {
  filter?: Condition;
  /** Plain-text search over the form's text fields. */
  keyword?: string;
  sort?: SortKey[];
  /** Field keys to return in `data`; default all readable. */
  fields?: string[];
  /** 1..500, default 50. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
  /** Include `total` (the number of records matching filter+keyword+scope); default true. */
  withTotal?: boolean;
}

export interface RecordPage {
  items: RecordView[];
  total: number | null;
  nextCursor: string | null;
}

export interface UpdateInput {
  /** The record version this edit was based on: a stale one gets VERSION_CONFLICT (409) with the current record. */
  baseVersion: number;
  /** Only the given fields change; `null` clears a field. */
  data: Record<string, unknown>;
}

export interface BinEntry {
  id: string;
  formId: string;
  deletedAt: string;
  deletedBy: string | null;
  record: RecordView;
}

/** What `RecordService.reindexLinks` did with one page of record ids. */
export interface LinkReindexPage {
  checked: number;
  /** Records whose `record_links` entries had to be added or removed. */
  repaired: number;
}

export interface RecordService {
  create(ctx: RecordContext, data: Record<string, unknown>, options?: { idempotencyKey?: string }): Promise<RecordView>;
  get(ctx: RecordContext, id: string): Promise<RecordView>;
  update(ctx: RecordContext, id: string, input: UpdateInput): Promise<RecordView>;
  /** Moves the record to the recycle bin. */
  remove(ctx: RecordContext, id: string, options?: { baseVersion?: number }): Promise<void>;
  restore(ctx: RecordContext, id: string): Promise<RecordView>;
  purge(ctx: RecordContext, id: string): Promise<void>;
  listBin(
    ctx: RecordContext,
    options?: { limit?: number; cursor?: string },
  ): Promise<{ items: BinEntry[]; nextCursor: string | null }>;
  /** All or nothing. */
  batchCreate(ctx: RecordContext, items: Array<Record<string, unknown>>): Promise<RecordView[]>;
  batchUpdate(ctx: RecordContext, items: Array<UpdateInput & { id: string }>): Promise<RecordView[]>;
  batchRemove(ctx: RecordContext, ids: string[]): Promise<number>;
  query(ctx: RecordContext, query: RecordQuery): Promise<RecordPage>;
  history(ctx: RecordContext, id: string): Promise<HistoryEntry[]>;
  /**
   * Maintenance (no access check; callers are the reindex job and CLI): brings the
   * `record_links` entries of these records of `formId` in line with their stored values.
   * Idempotent; safe while users write.
   */
  reindexLinks(formId: string, recordIds: string[]): Promise<LinkReindexPage>;
  /** Called by the registry after a publish: creates the store indexes the version needs (unique fields, sortable fields). */
  prepareForm(published: PublishedFormVersion): Promise<void>;
}
