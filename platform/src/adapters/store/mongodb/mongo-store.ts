import { AsyncLocalStorage } from 'node:async_hooks';
import { type Collection, type Doc, type DocumentStore } from '@formloom/model';
import { MongoClient, type ClientSession, type Db } from 'mongodb';
import { assertCollectionName } from '../index-spec.js';
import { MongoCollection, type MongoStoreInternals } from './mongo-collection.js';

export interface MongoStoreOptions {
  /** A MongoDB connection string; a replica set (one node is enough) for transactions. */
  url: string;
  /** Defaults to the database in the URL, else `formloom`. */
  dbName?: string;
}

/**
 * The production document store on MongoDB. Writes are acknowledged by a majority
 * (`w: 'majority'`, journaled), reads use read concern majority, writes are retried once on
 * a transient error, and transactions run through `session.withTransaction` (which retries
 * on TransientTransactionError). Every operation made while a transaction's function runs
 * carries that session, found through AsyncLocalStorage.
 */
export class MongoStore implements DocumentStore, MongoStoreInternals {
  readonly kind = 'mongodb' as const;
  private readonly context = new AsyncLocalStorage<ClientSession>();
  private readonly collections = new Map<string, MongoCollection>();

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    assertCollectionName(name);
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MongoCollection(name, this.db.collection(name), this);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    return this.inTransaction(() => fn(this));
  }

  async inTransaction<R>(fn: () => Promise<R>): Promise<R> {
    const running = this.currentSession();
    if (running) return fn();
    const session = this.client.startSession();
    try {
      return await session.withTransaction(() => this.context.run(session, fn), {
        readConcern: { level: 'snapshot' },
        writeConcern: { w: 'majority', journal: true },
        readPreference: 'primary',
      });
    } finally {
      await session.endSession();
    }
  }

  currentSession(): ClientSession | undefined {
    const session = this.context.getStore();
    return session && session.inTransaction() ? session : undefined;
  }

  async listCollections(): Promise<string[]> {
    const session = this.currentSession();
    const infos = await this.db.listCollections({}, { nameOnly: true, ...(session ? { session } : {}) }).toArray();
    return infos
      .map((i) => i.name)
      .filter((n) => !n.startsWith('system.'))
      .sort();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export async function openMongoStore(options: MongoStoreOptions): Promise<DocumentStore> {
  const client = new MongoClient(options.url, {
    writeConcern: { w: 'majority', journal: true },
    readConcern: { level: 'majority' },
    retryWrites: true,
    retryReads: true,
    appName: 'formloom',
  });
  await client.connect();
  try {
    const db = client.db(options.dbName ?? (dbNameFromUrl(options.url) || 'formloom'));
    await db.command({ ping: 1 });
    return new MongoStore(client, db);
  } catch (e) {
    await client.close();
    throw e;
  }
}

function dbNameFromUrl(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]*)/.exec(url);
  return match ? decodeURIComponent(match[1]) : '';
}
