import { describe, expect, it } from 'vitest';
import { Query } from 'mingo';
import { find } from 'mingo';
import type { Filter, Projection } from '@formloom/model';
import { compileFilter, project } from './mingo-runtime.js';

const docs: Array<Record<string, unknown> & { _id: string }> = [
  { _id: 'a', revision: 3, status: 'pending', tags: ['x', 'y'], n: 0, flag: true },
  { _id: 'b', revision: 4, status: 'done', tags: [], n: 1, flag: false, nested: { status: 'pending' } },
  { _id: 'c', revision: '3', status: ['pending', 'queued'], n: -0, nil: null },
  { _id: 'd', status: 'queued', n: [1, [3]], flag: 1 },
];

const matches = (test: (d: Record<string, unknown>) => boolean) => docs.filter((d) => test(d)).map((d) => d._id);

describe('compileFilter without mingo', () => {
  // Each filter is answered directly (scalar equalities, $eq, $in) and must agree with mingo.
  const filters: Filter[] = [
    { _id: 'a', revision: 3 },
    { revision: 3 },
    { status: 'pending' },
    { status: { $in: ['queued', 'done'] } },
    { _id: { $in: ['a', 'd'] }, status: { $eq: 'queued' } },
    { tags: 'x' },
    { n: 0 },
    { n: 1 },
    { n: 3 },
    { flag: true },
    { flag: 1 },
    { _id: 'zz' },
  ];
  it.each(filters.map((f) => [JSON.stringify(f), f] as const))('%s matches what mingo matches', (_name, filter) => {
    const mingo = new Query(filter);
    expect(matches((d) => compileFilter(filter).test(d))).toEqual(matches((d) => mingo.test(d)));
  });

  it('leaves null, objects, dotted paths and other operators to mingo', () => {
    expect(matches((d) => compileFilter({ nil: null }).test(d))).toEqual(['a', 'b', 'c', 'd']);
    expect(matches((d) => compileFilter({ 'nested.status': 'pending' }).test(d))).toEqual(['b']);
    expect(matches((d) => compileFilter({ status: { $ne: 'pending' } }).test(d))).toEqual(['b', 'd']);
    expect(matches((d) => compileFilter({ $or: [{ _id: 'a' }, { flag: false }] }).test(d))).toEqual(['a', 'b']);
  });
});

describe('project without mingo', () => {
  const projections: Projection[] = [
    { _id: 1 },
    { _id: 0 },
    { status: 1 },
    { status: 1, _id: 0 },
    { tags: 0 },
    { tags: 0, n: 0, _id: 0 },
    { missing: 1 },
  ];
  it.each(projections.map((p) => [JSON.stringify(p), p] as const))('%s gives what mingo gives', (_name, projection) => {
    const expected = find(structuredClone(docs), {}, projection).all();
    expect(project(structuredClone(docs), projection)).toEqual(expected);
  });
});
