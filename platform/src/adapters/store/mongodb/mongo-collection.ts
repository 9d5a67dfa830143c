import {
  badRequest,
  type Collection,
  type Doc,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type PipelineStage,
  type SortSpec,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from '@formloom/model';
import type {
  ClientSession,
  Collection as DriverCollection,
  Document,
  Filter as DriverFilter,
  OptionalUnlessRequiredId,
  UpdateFilter,
} from 'mongodb';
import { ID_INDEX_NAME } from './mongo-indexes.js';
import { normalizeIndexSpec } from '../index-spec.js';
import { assertUpdateDocument } from '../update-rules.js';
import { upsertSeed } from '../upsert-seed.js';
import { isIndexNotFound, isNamespaceNotFound, mapMongoError } from './mongo-errors.js';
import { partialFilterForUnique } from './mongo-indexes.js';

/** What a collection needs from its store: the session of the running transaction, if any. */
export interface MongoStoreInternals {
  currentSession(): ClientSession | undefined;
  /** Runs `fn` in a transaction (joining the running one). */
  inTransaction<R>(fn: () => Promise<R>): Promise<R>;
}

type Raw = Document & { _id: string };

export class MongoCollection<T extends Doc = Doc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly raw: DriverCollection<Raw>,
    private readonly store: MongoStoreInternals,
  ) {}

  async insertOne(doc: T): Promise<void> {
    await this.call(() => this.raw.insertOne(doc as OptionalUnlessRequiredId<Raw>, this.session()));
  }

  async insertMany(docs: T[]): Promise<void> {
    if (docs.length === 0) return;
    // All or nothing: an unordered bulk insert outside a transaction would keep the documents before a failure.
    await this.store.inTransaction(() =>
      this.call(() => this.raw.insertMany(docs as Array<OptionalUnlessRequiredId<Raw>>, this.session())),
    );
  }

  async findOne(filter: Filter, options: FindOptions = {}): Promise<T | null> {
    const [doc] = await this.find(filter, { ...options, limit: 1 });
    return doc ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.call(async () => {
      let cursor = this.raw.find(filter as DriverFilter<Raw>, {
        ...this.session(),
        sort: withIdTieBreak(options.sort),
      });
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      if (options.projection) cursor = cursor.project(options.projection);
      return (await cursor.toArray()) as unknown as T[];
    });
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.call(() => this.raw.countDocuments(filter as DriverFilter<Raw>, this.session()));
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    assertUpdateDocument(update);
    if (options.upsert) assertUpsertHasId(filter, update);
    const result = await this.call(() =>
      this.raw.updateOne(filter as DriverFilter<Raw>, update as UpdateFilter<Raw>, {
        ...this.session(),
        upsert: options.upsert === true,
      }),
    );
    return toUpdateResult(result);
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertUpdateDocument(update);
    const result = await this.call(() =>
      this.raw.updateMany(filter as DriverFilter<Raw>, update as UpdateFilter<Raw>, this.session()),
    );
    return toUpdateResult(result);
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<T | null> {
    assertUpdateDocument(update);
    if (options.upsert) assertUpsertHasId(filter, update);
    const doc = await this.call(() =>
      this.raw.findOneAndUpdate(filter as DriverFilter<Raw>, update as UpdateFilter<Raw>, {
        ...this.session(),
        returnDocument: options.returnDocument ?? 'after',
        upsert: options.upsert === true,
        ...(options.sort ? { sort: withIdTieBreak(options.sort) } : {}),
        ...(options.projection ? { projection: options.projection } : {}),
        includeResultMetadata: false,
      }),
    );
    return (doc as T | null) ?? null;
  }

  async replaceOne(filter: Filter, doc: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    if (Object.keys(doc).some((k) => k.startsWith('$'))) {
      throw badRequest('A replacement must be a document without update operators', [
        { path: 'doc', rule: 'replacement', message: 'Use updateOne for $-operators' },
      ]);
    }
    if (options.upsert && doc._id === undefined && typeof upsertSeed(filter)._id !== 'string') {
      throw missingUpsertId();
    }
    const result = await this.call(() =>
      this.raw.replaceOne(filter as DriverFilter<Raw>, doc, { ...this.session(), upsert: options.upsert === true }),
    );
    return toUpdateResult(result);
  }

  async deleteOne(filter: Filter): Promise<number> {
    const result = await this.call(() => this.raw.deleteOne(filter as DriverFilter<Raw>, this.session()));
    return result.deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const result = await this.call(() => this.raw.deleteMany(filter as DriverFilter<Raw>, this.session()));
    return result.deletedCount;
  }

  async aggregate<R = Doc>(pipeline: PipelineStage[]): Promise<R[]> {
    return this.call(() => this.raw.aggregate<R & Document>(pipeline, this.session()).toArray()) as Promise<R[]>;
  }

  async createIndex(spec: IndexSpec): Promise<string> {
    const index = normalizeIndexSpec(spec);
    await this.call(() =>
      this.raw.createIndex(index.keys, {
        ...this.session(),
        name: index.name,
        ...(index.unique ? { unique: true, partialFilterExpression: partialFilterForUnique(index.keys) } : {}),
      }),
    );
    return index.name;
  }

  async dropIndex(name: string): Promise<void> {
    try {
      await this.call(() => this.raw.dropIndex(name, this.session()));
    } catch (e) {
      if (isIndexNotFound(e) || isNamespaceNotFound(e)) throw mapMongoError(this.name, e);
      throw e;
    }
  }

  async listIndexes(): Promise<Array<{ name: string; keys: Record<string, 1 | -1>; unique: boolean }>> {
    try {
      const indexes = await this.raw.listIndexes(this.session()).toArray();
      return indexes.map((i) => ({
        name: String(i.name),
        keys: i.key as Record<string, 1 | -1>,
        unique: i.name === ID_INDEX_NAME || i.unique === true,
      }));
    } catch (e) {
      if (isNamespaceNotFound(e)) return [];
      throw mapMongoError(this.name, e);
    }
  }

  async drop(): Promise<void> {
    try {
      await this.raw.drop(this.session());
    } catch (e) {
      if (!isNamespaceNotFound(e)) throw mapMongoError(this.name, e);
    }
  }

  private session(): { session?: ClientSession } {
    const session = this.store.currentSession();
    return session ? { session } : {};
  }

  private async call<R>(op: () => Promise<R>): Promise<R> {
    try {
      return await op();
    } catch (e) {
      throw mapMongoError(this.name, e);
    }
  }
}

/** Same tie-break as the embedded store: `_id` ascending after the given keys, so pages are stable. */
function withIdTieBreak(sort: SortSpec | undefined): SortSpec {
  return sort && '_id' in sort ? sort : { ...(sort ?? {}), _id: 1 };
}

function toUpdateResult(result: { matchedCount: number; modifiedCount: number; upsertedId: unknown }): UpdateResult {
  return {
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedId: result.upsertedId === null || result.upsertedId === undefined ? null : String(result.upsertedId),
  };
}

/** `_id` is always chosen by the caller: an upsert must not let MongoDB invent an ObjectId. */
function assertUpsertHasId(filter: Filter, update: Update): void {
  const onInsert = update.$setOnInsert as Record<string, unknown> | undefined;
  if (typeof upsertSeed(filter)._id === 'string' || typeof onInsert?._id === 'string') return;
  throw missingUpsertId();
}

function missingUpsertId() {
  return badRequest('An upsert needs the _id in the filter or in $setOnInsert', [
    { path: 'filter._id', rule: 'required', message: 'Give _id as an equality condition or in $setOnInsert' },
  ]);
}
