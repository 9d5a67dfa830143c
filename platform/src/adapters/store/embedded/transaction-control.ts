import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;

/**
 * The transaction-control statements of the write connection, prepared once: BEGIN, COMMIT,
 * ROLLBACK and named savepoints. Running prepared statements skips the parse that `db.exec`
 * pays on every call.
 */
export class TransactionControl {
  private readonly beginStatement: Statement;
  private readonly commitStatement: Statement;
  private readonly rollbackStatement: Statement;
  private readonly savepoints = new Map<string, { open: Statement; release: Statement; undo: Statement }>();

  constructor(private readonly db: Database.Database) {
    this.beginStatement = db.prepare('BEGIN IMMEDIATE');
    this.commitStatement = db.prepare('COMMIT');
    this.rollbackStatement = db.prepare('ROLLBACK');
  }

  /** True while a SQLite transaction is open (SQLite may end one by itself after I/O or disk-full errors). */
  get active(): boolean {
    return this.db.inTransaction;
  }

  begin(): void {
    this.beginStatement.run();
  }

  commit(): void {
    this.commitStatement.run();
  }

  rollback(): void {
    if (this.db.inTransaction) this.rollbackStatement.run();
  }

  savepoint(name: SavepointName): void {
    this.statementsOf(name).open.run();
  }

  release(name: SavepointName): void {
    this.statementsOf(name).release.run();
  }

  /** Undoes everything since the savepoint and removes it. */
  rollbackTo(name: SavepointName): void {
    const statements = this.statementsOf(name);
    statements.undo.run();
    statements.release.run();
  }

  private statementsOf(name: SavepointName) {
    let statements = this.savepoints.get(name);
    if (!statements) {
      statements = {
        open: this.db.prepare(`SAVEPOINT ${name}`),
        release: this.db.prepare(`RELEASE ${name}`),
        undo: this.db.prepare(`ROLLBACK TO ${name}`),
      };
      this.savepoints.set(name, statements);
    }
    return statements;
  }
}

/** `tx`: one logical transaction inside a group commit; `op`: one multi-statement operation. */
export type SavepointName = 'tx' | 'op';
