import { FormloomError } from '@formloom/model';
import type { TransactionControl } from './transaction-control.js';

/** A batch commits after this many logical transactions even when more are waiting. */
export const MAX_BATCH_MEMBERS = 64;
/** ... or once it has been open this long. */
export const MAX_BATCH_MS = 8;

interface Member {
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: one SQLite transaction that holds the writes of several logical transactions
 * (each in a savepoint of its own while it runs), committed once. A member's promise settles
 * only after that COMMIT: it resolves when the COMMIT succeeded (so an acknowledged write is as
 * durable as the `synchronous` setting makes a COMMIT) and rejects when it failed.
 */
export class WriteBatch {
  private readonly members: Member[] = [];
  private openedAt = 0;
  private isOpen = false;

  constructor(
    private readonly control: TransactionControl,
    /** Called after the database rolled back writes, to reload cached schema knowledge. */
    private readonly afterRollback: () => void,
  ) {}

  /** True while the batch's SQLite transaction is open. */
  get open(): boolean {
    return this.isOpen;
  }

  get hasMembers(): boolean {
    return this.members.length > 0;
  }

  /** True when the batch should commit now even if more writers wait. */
  get full(): boolean {
    return this.members.length >= MAX_BATCH_MEMBERS || performance.now() - this.openedAt >= MAX_BATCH_MS;
  }

  /** Opens the SQLite transaction unless it is open. */
  ensureOpen(): void {
    if (this.isOpen) return;
    this.control.begin();
    this.isOpen = true;
    this.openedAt = performance.now();
  }

  /**
   * Adds a member whose writes are in the open transaction (or who read its uncommitted data);
   * the promise settles with the COMMIT. Without an open transaction there is nothing to wait for.
   */
  join(): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.members.push({ resolve, reject }));
  }

  /** Commits; every member resolves, or, when the COMMIT fails, everything rolls back and every member rejects. */
  commit(): void {
    if (!this.isOpen) return;
    const members = this.members.splice(0);
    this.isOpen = false;
    try {
      this.control.commit();
    } catch (e) {
      this.control.rollback();
      this.afterRollback();
      for (const member of members) member.reject(e);
      return;
    }
    for (const member of members) member.resolve();
  }

  /**
   * SQLite ended the transaction by itself (an I/O or disk-full error rolls it back whole): the
   * writes of every member are gone, so every member rejects.
   */
  abort(cause: unknown): void {
    if (!this.isOpen) return;
    const members = this.members.splice(0);
    this.isOpen = false;
    this.control.rollback();
    this.afterRollback();
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new FormloomError(
      'UNAVAILABLE',
      `The embedded store rolled back a batch of writes after a database error (${reason}); retry`,
    );
    for (const member of members) member.reject(error);
  }
}
