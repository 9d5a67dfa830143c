import { badRequest, type Filter } from '@formloom/model';

/** One resolved sort key: the stored path and its direction. */
export interface SortPath {
  path: string;
  dir: 1 | -1;
}

type Scalar = string | number | boolean | null;

interface CursorBody {
  /** Which sort the cursor belongs to. */
  s: string;
  /** The last item's values of the sort keys, then its id. */
  v: Scalar[];
}

export function sortSignature(sort: SortPath[]): string {
  return sort.map((s) => `${s.path}:${s.dir}`).join(',');
}

/** The cursor after `doc`: base64url JSON of its sort values (the last sort key is always `_id`). */
export function encodeCursor(sort: SortPath[], doc: Record<string, unknown>): string {
  const body: CursorBody = { s: sortSignature(sort), v: sort.map((s) => (doc[s.path] ?? null) as Scalar) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const invalid = () =>
  badRequest('Invalid cursor', [
    { path: 'cursor', rule: 'cursor', message: 'Use the nextCursor of a previous page with the same sort' },
  ]);

const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

export function decodeCursor(cursor: unknown, sort: SortPath[]): Scalar[] {
  if (typeof cursor !== 'string' || cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalid();
  const { s, v } = body as Record<string, unknown>;
  if (s !== sortSignature(sort) || !Array.isArray(v) || v.length !== sort.length || !v.every(isScalar)) throw invalid();
  if (typeof v[v.length - 1] !== 'string') throw invalid();
  return v;
}

/** Rows strictly after `value` on one key; nulls sort first ascending (as in MongoDB). */
function after(path: string, dir: 1 | -1, value: Scalar): Filter | null {
  if (dir === 1) return value === null ? { [path]: { $ne: null } } : { [path]: { $gt: value } };
  if (value === null) return null;
  return { $or: [{ [path]: { $lt: value } }, { [path]: null }] };
}

/** The keyset filter for the page after a cursor: OR over each key of (earlier keys equal, this key after). */
export function keysetFilter(sort: SortPath[], values: Scalar[]): Filter {
  const branches: Filter[] = [];
  for (let i = 0; i < sort.length; i++) {
    const next = after(sort[i].path, sort[i].dir, values[i]);
    if (!next) continue;
    const equal = sort.slice(0, i).map((s, j) => ({ [s.path]: values[j] }));
    branches.push(equal.length ? { $and: [...equal, next] } : next);
  }
  return branches.length === 1 ? branches[0] : { $or: branches };
}
