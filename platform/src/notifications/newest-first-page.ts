import { decodeCursor, encodeCursor, keysetFilter, type SortPath } from '@formloom/engine';
import type { Collection, Doc, Filter } from '@formloom/model';

export interface NewestFirstQuery {
  /** The `nextCursor` of the previous page (opaque; a bad one is a 400 on `cursor`). */
  cursor?: string;
  /** Older clients: rows created before this time (rows sharing the boundary time may be skipped). */
  before?: string;
  limit: number;
}

export interface NewestFirstPage<T> {
  docs: T[];
  nextCursor: string | null;
}

/**
 * One page of `collection` on (`timePath`, _id), newest first, keyset-paginated like record
 * queries: `_id` breaks ties between rows written in the same millisecond, so following
 * `nextCursor` returns every row exactly once. `timePath` is the row's ISO time (`createdAt`,
 * or `at` for in-app messages); a cursor made for another time path is a 400 on `cursor`.
 */
export async function newestFirstPage<T extends Doc>(
  collection: Collection<T>,
  filter: Filter,
  query: NewestFirstQuery,
  timePath: 'createdAt' | 'at' = 'createdAt',
): Promise<NewestFirstPage<T>> {
  const sort: SortPath[] = [
    { path: timePath, dir: -1 },
    { path: '_id', dir: -1 },
  ];
  const parts: Filter[] = [filter];
  if (query.cursor !== undefined) parts.push(keysetFilter(sort, decodeCursor(query.cursor, sort)));
  else if (query.before !== undefined) parts.push({ [timePath]: { $lt: query.before } });
  const rows = await collection.find(parts.length === 1 ? filter : { $and: parts }, {
    sort: { [timePath]: -1, _id: -1 },
    limit: query.limit + 1,
  });
  const docs = rows.slice(0, query.limit);
  const last = docs.at(-1);
  return { docs, nextCursor: rows.length > query.limit && last ? encodeCursor(sort, last) : null };
}
