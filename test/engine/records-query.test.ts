import { FormloomError, type Condition } from '@formloom/model';
import { resolveFormAccess } from '@formloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, principal, type EngineFixture } from './engine-fixture.js';

let engine: EngineFixture;
const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'];
beforeAll(async () => {
  engine = await openEngine();
  await engine.records.batchCreate(
    engine.ctx(),
    names.map((name, i) => ({
      f_name: name,
      f_amount: (i % 3) * 100,
      f_stage: i % 2 ? 'won' : 'lead',
      f_note: i === 3 ? 'call back (urgent)' : undefined,
    })),
  );
});
afterAll(async () => engine.close());

async function failure(promise: Promise<unknown>): Promise<FormloomError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof FormloomError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
const namesOf = (items: Array<{ data: Record<string, unknown> }>) => items.map((i) => i.data.f_name);

describe('query', () => {
  it('filters, sorts and counts', async () => {
    const filter: Condition = {
      rel: 'and',
      cond: [
        { field: 'f_stage', method: 'eq', value: 'won' },
        { field: 'f_amount', method: 'gte', value: 100 },
      ],
    };
    const page = await engine.records.query(engine.ctx(), { filter, sort: [{ field: 'f_name', dir: 'desc' }] });
    expect(namesOf(page.items)).toEqual(['Foxtrot', 'Bravo']);
    expect(page.total).toBe(2);
    expect(page.nextCursor).toBeNull();
  });

  it('pages with cursors over a multi-key sort without gaps or repeats', async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    const sort = [
      { field: 'f_amount', dir: 'desc' as const },
      { field: 'f_name', dir: 'asc' as const },
    ];
    for (let i = 0; i < 10; i++) {
      const page = await engine.records.query(engine.ctx(), { sort, limit: 3, cursor, withTotal: i === 0 });
      seen.push(...namesOf(page.items));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['Charlie', 'Foxtrot', 'Bravo', 'Echo', 'Alpha', 'Delta', 'Golf']);
  });

  it('searches keywords literally across searchable fields', async () => {
    expect(namesOf((await engine.records.query(engine.ctx(), { keyword: '(URGENT)' })).items)).toEqual(['Delta']);
    expect((await engine.records.query(engine.ctx(), { keyword: '.*' })).items).toEqual([]);
  });

  it('returns only the selected fields', async () => {
    const page = await engine.records.query(engine.ctx(), { fields: ['f_name'], limit: 1 });
    expect(Object.keys(page.items[0].data)).toEqual(['f_name']);
    expect(page.items[0].id).toBeTruthy();
  });

  it('hides unreadable fields from filters, sorts, searches and results', async () => {
    const access = resolveFormAccess(
      [
        {
          id: 'g',
          name: 'g',
          subjects: { everyone: true },
          actions: ['read'],
          scope: 'all',
          fields: { readable: ['f_name'] },
        },
      ],
      principal('eve'),
      { isManager: false },
    );
    const ctx = engine.ctx(principal('eve'), access);
    const page = await engine.records.query(ctx, { limit: 1 });
    expect(Object.keys(page.items[0].data)).toEqual(['f_name']);
    const byAmount = await failure(
      engine.records.query(ctx, { filter: { rel: 'and', cond: [{ field: 'f_amount', method: 'gt', value: 0 }] } }),
    );
    expect(byAmount.details[0]).toMatchObject({ path: 'filter.cond[0].field', rule: 'unknownField' });
    expect(
      (await failure(engine.records.query(ctx, { sort: [{ field: 'f_amount', dir: 'asc' }] }))).details[0].path,
    ).toBe('sort[0].field');
    expect((await engine.records.query(ctx, { keyword: 'urgent' })).items).toEqual([]);
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['$where filter', { filter: { $where: 'sleep(100)' } }, 'filter.$where'],
    [
      '$ne value',
      { filter: { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: { $ne: null } }] } },
      'filter.cond[0].value',
    ],
    ['$gt field', { filter: { rel: 'and', cond: [{ field: '$gt', method: 'eq', value: 1 }] } }, 'filter.cond[0].field'],
    [
      '$expr method',
      { filter: { rel: 'and', cond: [{ field: 'f_name', method: '$expr', value: 1 }] } },
      'filter.cond[0].method',
    ],
    ['$regex sort field', { sort: [{ field: '$regex', dir: 'asc' }] }, 'sort[0].field'],
    ['operator sort dir', { sort: [{ field: 'f_name', dir: { $gt: 1 } }] }, 'sort[0].dir'],
    ['system path in sort', { sort: [{ field: '_owner', dir: 'asc' }] }, 'sort[0].field'],
    ['prototype in sort', { sort: [{ field: '__proto__', dir: 'asc' }] }, 'sort[0].field'],
    ['object keyword', { keyword: { $regex: '.*' } }, 'keyword'],
    ['operator in fields', { fields: ['$where'] }, 'fields[0]'],
    ['forged cursor', { cursor: Buffer.from('{"s":"x","v":[{"$gt":""}]}').toString('base64url') }, 'cursor'],
    ['limit out of range', { limit: 10_000 }, 'limit'],
  ];
  it.each(bad)('rejects %s with 400', async (_name, query, path) => {
    const e = await failure(engine.records.query(engine.ctx(), query));
    expect(e.status).toBe(400);
    expect(e.details[0].path).toBe(path);
  });
});
