import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FormloomError, type Collection, type Doc, type DocumentStore } from '@formloom/model';
import { assertCollectionName } from '../index-spec.js';
import { AsyncMutex } from './async-mutex.js';
import { Catalog } from './catalog.js';
import { EmbeddedCollection, type EmbeddedStoreInternals, type WriteAtomicity } from './embedded-collection.js';
import { ProcessLock } from './process-lock.js';
import { SqliteConnection } from './sqlite-connection.js';
import { TransactionControl } from './transaction-control.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import { WriteBatch } from './write-batch.js';

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
  /** False once the transaction's function has settled: later writes from its context run on their own. */
  open: boolean;
  /** The transaction has written: its savepoint `tx` is open on the write connection. */
  wrote: boolean;
  /** When it started waiting behind uncommitted members of its batch (performance.now()). */
  startedAt: number;
}

/**
 * How long a transaction may wait, without having written, while earlier transactions of its
 * batch are uncommitted, before those are committed anyway. It breaks the wait of a function
 * that awaits an earlier transaction's promise (which settles only at the batch's COMMIT).
 */
const STALL_MS = 10;

/**
 * The embedded document store: mingo semantics over SQLite (see ../README.md). One write
 * connection (all writes, serialised by a mutex; transactions hold it for their whole run)
 * and one read-only connection that sees committed data only. Writers that queue behind each
 * other share one SQLite transaction and one COMMIT (group commit, see write-batch.ts).
 */
export class EmbeddedStore implements DocumentStore, EmbeddedStoreInternals {
  readonly kind = 'embedded' as const;
  readonly catalog: Catalog;
  private readonly context = new AsyncLocalStorage<TransactionFrame>();
  private readonly mutex = new AsyncMutex();
  private readonly collections = new Map<string, EmbeddedCollection>();
  private readonly control: TransactionControl;
  private readonly batch: WriteBatch;
  private closed = false;
  private commitScheduled = false;
  /** The running transaction that joined a batch with members (transactions run one at a time). */
  private watched: TransactionFrame | null = null;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    readonly writeConnection: SqliteConnection,
    private readonly readOnlyConnection: SqliteConnection,
    private readonly lock: ProcessLock,
    private readonly checkpointer: WalCheckpointer | null = null,
  ) {
    this.catalog = new Catalog(writeConnection);
    this.control = new TransactionControl(writeConnection.db);
    this.batch = new WriteBatch(this.control, () => this.catalog.resync());
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
    const frame: TransactionFrame = { open: true, wrote: false, startedAt: performance.now() };
    if (this.batch.hasMembers) this.watch(frame);
    let outcome: Outcome<R>;
    let committed: Promise<void>;
    try {
      this.assertOpen();
      try {
        outcome = { ok: true, value: await this.context.run(frame, () => fn(this)) };
        frame.open = false;
        if (frame.wrote) this.finishTransaction();
      } catch (e) {
        frame.open = false;
        this.undoTransaction(frame, e);
        outcome = { ok: false, error: e };
      }
      committed = this.batch.join();
    } finally {
      this.watched = null;
      this.endTurn();
    }
    return settleAfterCommit(outcome, committed);
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
      this.batch.commit(); // writers that queued before close are acknowledged first
      this.closed = true;
      this.stopWatchdog();
      await this.checkpointer?.stop();
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

  async runWrite<R>(op: () => R, atomicity: WriteAtomicity = 'savepoint'): Promise<R> {
    this.assertOpen();
    const frame = this.context.getStore();
    if (frame?.open) {
      this.beginTransactionWrite(frame);
      return this.apply(op, atomicity);
    }
    if (!this.mutex.tryLock()) await this.mutex.lock();
    let outcome: Outcome<R>;
    let committed: Promise<void>;
    try {
      this.assertOpen();
      this.batch.ensureOpen();
      try {
        outcome = { ok: true, value: this.apply(op, atomicity) };
      } catch (e) {
        outcome = { ok: false, error: e };
      }
      committed = this.batch.join();
    } finally {
      this.endTurn();
    }
    return settleAfterCommit(outcome, committed);
  }

  assertOpen(): void {
    if (this.closed) throw new FormloomError('UNAVAILABLE', 'The embedded store is closed');
  }

  private inTransaction(): boolean {
    return this.context.getStore()?.open === true;
  }

  /** The first write of a transaction opens the batch (if needed) and the transaction's savepoint. */
  private beginTransactionWrite(frame: TransactionFrame): void {
    if (frame.wrote) {
      if (!this.control.active) {
        throw new FormloomError('UNAVAILABLE', 'This transaction was rolled back by a database error; retry it');
      }
      return;
    }
    this.batch.ensureOpen();
    this.control.savepoint('tx');
    frame.wrote = true;
  }

  /**
   * Runs a synchronous write so that a failure leaves no trace. An operation that makes one
   * data-changing statement needs no savepoint: SQLite undoes a failed statement by itself (the
   * catalog bookkeeping it may do first, a table or a path kind, is harmless to keep).
   */
  private apply<R>(op: () => R, atomicity: WriteAtomicity): R {
    if (atomicity === 'statement') {
      try {
        return op();
      } catch (e) {
        this.afterFailedWrite(e);
        throw e;
      }
    }
    this.control.savepoint('op');
    try {
      const result = op();
      this.control.release('op');
      return result;
    } catch (e) {
      if (this.control.active) {
        this.control.rollbackTo('op');
        this.catalog.resync();
      }
      this.afterFailedWrite(e);
      throw e;
    }
  }

  /** When SQLite rolled back the whole transaction after an error, the batch is lost. */
  private afterFailedWrite(cause: unknown): void {
    if (this.batch.open && !this.control.active) this.batch.abort(cause);
  }

  /** Keeps a finished transaction's writes in the batch (its savepoint merges into the batch's transaction). */
  private finishTransaction(): void {
    if (!this.control.active) {
      const error = new FormloomError('UNAVAILABLE', 'This transaction was rolled back by a database error; retry it');
      this.batch.abort(error);
      throw error;
    }
    this.control.release('tx');
  }

  private undoTransaction(frame: TransactionFrame, cause: unknown): void {
    if (!frame.wrote) return;
    if (this.control.active) {
      this.control.rollbackTo('tx');
      this.catalog.resync();
    } else {
      this.batch.abort(cause);
    }
  }

  /**
   * Ends the mutex holder's turn. A full batch commits now; while another writer waits, the
   * batch stays open for it; otherwise the COMMIT moves to the end of this event-loop turn, so
   * writers whose requests are already being handled in it (concurrent HTTP requests arrive a
   * few microseconds apart, not queued behind each other) join the same COMMIT.
   */
  private endTurn(): void {
    try {
      if (!this.batch.open) return;
      if (this.batch.full) this.batch.commit();
      else if (!this.mutex.hasWaiters) this.scheduleCommit();
    } finally {
      this.mutex.unlock();
    }
  }

  private scheduleCommit(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      if (this.closed || !this.batch.open) return;
      // Taken: the holder's endTurn commits or schedules again.
      if (!this.mutex.tryLock()) return;
      try {
        this.batch.commit();
      } finally {
        this.mutex.unlock();
      }
    });
  }

  /**
   * Watches a transaction that joined a batch with uncommitted members. One timer serves every
   * transaction (they run one after another), instead of a timer set and cleared per
   * transaction, whose bookkeeping cost ~4% of the flow benchmark's CPU; it stops once it finds
   * nothing to watch.
   */
  private watch(frame: TransactionFrame): void {
    this.watched = frame;
    this.watchdog ??= setInterval(() => this.commitIfStalled(), STALL_MS / 2);
  }

  /** A transaction that has not written for STALL_MS is waiting on something: commit the batch before it. */
  private commitIfStalled(): void {
    const frame = this.watched;
    if (!frame) {
      this.stopWatchdog();
      return;
    }
    if (!frame.open || frame.wrote || !this.batch.open) return;
    if (performance.now() - frame.startedAt >= STALL_MS) this.batch.commit();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Settles a member of a batch once the batch has committed. A failed member waits too: its
 * failure may come from data of earlier members (a duplicate key), which callers then expect
 * to read from the committed store.
 */
async function settleAfterCommit<R>(outcome: Outcome<R>, committed: Promise<void>): Promise<R> {
  if (!outcome.ok) {
    await committed.catch(() => undefined);
    throw outcome.error;
  }
  await committed;
  return outcome.value;
}

const MMAP_BYTES = 1024 * 1024 * 1024;
/** SQLite's default automatic checkpoint threshold, used when the checkpointer thread fails. */
const AUTO_CHECKPOINT_PAGES = 1000;
const WAL_LIMIT_BYTES = 64 * 1024 * 1024;
const CACHE_KIB = 32 * 1024;

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<DocumentStore> {
  mkdirSync(options.dir, { recursive: true });
  const lock = ProcessLock.acquire(options.dir);
  const file = join(options.dir, 'formloom.db');
  let write: SqliteConnection | null = null;
  let checkpointer: WalCheckpointer | null = null;
  try {
    write = new SqliteConnection(new Database(file));
    write.db.pragma('journal_mode = WAL');
    write.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // A WAL left large by a burst is cut back to this size once a checkpoint has emptied it.
    write.db.pragma(`journal_size_limit = ${WAL_LIMIT_BYTES}`);
    const read = new SqliteConnection(new Database(file, { readonly: true }));
    for (const conn of [write, read]) {
      conn.db.pragma('busy_timeout = 5000');
      // Reads of a 100k-record form jump between index and table pages: map the file and keep
      // a larger page cache instead of a pread() per page.
      conn.db.pragma(`mmap_size = ${MMAP_BYTES}`);
      conn.db.pragma(`cache_size = -${CACHE_KIB}`);
    }
    checkpointer = startCheckpointer(write, file);
    const store = new EmbeddedStore(write, read, lock, checkpointer);
    store.catalog.init();
    return store;
  } catch (e) {
    await checkpointer?.stop();
    write?.close();
    lock.release();
    throw e;
  }
}

/**
 * Moves checkpoints off the event loop (see wal-checkpointer.ts); should that thread fail,
 * SQLite's automatic checkpoints come back. The thread's connection opens after the write
 * connection made the file a WAL database.
 */
function startCheckpointer(write: SqliteConnection, file: string): WalCheckpointer {
  write.db.pragma('wal_autocheckpoint = 0');
  return new WalCheckpointer(file, () => {
    if (write.db.open) write.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  });
}
