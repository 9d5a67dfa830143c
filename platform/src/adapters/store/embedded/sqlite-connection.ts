import Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;

/** One better-sqlite3 connection with a cache of prepared statements. */
export class SqliteConnection {
  private readonly statements = new Map<string, Statement>();

  constructor(readonly db: Database.Database) {}

  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  all<R>(sql: string, params: unknown[] = []): R[] {
    return this.prepare(sql).all(...params) as R[];
  }

  get<R>(sql: string, params: unknown[] = []): R | undefined {
    return this.prepare(sql).get(...params) as R | undefined;
  }

  iterate<R>(sql: string, params: unknown[] = []): IterableIterator<R> {
    return this.prepare(sql).iterate(...params) as IterableIterator<R>;
  }

  run(sql: string, params: unknown[] = []): Database.RunResult {
    return this.prepare(sql).run(...params);
  }

  /** Forget prepared statements after a schema change (a dropped table invalidates them). */
  forgetStatements(): void {
    this.statements.clear();
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}

export function isSqliteError(e: unknown): e is Error & { code: string } {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && e.name === 'SqliteError';
}

export function isMissingTable(e: unknown): boolean {
  return isSqliteError(e) && /no such table/.test(e.message);
}
