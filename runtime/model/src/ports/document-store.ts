/**
 * Document store port: MongoDB semantics, implemented by the MongoDB adapter (official driver)
 * and the embedded adapter (mingo over SQLite under DATA_DIR). One contract suite in
 * test/contracts/store runs against both.
 *
 * Values are JSON: strings, finite numbers, booleans, null, arrays and plain objects.
 * Timestamps are ISO-8601 UTC strings (`2026-11-23T10:00:00.000Z`), which sort correctly as
 * strings, so both adapters behave the same. `_id` is always a string chosen by the caller.
 *
 * Filters, updates and pipelines given to this port are TRUSTED: they are built by server code
 * (for user input, by the condition-language compiler in @formloom/engine with its operator and
 * field whitelist). Nothing from a request is ever passed here as a raw query.
 */
export interface Doc {
  _id: string;
  [key: string]: unknown;
}

/** A MongoDB query document. */
export type Filter = Record<string, unknown>;
/** MongoDB update operators: $set $unset $inc $mul $min $max $push $pull $addToSet $setOnInsert $rename. */
export type Update = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;
export type Projection = Record<string, 0 | 1>;
export type PipelineStage = Record<string, unknown>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface UpdateOptions {
  /** Insert when nothing matches: the new document is built from the filter's equality fields, then the update (with $setOnInsert) is applied. `_id` must then be given in the filter or by $setOnInsert. */
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** Default 'after'. */
  returnDocument?: 'before' | 'after';
  sort?: SortSpec;
  projection?: Projection;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface IndexSpec {
  /** Index name; default derived from the keys like MongoDB does (`a_1_b_-1`). */
  name?: string;
  keys: Record<string, 1 | -1>;
  /**
   * Unique among the documents in which every key is present and not null (documents with a
   * missing or null key are not indexed for uniqueness). Violations throw DuplicateKeyError.
   */
  unique?: boolean;
}

export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  /** Throws DuplicateKeyError on a duplicate `_id` or a unique-index violation. */
  insertOne(doc: T): Promise<void>;
  /** All or nothing: on any error no document of the batch is stored. */
  insertMany(docs: T[]): Promise<void>;
  findOne(filter: Filter, options?: FindOptions): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  /** Atomic per document: a conditional update (filter on `_id` and a version) either applies completely or not at all. */
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomic read-modify-write of one document. Returns null when nothing matched and no upsert happened. */
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<T | null>;
  replaceOne(filter: Filter, doc: T, options?: UpdateOptions): Promise<UpdateResult>;
  /** Returns the number of deleted documents (0 or 1). */
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** MongoDB aggregation pipeline ($match $group $sort $project $limit $skip $unwind $count $addFields $lookup within this store). */
  aggregate<R = Doc>(pipeline: PipelineStage[]): Promise<R[]>;
  /** Idempotent: creating an index that exists with the same spec is a no-op. */
  createIndex(spec: IndexSpec): Promise<string>;
  dropIndex(name: string): Promise<void>;
  listIndexes(): Promise<Array<Required<Pick<IndexSpec, 'name' | 'keys'>> & { unique: boolean }>>;
  /** Removes the collection and its indexes. */
  drop(): Promise<void>;
}

export interface DocumentStore {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  /**
   * Runs `fn` in a transaction: every write made through `tx` (or through this store while
   * `fn`'s async context is running) commits together or not at all. `fn` may be retried on
   * a transient conflict (MongoDB), so it must not have side effects outside the store.
   */
  transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R>;
  listCollections(): Promise<string[]>;
  /** Check the store answers; used by the health route. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown on a duplicate `_id` or a unique-index violation. */
export class DuplicateKeyError extends Error {
  readonly collection: string;
  /** The index's key paths, e.g. `['_id']` or `['f_email']`. Empty when the adapter cannot tell. */
  readonly keys: string[];
  readonly indexName: string | null;
  constructor(collection: string, keys: string[], indexName: string | null, message?: string) {
    super(message ?? `Duplicate key in ${collection} on ${keys.join(', ') || 'a unique index'}`);
    this.name = 'DuplicateKeyError';
    this.collection = collection;
    this.keys = keys;
    this.indexName = indexName;
  }
}

export function isDuplicateKeyError(e: unknown): e is DuplicateKeyError {
  return e instanceof DuplicateKeyError || (e instanceof Error && e.name === 'DuplicateKeyError');
}
