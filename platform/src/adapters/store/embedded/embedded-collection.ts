import {
  badRequest,
  DuplicateKeyError,
  type Collection,
  type Doc,
  type Filter,
  type FindOneAndUpdateOptions,
  type FindOptions,
  type IndexSpec,
  type PipelineStage,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from '@formloom/model';
import { aggregate, find } from 'mingo';
import type { Options as MingoOptions } from 'mingo/types';
import { normalizeIndexSpec } from '../index-spec.js';
import { assertUpdateDocument } from '../update-rules.js';
import { ID_INDEX, tableName, type Catalog } from './catalog.js';
import { SqlPlanner } from './sql-planner.js';
import { applyModifier, compileFilter, MINGO_OPTIONS, mingoCall, project } from './mingo-runtime.js';
import { isMissingTable, isSqliteError, type SqliteConnection } from './sqlite-connection.js';
import { upsertSeed } from '../upsert-seed.js';

/** What a collection needs from its store. */
export interface EmbeddedStoreInternals {
  readonly catalog: Catalog;
  /** The connection reads use: the write connection inside a transaction, the read-only one outside. */
  readConnection(): SqliteConnection;
  readonly writeConnection: SqliteConnection;
  /**
   * Runs a synchronous write so that it applies completely or not at all, serialised with
   * transactions; resolves once it is committed. `statement`: the operation makes at most one
   * data-changing statement, as its last step, so it needs no savepoint of its own.
   */
  runWrite<R>(op: () => R, atomicity?: WriteAtomicity): Promise<R>;
  assertOpen(): void;
}

/** `savepoint` (default): the operation may run several data-changing statements. */
export type WriteAtomicity = 'savepoint' | 'statement';

interface Row {
  body: string;
}

export class EmbeddedCollection<T extends Doc = Doc> implements Collection<T> {
  private readonly table: string;

  constructor(
    readonly name: string,
    private readonly store: EmbeddedStoreInternals,
  ) {
    this.table = tableName(name);
  }

  // ---- reads ---------------------------------------------------------------------------------

  async findOne(filter: Filter, options: FindOptions = {}): Promise<T | null> {
    this.store.assertOpen();
    return this.select(this.store.readConnection(), filter, { ...options, limit: 1 })[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    this.store.assertOpen();
    return this.select(this.store.readConnection(), filter, options);
  }

  async countDocuments(filter: Filter): Promise<number> {
    this.store.assertOpen();
    const conn = this.store.readConnection();
    const plan = this.planner().planFilter(filter);
    if (plan.exact) {
      return this.safely(0, () => {
        const sql = `SELECT COUNT(*) AS n FROM ${this.table}${plan.sql ? ` WHERE ${plan.sql}` : ''}`;
        return conn.get<{ n: number }>(sql, plan.params)?.n ?? 0;
      });
    }
    return this.select(conn, filter, {}).length;
  }

  async aggregate<R = Doc>(pipeline: PipelineStage[]): Promise<R[]> {
    this.store.assertOpen();
    if (!Array.isArray(pipeline)) {
      throw badRequest('A pipeline must be an array of stages', [
        { path: 'pipeline', rule: 'type', message: 'Give an array' },
      ]);
    }
    const conn = this.store.readConnection();
    const first = pipeline[0];
    const match = first && isPlainObject(first.$match) ? (first.$match as Filter) : {};
    const source = this.select(conn, match, {});
    const options: Partial<MingoOptions> = {
      ...MINGO_OPTIONS,
      collectionResolver: (name: string) => (name === this.name ? source : this.sibling(conn, name)),
    };
    return mingoCall('pipeline', () => aggregate(source, pipeline, options)) as R[];
  }

  // ---- writes --------------------------------------------------------------------------------

  async insertOne(doc: T): Promise<void> {
    assertDocument(doc, 'doc');
    await this.store.runWrite(() => this.mapErrors(() => this.insertRaw(doc)), 'statement');
  }

  async insertMany(docs: T[]): Promise<void> {
    if (!Array.isArray(docs))
      throw badRequest('insertMany needs an array', [{ path: 'docs', rule: 'type', message: 'Give an array' }]);
    docs.forEach((d, i) => assertDocument(d, `docs[${i}]`));
    if (docs.length === 0) return;
    await this.store.runWrite(() => this.mapErrors(() => docs.forEach((d) => this.insertRaw(d))));
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    assertUpdateDocument(update);
    return this.store.runWrite(
      () =>
        this.mapErrors(() => {
          const [doc] = this.select(this.store.writeConnection, filter, { limit: 1 });
          if (doc) {
            const changed = this.applyUpdate(doc, filter, update);
            return { matchedCount: 1, modifiedCount: changed ? 1 : 0, upsertedId: null };
          }
          if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
          const created = this.upsert(filter, update);
          return { matchedCount: 0, modifiedCount: 0, upsertedId: created._id };
        }),
      'statement',
    );
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertUpdateDocument(update);
    return this.store.runWrite(() =>
      this.mapErrors(() => {
        const docs = this.select(this.store.writeConnection, filter, {});
        let modified = 0;
        for (const doc of docs) if (this.applyUpdate(doc, filter, update)) modified++;
        return { matchedCount: docs.length, modifiedCount: modified, upsertedId: null };
      }),
    );
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<T | null> {
    assertUpdateDocument(update);
    return this.store.runWrite(
      () =>
        this.mapErrors(() => {
          const [doc] = this.select(this.store.writeConnection, filter, { limit: 1, sort: options.sort });
          let result: T | null;
          if (doc) {
            const before = options.returnDocument === 'before' ? structuredClone(doc) : null;
            this.applyUpdate(doc, filter, update);
            result = before ?? doc;
          } else if (options.upsert) {
            const created = this.upsert(filter, update);
            result = options.returnDocument === 'before' ? null : created;
          } else {
            result = null;
          }
          return result && options.projection ? project([result], options.projection)[0] : result;
        }),
      // A projection runs after the write and may reject: then the write must be undone too.
      options.projection ? 'savepoint' : 'statement',
    );
  }

  async replaceOne(filter: Filter, replacement: T, options: UpdateOptions = {}): Promise<UpdateResult> {
    if (!isPlainObject(replacement) || Object.keys(replacement).some((k) => k.startsWith('$'))) {
      throw badRequest('A replacement must be a document without update operators', [
        { path: 'doc', rule: 'replacement', message: 'Use updateOne for $-operators' },
      ]);
    }
    return this.store.runWrite(
      () =>
        this.mapErrors(() => {
          const [doc] = this.select(this.store.writeConnection, filter, { limit: 1 });
          if (doc) {
            if (replacement._id !== undefined && replacement._id !== doc._id) throw immutableId('doc._id');
            const next = { ...replacement, _id: doc._id } as T;
            const body = JSON.stringify(next);
            const changed = body !== JSON.stringify(doc);
            if (changed) this.writeRaw(next, 'update', body);
            return { matchedCount: 1, modifiedCount: changed ? 1 : 0, upsertedId: null };
          }
          if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
          const seedId = upsertSeed(filter)._id;
          const next = { ...replacement, _id: replacement._id ?? seedId } as T;
          assertDocument(next, 'doc');
          this.insertRaw(next);
          return { matchedCount: 0, modifiedCount: 0, upsertedId: next._id };
        }),
      'statement',
    );
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.store.runWrite(() => {
      const [doc] = this.select(this.store.writeConnection, filter, { limit: 1 });
      if (!doc) return 0;
      this.store.writeConnection.run(`DELETE FROM ${this.table} WHERE id = ?`, [doc._id]);
      return 1;
    }, 'statement');
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.store.runWrite(() => {
      const docs = this.select(this.store.writeConnection, filter, {});
      for (const doc of docs) this.store.writeConnection.run(`DELETE FROM ${this.table} WHERE id = ?`, [doc._id]);
      return docs.length;
    });
  }

  // ---- indexes and lifecycle -----------------------------------------------------------------

  async createIndex(spec: IndexSpec): Promise<string> {
    const index = normalizeIndexSpec(spec);
    await this.store.runWrite(() => this.mapErrors(() => this.store.catalog.createIndex(this.name, index)));
    return index.name;
  }

  async dropIndex(name: string): Promise<void> {
    await this.store.runWrite(() => this.store.catalog.dropIndex(this.name, name));
    this.store.writeConnection.forgetStatements();
    this.store.readConnection().forgetStatements();
  }

  async listIndexes(): Promise<Array<{ name: string; keys: Record<string, 1 | -1>; unique: boolean }>> {
    this.store.assertOpen();
    if (!this.store.catalog.has(this.name)) return [];
    return [ID_INDEX, ...this.store.catalog.indexes(this.name, this.store.readConnection())].map((i) => ({
      name: i.name,
      keys: { ...i.keys },
      unique: i.unique,
    }));
  }

  async drop(): Promise<void> {
    await this.store.runWrite(() => this.store.catalog.dropCollection(this.name));
    this.store.writeConnection.forgetStatements();
    this.store.readConnection().forgetStatements();
  }

  // ---- internals -----------------------------------------------------------------------------

  private planner(): SqlPlanner {
    return new SqlPlanner(this.store.catalog.kindsOf(this.name));
  }

  /**
   * Runs a filter: SQL narrows the candidates, mingo decides. When the SQL condition is exact
   * and SQLite can sort, SQL also pages; when only the sort can run in SQL, rows are streamed
   * in order and the scan stops once the page is full; otherwise mingo sorts and pages.
   */
  private select(conn: SqliteConnection, filter: Filter, options: FindOptions): T[] {
    if (!isPlainObject(filter)) {
      throw badRequest('A filter must be an object', [
        { path: 'filter', rule: 'type', message: 'Give a query document' },
      ]);
    }
    if (!this.store.catalog.has(this.name)) return [];
    const id = idEquality(filter);
    if (id !== null && (options.skip ?? 0) === 0) {
      // `{_id: 'x', ...}`: at most one document, found by its primary key without the planner;
      // the other conditions (a compare-and-set's `revision`, a `status`) are tested on it.
      const row = this.safely(undefined, () =>
        conn.get<Row>(`SELECT json(body) AS body FROM ${this.table} WHERE id = ?`, [id.value]),
      );
      let docs = row ? [JSON.parse(row.body) as T] : [];
      if (!id.only) docs = docs.filter((d) => compileFilter(filter).test(d));
      return options.projection ? project(docs, options.projection) : docs;
    }
    const planner = this.planner();
    const plan = planner.planFilter(filter);
    const orderBy = Object.keys(options.sort ?? {}).length === 0 ? 'id ASC' : planner.planSort(options.sort);
    const skip = options.skip ?? 0;
    const limit = options.limit ?? 0;
    const query = compileFilter(filter);
    let sql = `SELECT json(body) AS body FROM ${this.table}${plan.sql ? ` WHERE ${plan.sql}` : ''}`;
    const params: unknown[] = [...plan.params];
    let docs: T[];
    if (orderBy !== null && plan.exact) {
      sql += ` ORDER BY ${orderBy}`;
      if (limit > 0 || skip > 0) {
        sql += ' LIMIT ? OFFSET ?';
        params.push(limit > 0 ? limit : -1, skip);
      }
      docs = this.safely([] as Row[], () => conn.all<Row>(sql, params))
        .map((r) => JSON.parse(r.body) as T)
        .filter((d) => query.test(d));
    } else if (orderBy !== null && limit > 0) {
      docs = this.safely([] as T[], () => {
        const page: T[] = [];
        let skipped = 0;
        for (const row of conn.iterate<Row>(`${sql} ORDER BY ${orderBy}`, params)) {
          const doc = JSON.parse(row.body) as T;
          if (!query.test(doc)) continue;
          if (skipped < skip) skipped++;
          else if (page.push(doc) >= limit) break;
        }
        return page;
      });
    } else {
      const sort = { ...(options.sort ?? {}) };
      if (!('_id' in sort)) sort._id = 1;
      const matched = this.safely([] as Row[], () => conn.all<Row>(sql, params))
        .map((r) => JSON.parse(r.body) as T)
        .filter((d) => query.test(d));
      let cursor = mingoCall('sort', () => find(matched, {}, undefined, MINGO_OPTIONS).sort(sort));
      if (skip > 0) cursor = cursor.skip(skip);
      if (limit > 0) cursor = cursor.limit(limit);
      docs = cursor.all() as T[];
    }
    return options.projection ? project(docs, options.projection) : docs;
  }

  private sibling(conn: SqliteConnection, name: string): Doc[] {
    if (!this.store.catalog.has(name)) return [];
    return this.safely([] as Row[], () =>
      conn.all<Row>(`SELECT json(body) AS body FROM ${tableName(name)} ORDER BY id`),
    ).map((r) => JSON.parse(r.body) as Doc);
  }

  /** A read on a table the read connection cannot see yet (created by an open transaction) is empty. */
  private safely<R>(empty: R, read: () => R): R {
    try {
      return read();
    } catch (e) {
      if (isMissingTable(e)) return empty;
      throw e;
    }
  }

  private insertRaw(doc: T): void {
    this.store.catalog.ensureCollection(this.name);
    this.writeRaw(doc, 'insert');
  }

  /** `body`: the document's JSON when the caller already made it. */
  private writeRaw(doc: T, mode: 'insert' | 'update', body = JSON.stringify(doc)): void {
    this.store.catalog.recordKinds(this.name, doc);
    if (mode === 'insert') {
      this.store.writeConnection.run(`INSERT INTO ${this.table} (id, body) VALUES (?, jsonb(?))`, [doc._id, body]);
    } else {
      this.store.writeConnection.run(`UPDATE ${this.table} SET body = jsonb(?) WHERE id = ?`, [body, doc._id]);
    }
  }

  /** Applies an update to a stored document in place and writes it; false when nothing changed. */
  private applyUpdate(doc: T, filter: Filter, update: Update): boolean {
    const { $setOnInsert: _ignored, ...modifier } = update;
    if (Object.keys(modifier).length === 0) return false;
    const id = doc._id;
    const changed = applyModifier(doc, modifier, filter);
    if (doc._id !== id) throw immutableId('update');
    if (changed.length === 0) return false;
    this.writeRaw(doc, 'update');
    return true;
  }

  private upsert(filter: Filter, update: Update): T {
    const doc = upsertSeed(filter);
    const { $setOnInsert, ...modifier } = update;
    if (Object.keys(modifier).length > 0) applyModifier(doc, modifier, undefined);
    if (isPlainObject($setOnInsert) && Object.keys($setOnInsert).length > 0) {
      applyModifier(doc, { $set: $setOnInsert }, undefined);
    }
    if (typeof doc._id !== 'string' || doc._id === '') {
      throw badRequest('An upsert needs the _id in the filter or in $setOnInsert', [
        { path: 'filter._id', rule: 'required', message: 'Give _id as an equality condition or in $setOnInsert' },
      ]);
    }
    this.insertRaw(doc as T);
    return doc as T;
  }

  /** Turns SQLite unique-constraint failures into DuplicateKeyError with the index's keys. */
  private mapErrors<R>(op: () => R): R {
    try {
      return op();
    } catch (e) {
      if (!isSqliteError(e) || !e.code.startsWith('SQLITE_CONSTRAINT')) throw e;
      if (e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || /\.id$/.test(e.message)) {
        throw new DuplicateKeyError(this.name, ['_id'], ID_INDEX.name, `Duplicate _id in ${this.name}`);
      }
      const sqliteName = /index '([^']+)'/.exec(e.message)?.[1];
      const index = sqliteName ? this.store.catalog.indexBySqliteName(this.name, sqliteName) : null;
      if (index) throw new DuplicateKeyError(this.name, Object.keys(index.keys), index.name);
      if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError(this.name, [], null);
      throw e;
    }
  }
}

/**
 * The `_id` a filter requires, when it is a top-level `_id: '<string>'` (or `{$eq: '<string>'}`);
 * `only`: the filter has no other condition. Null otherwise (top-level `$and`/`$or` included).
 */
function idEquality(filter: Filter): { value: string; only: boolean } | null {
  let id: unknown = filter._id;
  if (isPlainObject(id)) {
    const keys = Object.keys(id);
    id = keys.length === 1 && keys[0] === '$eq' ? id.$eq : undefined;
  }
  if (typeof id !== 'string') return null;
  let only = true;
  for (const key in filter) if (key !== '_id') only = false;
  return { value: id, only };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function assertDocument(doc: unknown, path: string): asserts doc is Doc {
  if (!isPlainObject(doc)) {
    throw badRequest('A document must be an object', [{ path, rule: 'type', message: 'Give a plain object' }]);
  }
  if (typeof doc._id !== 'string' || doc._id === '') {
    throw badRequest('A document needs a non-empty string _id', [
      { path: `${path}._id`, rule: 'required', message: '_id is a string chosen by the caller' },
    ]);
  }
}

function immutableId(path: string) {
  return badRequest('The _id of a document cannot be changed', [
    { path, rule: 'immutable', message: '_id is immutable' },
  ]);
}
