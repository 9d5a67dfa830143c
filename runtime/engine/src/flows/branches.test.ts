import type { ConditionContext, FlowDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { fieldCatalogue } from '../conditions/field-catalogue.js';
import { chooseBranch } from './branches.js';
import { amountOver, edge, node, purchaseFlow, purchaseForm } from './test-fixtures.js';

const fields = fieldCatalogue(purchaseForm);
const ctx: ConditionContext = { userId: 'alice', deptIds: [], now: new Date('2026-11-23T10:00:00Z') };

/** cond → big (amount > 10000, priority 2) | mid (amount > 1000, priority 1) | small (default). */
function tiered(): FlowDefinition {
  return {
    mode: 'process',
    formId: 'purchase',
    nodes: [
      node('cond', 'condition'),
      node('big', 'end', { result: 'ended' }),
      node('mid', 'end', { result: 'ended' }),
      node('small', 'end', { result: 'ended' }),
    ],
    edges: [
      edge('cond', 'small', { isDefault: true }),
      edge('cond', 'big', { condition: amountOver(10000) as never, priority: 2 }),
      edge('cond', 'mid', { condition: amountOver(1000) as never, priority: 1 }),
    ],
  };
}

describe('chooseBranch', () => {
  it('takes the matching branch and reports what every branch evaluated to', () => {
    const choice = chooseBranch(purchaseFlow(), 'cond', { amount: 25000 }, ctx, fields);
    expect(choice).toEqual({
      edgeId: 'cond-director',
      target: 'director',
      evaluations: [
        { edgeId: 'cond-director', matched: true, isDefault: false },
        { edgeId: 'cond-cc', matched: false, isDefault: true },
      ],
    });
  });

  it('takes the default when nothing matches', () => {
    expect(chooseBranch(purchaseFlow(), 'cond', { amount: 500 }, ctx, fields).target).toBe('cc');
    expect(chooseBranch(purchaseFlow(), 'cond', {}, ctx, fields).target).toBe('cc');
  });

  it('tries branches by priority, not in the order they were drawn', () => {
    // 25000 matches both mid (priority 1) and big (priority 2): mid is tried first.
    const choice = chooseBranch(tiered(), 'cond', { amount: 25000 }, ctx, fields);
    expect(choice.target).toBe('mid');
    expect(choice.evaluations.map((e) => [e.edgeId, e.matched])).toEqual([
      ['cond-mid', true],
      ['cond-big', true],
      ['cond-small', false],
    ]);
    expect(chooseBranch(tiered(), 'cond', { amount: 10 }, ctx, fields).target).toBe('small');
  });

  it('refuses when no branch matches and there is no default', () => {
    const def = tiered();
    def.edges.shift();
    expect(() => chooseBranch(def, 'cond', { amount: 10 }, ctx, fields)).toThrow(/no default/);
  });
});
