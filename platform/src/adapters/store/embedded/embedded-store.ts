import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FormloomError, type Collection, type Doc, type DocumentStore } from '@formloom/model';
import { assertCollectionName } from '../index-spec.js';
import { AsyncMutex } from './async-mutex.js';
import { Catalog } from './catalog.js';
import { EmbeddedCollection, type EmbeddedStoreInternals } from './embedded-collection.js';
import { ProcessLock } from './process-lock.js';
import { SqliteConnection } from './sqlite-connection.js';

export interface EmbeddedStoreOptions {
  /** The data directory; the database is `<dir>/formloom.db`. Created when missing. */
  dir: string;
  /**
   * SQLite `synchronous` in WAL mode. 'normal' (default): every acknowledged write survives a
   * crash of the process (SIGKILL); a power loss may lose the last few transactions.
   * 'full': every acknowledged write also survives a power loss or OS crash (fsync per commit).
   */
  synchronous?: 'normal' | 'full';
}

interface TransactionFrame {
  open: boolean;
}

/**
 * The embedded document store: mingo semantics over SQLite (see ../README.md). One write
 * connection (all writes, serialised by a mutex; transactions hold it for their whole run)
 * and one read-only connection that sees committed data only.
 */
export class EmbeddedStore implements DocumentStore, EmbeddedStoreInternals {
  readonly kind = 'embedded' as const;
  readonly catalog: Catalog;
  private readonly context = new AsyncLocalStorage<TransactionFrame>();
  private readonly mutex = new AsyncMutex();
  private readonly collections = new Map<string, EmbeddedCollection>();
  private closed = false;

  constructor(
    readonly writeConnection: SqliteConnection,
    private readonly readOnlyConnection: SqliteConnection,
    private readonly lock: ProcessLock,
  ) {
    this.catalog = new Catalog(writeConnection);
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    assertCollectionName(name);
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, this);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async transaction<R>(fn: (tx: DocumentStore) => Promise<R>): Promise<R> {
    this.assertOpen();
    if (this.inTransaction()) return fn(this); // nested: join the running transaction
    await this.mutex.lock();
    const frame: TransactionFrame = { open: true };
    try {
      this.assertOpen();
      this.writeConnection.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.context.run(frame, () => fn(this));
        frame.open = false;
        this.writeConnection.db.exec('COMMIT');
        return result;
      } catch (e) {
        frame.open = false;
        if (this.writeConnection.db.inTransaction) this.writeConnection.db.exec('ROLLBACK');
        this.catalog.resync();
        throw e;
      }
    } finally {
      this.mutex.unlock();
    }
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    const rows = this.readConnection().all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name`,
    );
    return rows.map((r) => r.name.slice(2));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.readOnlyConnection.get('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.mutex.lock();
    try {
      if (this.closed) return;
      this.closed = true;
      this.readOnlyConnection.close();
      this.writeConnection.db.pragma('optimize');
      this.writeConnection.db.pragma('wal_checkpoint(TRUNCATE)');
      this.writeConnection.close();
      this.lock.release();
    } finally {
      this.mutex.unlock();
    }
  }

  // ---- EmbeddedStoreInternals ----------------------------------------------------------------

  readConnection(): SqliteConnection {
    return this.inTransaction() ? this.writeConnection : this.readOnlyConnection;
  }

  async runWrite<R>(op: () => R): Promise<R> {
    this.assertOpen();
    if (this.inTransaction()) return this.atomically(op);
    if (!this.mutex.tryLock()) await this.mutex.lock();
    try {
      this.assertOpen();
      return this.atomically(op);
    } finally {
      this.mutex.unlock();
    }
  }

  assertOpen(): void {
    if (this.closed) throw new FormloomError('UNAVAILABLE', 'The embedded store is closed');
  }

  private inTransaction(): boolean {
    return this.context.getStore()?.open === true;
  }

  /** A transaction of its own, or a savepoint inside the running one, so a failed operation leaves no trace. */
  private atomically<R>(op: () => R): R {
    try {
      return this.writeConnection.db.transaction(op)();
    } catch (e) {
      this.catalog.resync();
      throw e;
    }
  }
}

const MMAP_BYTES = 1024 * 1024 * 1024;
const CACHE_KIB = 32 * 1024;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<DocumentStore> {
  mkdirSync(options.dir, { recursive: true });
  const lock = ProcessLock.acquire(options.dir);
  const file = join(options.dir, 'formloom.db');
  let write: SqliteConnection | null = null;
  try {
    write = new SqliteConnection(new Database(file));
    write.db.pragma('journal_mode = WAL');
    write.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    const read = new SqliteConnection(new Database(file, { readonly: true }));
    for (const conn of [write, read]) {
      conn.db.pragma('busy_timeout = 5000');
      // Reads of a 100k-record form jump between index and table pages: map the file and keep
      // a larger page cache instead of a pread() per page.
      conn.db.pragma(`mmap_size = ${MMAP_BYTES}`);
      conn.db.pragma(`cache_size = -${CACHE_KIB}`);
    }
    const store = new EmbeddedStore(write, read, lock);
    store.catalog.init();
    return store;
  } catch (e) {
    write?.close();
    lock.release();
    throw e;
  }
}
