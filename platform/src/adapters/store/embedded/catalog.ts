import { conflict, notFound } from '@formloom/model';
import type { IndexInfo } from '../index-spec.js';
import { PathKindRegistry, type JsonKind } from './path-kinds.js';
import { jsonPath, sqlPathExpression } from './sql-planner.js';
import type { SqliteConnection } from './sqlite-connection.js';

/**
 * The schema of the embedded store: one table per collection (`c_<name>`, documents as JSON
 * text keyed by `id`), `_indexes` with the index specs, `_path_kinds` with the kinds of value
 * each field path has held (see path-kinds.ts). All DDL runs on the write connection.
 */
export const ID_INDEX: IndexInfo = { name: '_id_', keys: { _id: 1 }, unique: true };

export function tableName(collection: string): string {
  return `"c_${collection}"`;
}

function sqliteIndexName(collection: string, index: string): string {
  return `x_${collection}__${index}`;
}

function queryIndexName(collection: string, index: string): string {
  return `q_${collection}__${index}`;
}

interface IndexRow {
  name: string;
  keys: string;
  is_unique: number;
}

export class Catalog {
  private readonly tables = new Set<string>();
  private readonly kinds = new Map<string, PathKindRegistry>();

  constructor(private readonly write: SqliteConnection) {}

  init(): void {
    this.write.db.exec(`
      CREATE TABLE IF NOT EXISTS _indexes (
        collection TEXT NOT NULL, name TEXT NOT NULL, keys TEXT NOT NULL, is_unique INTEGER NOT NULL,
        PRIMARY KEY (collection, name)
      );
      CREATE TABLE IF NOT EXISTS _path_kinds (
        collection TEXT NOT NULL, path TEXT NOT NULL, kind TEXT NOT NULL,
        PRIMARY KEY (collection, path, kind)
      ) WITHOUT ROWID;
    `);
    this.resync();
  }

  /** Re-reads tables and path kinds from the database, e.g. after a rollback. */
  resync(): void {
    this.tables.clear();
    for (const row of this.write.all<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`,
    )) {
      this.tables.add(row.name.slice(2));
    }
    this.kinds.clear();
    for (const row of this.write.all<{ collection: string; path: string; kind: JsonKind }>(
      'SELECT collection, path, kind FROM _path_kinds',
    )) {
      this.kindsOf(row.collection).add([[row.path, row.kind]]);
    }
  }

  has(collection: string): boolean {
    return this.tables.has(collection);
  }

  names(): string[] {
    return [...this.tables].sort();
  }

  ensureCollection(collection: string): void {
    if (this.tables.has(collection)) return;
    this.write.db.exec(
      `CREATE TABLE IF NOT EXISTS ${tableName(collection)} (id TEXT PRIMARY KEY NOT NULL, body BLOB NOT NULL)`,
    );
    this.tables.add(collection);
  }

  kindsOf(collection: string): PathKindRegistry {
    let registry = this.kinds.get(collection);
    if (!registry) {
      registry = new PathKindRegistry();
      this.kinds.set(collection, registry);
    }
    return registry;
  }

  /** Notes the kinds of value a document about to be written holds; persists what is new. */
  recordKinds(collection: string, doc: Record<string, unknown>): void {
    const added = this.kindsOf(collection).addDocument(doc);
    for (const [path, kind] of added) {
      this.write.run('INSERT OR IGNORE INTO _path_kinds (collection, path, kind) VALUES (?, ?, ?)', [
        collection,
        path,
        kind,
      ]);
    }
  }

  indexes(collection: string, conn: SqliteConnection = this.write): IndexInfo[] {
    const rows = conn.all<IndexRow>('SELECT name, keys, is_unique FROM _indexes WHERE collection = ? ORDER BY rowid', [
      collection,
    ]);
    return rows.map((r) => ({
      name: r.name,
      keys: JSON.parse(r.keys) as IndexInfo['keys'],
      unique: r.is_unique === 1,
    }));
  }

  /** The index whose SQLite name appears in a constraint error message. */
  indexBySqliteName(collection: string, sqliteName: string): IndexInfo | null {
    return this.indexes(collection).find((i) => sqliteIndexName(collection, i.name) === sqliteName) ?? null;
  }

  /** Creates the index unless the same one exists. Returns true when it was created. */
  createIndex(collection: string, index: IndexInfo): boolean {
    this.ensureCollection(collection);
    const existing = this.indexes(collection);
    const sameName = existing.find((i) => i.name === index.name);
    const sameSpec = (i: IndexInfo) =>
      i.unique === index.unique &&
      JSON.stringify(Object.entries(i.keys)) === JSON.stringify(Object.entries(index.keys));
    if (index.name === ID_INDEX.name || sameName) {
      const current = sameName ?? ID_INDEX;
      if (sameSpec(current)) return false;
      throw conflict(`An index named ${index.name} already exists with different keys or options`, [
        { path: 'index.name', rule: 'indexConflict', message: 'Drop the existing index first or choose another name' },
      ]);
    }
    const sameKeys = existing.find(
      (i) => JSON.stringify(Object.entries(i.keys)) === JSON.stringify(Object.entries(index.keys)),
    );
    if (sameKeys) {
      throw conflict(`An index on the same keys already exists as ${sameKeys.name}`, [
        { path: 'index.keys', rule: 'indexConflict', message: 'Drop the existing index first' },
      ]);
    }
    const direction = (dir: 1 | -1) => (dir === -1 ? ' DESC' : '');
    const entries = Object.entries(index.keys);
    // The query index: json_extract() expressions, the ones the planner writes, ending with the
    // id column so "ORDER BY keys..., id" is served by the index alone.
    const queryColumns = entries.map(([path, dir]) => `${sqlPathExpression(path)}${direction(dir)}`);
    if (!('_id' in index.keys)) queryColumns.push('id');
    this.write.db.exec(
      `CREATE INDEX "${queryIndexName(collection, index.name)}" ON ${tableName(collection)} (${queryColumns.join(', ')})`,
    );
    if (index.unique) {
      // Uniqueness on the JSON text of each value, so true and 1 (both 1 for json_extract) differ as in
      // MongoDB; JSON null becomes SQL NULL, and SQLite never lets NULLs collide, so documents with a
      // missing or null key are not constrained.
      const uniqueColumns = entries.map(([path]) =>
        path === '_id' ? 'id' : `nullif(body -> '${jsonPath(path)}', 'null')`,
      );
      this.write.db.exec(
        `CREATE UNIQUE INDEX "${sqliteIndexName(collection, index.name)}" ON ${tableName(collection)} (${uniqueColumns.join(', ')})`,
      );
    }
    this.write.run('INSERT INTO _indexes (collection, name, keys, is_unique) VALUES (?, ?, ?, ?)', [
      collection,
      index.name,
      JSON.stringify(index.keys),
      index.unique ? 1 : 0,
    ]);
    return true;
  }

  dropIndex(collection: string, name: string): void {
    if (name === ID_INDEX.name) {
      throw conflict('The _id index cannot be dropped', [
        { path: 'index.name', rule: 'immutable', message: '_id_ always exists' },
      ]);
    }
    const found = this.has(collection) && this.indexes(collection).some((i) => i.name === name);
    if (!found) throw notFound(`Index ${name} on ${collection}`);
    this.write.db.exec(`DROP INDEX IF EXISTS "${sqliteIndexName(collection, name)}"`);
    this.write.db.exec(`DROP INDEX IF EXISTS "${queryIndexName(collection, name)}"`);
    this.write.run('DELETE FROM _indexes WHERE collection = ? AND name = ?', [collection, name]);
  }

  dropCollection(collection: string): void {
    this.write.db.exec(`DROP TABLE IF EXISTS ${tableName(collection)}`);
    this.write.run('DELETE FROM _indexes WHERE collection = ?', [collection]);
    this.write.run('DELETE FROM _path_kinds WHERE collection = ?', [collection]);
    this.tables.delete(collection);
    this.kinds.get(collection)?.clear();
  }
}
