import { describe, expect, it } from 'vitest';
import { collectPathKinds, PathKindRegistry } from './path-kinds.js';
import { SqlPlanner } from './sql-planner.js';

function plannerFor(...docs: Array<Record<string, unknown>>): SqlPlanner {
  const kinds = new PathKindRegistry();
  for (const doc of docs) kinds.add(collectPathKinds(doc));
  return new SqlPlanner(kinds);
}

describe('SqlPlanner', () => {
  const planner = plannerFor({ _id: 'a', status: 'won', amount: 5, addr: { city: 'Paris' }, tags: ['x'], flag: true });

  it('translates equality, ranges, $in and $or on scalar paths exactly, with the index expressions', () => {
    const plan = planner.planFilter({
      status: 'won',
      amount: { $gte: 1, $lt: 9 },
      'addr.city': { $in: ['Paris', 'Rome'] },
    });
    expect(plan.exact).toBe(true);
    expect(plan.sql).toContain(`json_extract(body, '$."status"') = ?`);
    expect(plan.sql).toContain(`json_extract(body, '$."addr"."city"') IN (?, ?)`);
    expect(plan.params).toEqual(['won', 1, 9, 'Paris', 'Rome']);
    expect(planner.planFilter({ $or: [{ status: 'won' }, { amount: 3 }] }).exact).toBe(true);
    expect(planner.planFilter({ _id: 'a' })).toEqual({ sql: 'id = ?', params: ['a'], exact: true });
  });

  it('leaves array paths, paths below them and unknown operators to mingo', () => {
    expect(planner.planFilter({ tags: 'x' })).toEqual({ sql: null, params: [], exact: false });
    const mixed = planner.planFilter({ status: 'won', name: { $regex: '^a' } });
    expect(mixed.exact).toBe(false);
    expect(mixed.sql).toContain('status');
    expect(planner.planFilter({ $or: [{ status: 'won' }, { tags: 'x' }] }).sql).toBeNull();
    expect(plannerFor({ _id: 'a', items: [{ sku: 1 }] }).planFilter({ 'items.sku': 1 }).sql).toBeNull();
  });

  it('adds a JSON type guard only where booleans and numbers (or strings) have both been seen', () => {
    expect(planner.planFilter({ amount: 5 }).sql).not.toContain('json_type');
    const mixed = plannerFor({ _id: 'a', v: 1 }, { _id: 'b', v: true }, { _id: 'c', v: 's' });
    expect(mixed.planFilter({ v: 1 }).sql).toContain(`json_type(body, '$."v"') IN ('integer', 'real')`);
    expect(mixed.planFilter({ v: true }).sql).toContain(`IN ('true')`);
    expect(mixed.planFilter({ v: { $gt: 'a' } }).sql).toContain(`IN ('text')`);
  });

  it('sorts in SQL only on paths holding numbers, strings and nulls, always ending with id', () => {
    expect(planner.planSort({ amount: -1 })).toBe(`json_extract(body, '$."amount"') DESC, id ASC`);
    expect(planner.planSort({ status: 1, _id: -1 })).toBe(`json_extract(body, '$."status"') ASC, id DESC`);
    expect(planner.planSort({ flag: 1 })).toBeNull();
    expect(planner.planSort({ tags: 1 })).toBeNull();
  });
});
