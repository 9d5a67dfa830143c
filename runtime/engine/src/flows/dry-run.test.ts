import type { ConditionContext, FlowDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { fieldCatalogue } from '../conditions/field-catalogue.js';
import { memoryOrgDirectory } from './assignees/memory-org-directory.js';
import type { AssigneeContext } from './assignees/resolve-assignees.js';
import { dryRunFlow } from './dry-run.js';
import { amountOver, approval, edge, node, purchaseFlow, purchaseForm, users } from './test-fixtures.js';

const org = memoryOrgDirectory({
  users: [
    { id: 'alice' },
    { id: 'u_mgr' },
    { id: 'u_dir' },
    { id: 'fin1', roleIds: ['finance'] },
    { id: 'fin2', roleIds: ['finance'] },
    { id: 'boss', admin: true },
  ],
  departments: [],
});
const fields = fieldCatalogue(purchaseForm);
const conditions: ConditionContext = { userId: 'alice', deptIds: [], now: new Date('2026-11-23T10:00:00Z') };

function run(definition: FlowDefinition, record: Record<string, unknown>) {
  const assignees: AssigneeContext = {
    org,
    initiatorId: 'alice',
    record,
    fieldKind: (f) => purchaseForm.fields[f]?.kind,
    openTaskCounts: async () => new Map(),
    nextTurn: async () => {
      throw new Error('a dry run must not take a turn');
    },
  };
  return dryRunFlow({ definition, record, assignees, conditions, fields });
}

describe('dryRunFlow', () => {
  it('a small purchase goes manager → CC finance → end', async () => {
    const result = await run(purchaseFlow(), { amount: 500, manager: 'u_mgr' });
    expect(result.visitedNodes).toEqual(['start', 'mgr', 'cond', 'cc', 'end']);
    expect(result.visitedEdges).toEqual(['start-mgr', 'mgr-cond', 'cond-cc', 'cc-end']);
    expect(result.ended).toEqual({ nodeId: 'end', result: 'approved' });
    const mgr = result.steps.find((s) => s.nodeId === 'mgr');
    expect(mgr?.assignees).toEqual([
      { path: 'assignees', resolution: { outcome: 'assigned', userIds: ['u_mgr'], via: 'rules' } },
    ]);
    const cc = result.steps.find((s) => s.nodeId === 'cc');
    expect(cc?.assignees?.[0].resolution).toEqual({ outcome: 'assigned', userIds: ['fin1', 'fin2'], via: 'rules' });
    expect(result.steps.find((s) => s.nodeId === 'cond')?.branch?.evaluations).toEqual([
      { edgeId: 'cond-director', matched: false, isDefault: false },
      { edgeId: 'cond-cc', matched: true, isDefault: true },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('a large purchase also goes to the director; an empty manager field falls to the admin', async () => {
    const result = await run(purchaseFlow(), { amount: 25000 });
    expect(result.visitedNodes).toEqual(['start', 'mgr', 'cond', 'director', 'cc', 'end']);
    expect(result.steps[1].assignees?.[0].resolution).toEqual({ outcome: 'assigned', userIds: ['boss'], via: 'admin' });
  });

  it('follows every branch of a parallel split and passes the join once both are in', async () => {
    const def: FlowDefinition = {
      mode: 'process',
      formId: 'purchase',
      nodes: [
        node('start', 'start'),
        node('split', 'parallel'),
        approval('a', users('u_mgr')),
        approval('b1', users('u_dir')),
        approval('b2', users('fin1')),
        node('join', 'join'),
        node('end', 'end', { result: 'approved' }),
      ],
      edges: [
        edge('start', 'split'),
        edge('split', 'a'),
        edge('split', 'b1'),
        edge('b1', 'b2'),
        edge('a', 'join'),
        edge('b2', 'join'),
        edge('join', 'end'),
      ],
    };
    const result = await run(def, {});
    expect(result.visitedNodes).toEqual(['start', 'split', 'a', 'b1', 'b2', 'join', 'end']);
    expect(result.visitedEdges).toContain('a-join');
    expect(result.visitedEdges).toContain('b2-join');
  });

  it('does not go round a loop twice and says so', async () => {
    const def = purchaseFlow();
    def.edges = def.edges.filter((e) => e.id !== 'cc-end');
    def.nodes.push(node('check', 'condition'));
    def.edges.push(
      edge('cc', 'check'),
      edge('check', 'mgr', { condition: amountOver(100) as never }),
      edge('check', 'end', { isDefault: true }),
    );
    const result = await run(def, { amount: 500, manager: 'u_mgr' });
    expect(result.visitedNodes).toEqual(['start', 'mgr', 'cond', 'cc', 'check']);
    expect(result.ended).toBeNull();
    expect(result.notes).toEqual([expect.objectContaining({ nodeId: 'check', edgeId: 'check-mgr', code: 'loop' })]);
  });

  it('stops where a step would fail: no one to assign with whenEmpty error', async () => {
    const def = purchaseFlow();
    def.nodes[1] = approval('mgr', { rules: [{ type: 'field', field: 'manager' }], whenEmpty: 'error' });
    const result = await run(def, { amount: 500 });
    expect(result.visitedNodes).toEqual(['start', 'mgr']);
    expect(result.notes).toEqual([expect.objectContaining({ nodeId: 'mgr', code: 'error' })]);
  });

  it('starts an automation at its trigger', async () => {
    const def: FlowDefinition = {
      mode: 'automation',
      nodes: [
        node('t', 'trigger', { trigger: { type: 'record_created', formId: 'purchase' } }),
        node('n', 'notify', { recipients: users('u_dir'), channels: ['inapp'], subject: 'New', body: '' }),
        node('end', 'end', { result: 'ended' }),
      ],
      edges: [edge('t', 'n'), edge('n', 'end')],
    };
    const result = await run(def, {});
    expect(result.visitedNodes).toEqual(['t', 'n', 'end']);
    expect(result.steps[1].assignees?.[0]).toEqual({
      path: 'recipients',
      resolution: { outcome: 'assigned', userIds: ['u_dir'], via: 'rules' },
    });
  });
});
