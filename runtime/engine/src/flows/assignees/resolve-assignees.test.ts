import type { AssigneeRule, Assignees } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { memoryOrgDirectory } from './memory-org-directory.js';
import { resolveAssignees, type AssigneeContext } from './resolve-assignees.js';

/**
 * HQ (head ceo) ← Sales (head sam) ← Sales North (head nina). alice (North) reports to nina, nina
 * to sam, sam to ceo. fin1/fin2 hold role finance; fin3 is a disabled finance user.
 */
const org = memoryOrgDirectory({
  users: [
    { id: 'alice', deptIds: ['north'], managerId: 'nina', roleIds: ['sales'] },
    { id: 'nina', deptIds: ['north'], managerId: 'sam', roleIds: ['sales', 'lead'] },
    { id: 'sam', deptIds: ['sales'], managerId: 'ceo', roleIds: ['director'] },
    { id: 'ceo', deptIds: ['hq'], roleIds: ['board'], admin: true },
    { id: 'fin1', deptIds: ['finance'], roleIds: ['finance'] },
    { id: 'fin2', deptIds: ['finance'], roleIds: ['finance'] },
    { id: 'fin3', deptIds: ['finance'], roleIds: ['finance'], active: false },
    { id: 'root', admin: true, active: false },
  ],
  departments: [
    { id: 'hq', headId: 'ceo' },
    { id: 'sales', parentId: 'hq', headId: 'sam' },
    { id: 'north', parentId: 'sales', headId: 'nina' },
    { id: 'finance', parentId: 'hq', headId: 'fin1' },
  ],
});

const KINDS: Record<string, string> = {
  owner: 'member',
  reviewers: 'members',
  dept: 'department',
  region: 'select',
  amount: 'number',
};

function context(over: Partial<AssigneeContext> = {}): AssigneeContext & { turns: Map<string, number> } {
  const turns = new Map<string, number>();
  return {
    org,
    initiatorId: 'alice',
    record: { owner: 'sam', reviewers: ['fin1', 'fin3', 'nina'], dept: 'finance', region: 'south', amount: 5 },
    fieldKind: (field) => KINDS[field],
    openTaskCounts: async () =>
      new Map([
        ['fin1', 7],
        ['fin2', 2],
      ]),
    async nextTurn(key) {
      const turn = turns.get(key) ?? 0;
      turns.set(key, turn + 1);
      return turn;
    },
    turns,
    ...over,
  };
}

const only = (rule: AssigneeRule, whenEmpty: Assignees['whenEmpty'] = 'error'): Assignees => ({
  rules: [rule],
  whenEmpty,
});
const resolve = async (rule: AssigneeRule, ctx = context()) => resolveAssignees(only(rule), ctx, 'flow1:node1');

describe('resolveAssignees', () => {
  it.each<[string, AssigneeRule, string[]]>([
    ['users (disabled dropped)', { type: 'users', userIds: ['sam', 'fin3'] }, ['sam']],
    ['roles', { type: 'roles', roleIds: ['finance'] }, ['fin1', 'fin2']],
    ['departments', { type: 'departments', deptIds: ['north'] }, ['alice', 'nina']],
    ['dept_head of the initiator', { type: 'dept_head' }, ['nina']],
    ['dept_head one level up', { type: 'dept_head', levelsUp: 1 }, ['sam']],
    ['dept_head two levels up', { type: 'dept_head', levelsUp: 2 }, ['ceo']],
    ['manager_chain default = direct manager', { type: 'manager_chain' }, ['nina']],
    ['manager_chain two levels', { type: 'manager_chain', levels: 2 }, ['nina', 'sam']],
    ['manager_chain until a role', { type: 'manager_chain', untilRoleId: 'director' }, ['nina', 'sam']],
    ['manager_chain until a role within levels', { type: 'manager_chain', levels: 1, untilRoleId: 'board' }, ['nina']],
    ['initiator', { type: 'initiator' }, ['alice']],
    ['member field', { type: 'field', field: 'owner' }, ['sam']],
    ['members field (disabled dropped)', { type: 'field', field: 'reviewers' }, ['fin1', 'nina']],
    ['department field = its head', { type: 'field', field: 'dept' }, ['fin1']],
    ['field of another kind finds no one', { type: 'field', field: 'amount' }, []],
    ['least_busy', { type: 'least_busy', group: { roleIds: ['finance'] } }, ['fin2']],
    [
      'rule_table row',
      {
        type: 'rule_table',
        field: 'region',
        rows: [
          { value: 'north', userIds: ['nina'] },
          { value: 'south', userIds: ['sam'] },
        ],
      },
      ['sam'],
    ],
    [
      'rule_table fallback',
      { type: 'rule_table', field: 'region', rows: [{ value: 'north', userIds: ['nina'] }], fallbackUserIds: ['ceo'] },
      ['ceo'],
    ],
    [
      'rule_table with a number value',
      { type: 'rule_table', field: 'amount', rows: [{ value: 5, userIds: ['fin2'] }] },
      ['fin2'],
    ],
  ])('%s', async (_name, rule, expected) => {
    const result = await resolve(rule);
    if (expected.length) expect(result).toEqual({ outcome: 'assigned', userIds: expected, via: 'rules' });
    else expect(result.outcome).toBe('error');
  });

  it('round_robin takes turns over the active members of the group, per node', async () => {
    const ctx = context();
    const rule: AssigneeRule = { type: 'round_robin', group: { roleIds: ['finance'], userIds: ['sam'] } };
    const picks = [];
    for (let i = 0; i < 4; i++) {
      const r = await resolve(rule, ctx);
      picks.push(r.outcome === 'assigned' ? r.userIds : []);
    }
    expect(picks).toEqual([['fin1'], ['fin2'], ['sam'], ['fin1']]);
    expect([...ctx.turns.keys()]).toEqual(['flow1:node1']);
  });

  it('unites several rules in order without duplicates', async () => {
    const result = await resolveAssignees(
      {
        rules: [
          { type: 'initiator' },
          { type: 'departments', deptIds: ['north'] },
          { type: 'users', userIds: ['ceo'] },
        ],
        whenEmpty: 'error',
      },
      context(),
      'k',
    );
    expect(result).toEqual({ outcome: 'assigned', userIds: ['alice', 'nina', 'ceo'], via: 'rules' });
  });

  it('rules about the initiator find no one without an initiator', async () => {
    const ctx = context({ initiatorId: null });
    for (const rule of [{ type: 'initiator' }, { type: 'dept_head' }, { type: 'manager_chain' }] as AssigneeRule[])
      expect((await resolve(rule, ctx)).outcome).toBe('error');
  });

  describe('when the rules find no one', () => {
    const nobody: AssigneeRule = { type: 'users', userIds: ['fin3'] };
    it('skip skips the node', async () => {
      expect(await resolveAssignees(only(nobody, 'skip'), context(), 'k')).toEqual({ outcome: 'skip' });
    });
    it('admin gives it to the active admins', async () => {
      expect(await resolveAssignees(only(nobody, 'admin'), context(), 'k')).toEqual({
        outcome: 'assigned',
        userIds: ['ceo'],
        via: 'admin',
      });
    });
    it('admin prefers the admins named on the node', async () => {
      const assignees: Assignees = { ...only(nobody, 'admin'), adminUserIds: ['fin2'] };
      expect(await resolveAssignees(assignees, context(), 'k')).toEqual({
        outcome: 'assigned',
        userIds: ['fin2'],
        via: 'admin',
      });
    });
    it('admin without any active admin is an error', async () => {
      const assignees: Assignees = { ...only(nobody, 'admin'), adminUserIds: ['root'] };
      expect((await resolveAssignees(assignees, context(), 'k')).outcome).toBe('error');
    });
    it('error stops with a message', async () => {
      expect(await resolveAssignees(only(nobody, 'error'), context(), 'k')).toEqual({
        outcome: 'error',
        message: 'The assignee rules found no one',
        i18n: { key: 'flow.error.noAssignee', params: {} },
      });
    });
  });
});
