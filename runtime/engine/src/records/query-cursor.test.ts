import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetFilter, type SortPath } from './query-cursor.js';

const docs = [
  { _id: 'a', n: null },
  { _id: 'b', n: 1 },
  { _id: 'c', n: 1 },
  { _id: 'd', n: 2 },
  { _id: 'e', n: null },
];

/** Pages through `docs` two at a time with keyset cursors, as the store would. */
function pageAll(sort: SortPath[]): string[] {
  const sorted = [...docs].sort((x, y) => {
    for (const { path, dir } of sort) {
      const a = x[path as keyof typeof x] ?? -Infinity;
      const b = y[path as keyof typeof y] ?? -Infinity;
      if (a !== b) return (a < b ? -1 : 1) * dir;
    }
    return 0;
  });
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const filter = cursor ? keysetFilter(sort, decodeCursor(cursor, sort)) : {};
    const q = new Query(filter);
    const page = sorted.filter((d) => q.test(d)).slice(0, 2);
    seen.push(...page.map((d) => d._id));
    if (page.length < 2) break;
    cursor = encodeCursor(sort, page[page.length - 1]);
  }
  return seen;
}

describe('keyset cursors', () => {
  it('pages ascending with nulls first, without gaps or repeats', () => {
    expect(
      pageAll([
        { path: 'n', dir: 1 },
        { path: '_id', dir: 1 },
      ]),
    ).toEqual(['a', 'e', 'b', 'c', 'd']);
  });

  it('pages descending with nulls last', () => {
    expect(
      pageAll([
        { path: 'n', dir: -1 },
        { path: '_id', dir: -1 },
      ]),
    ).toEqual(['d', 'c', 'b', 'e', 'a']);
  });

  it('rejects tampered cursors and cursors of another sort', () => {
    const sort: SortPath[] = [{ path: '_id', dir: 1 }];
    const other: SortPath[] = [{ path: '_id', dir: -1 }];
    const cursor = encodeCursor(sort, { _id: 'x' });
    expect(decodeCursor(cursor, sort)).toEqual(['x']);
    expect(() => decodeCursor(cursor, other)).toThrowError(/Invalid cursor/);
    const evil = Buffer.from(JSON.stringify({ s: '_id:1', v: [{ $gt: '' }] })).toString('base64url');
    expect(() => decodeCursor(evil, sort)).toThrowError(/Invalid cursor/);
    expect(() => decodeCursor('not base64!', sort)).toThrowError(/Invalid cursor/);
  });
});
