import { decodeCursor, encodeCursor, keysetFilter, type SortPath } from '@formloom/engine';
import type { Collection, Doc, Filter } from '@formloom/model';

/** Newest first; `_id` breaks ties between rows written in the same millisecond. */
const NEWEST_FIRST: SortPath[] = [
  { path: 'createdAt', dir: -1 },
  { path: '_id', dir: -1 },
];

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

/** One page of `collection` on (createdAt, _id), newest first, keyset-paginated like record queries. */
export async function newestFirstPage<T extends Doc & { createdAt: string }>(
  collection: Collection<T>,
  filter: Filter,
  query: NewestFirstQuery,
): Promise<NewestFirstPage<T>> {
  const parts: Filter[] = [filter];
  if (query.cursor !== undefined) parts.push(keysetFilter(NEWEST_FIRST, decodeCursor(query.cursor, NEWEST_FIRST)));
  else if (query.before !== undefined) parts.push({ createdAt: { $lt: query.before } });
  const rows = await collection.find(parts.length === 1 ? filter : { $and: parts }, {
    sort: { createdAt: -1, _id: -1 },
    limit: query.limit + 1,
  });
  const docs = rows.slice(0, query.limit);
  const last = docs.at(-1);
  return { docs, nextCursor: rows.length > query.limit && last ? encodeCursor(NEWEST_FIRST, last) : null };
}
