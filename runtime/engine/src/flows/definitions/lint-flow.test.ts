import type { FlowDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { amountOver, approval, edge, forms, node, purchaseFlow, users } from '../test-fixtures.js';
import { FLOW_LINT_CODES, flowLintMessage } from './lint-messages.js';
import { hasLintErrors, lintFlow, type OrgLookup } from './lint-flow.js';

const org: OrgLookup = {
  hasUser: (id) => ['u_mgr', 'u_dir', 'u_fin'].includes(id),
  hasRole: (id) => ['finance', 'director'].includes(id),
  hasDepartment: (id) => ['sales'].includes(id),
};
const lint = (def: unknown) => lintFlow(def, { forms, org });

/** The purchase flow changed by `change`. */
function purchase(change: (def: FlowDefinition) => void): FlowDefinition {
  const def = purchaseFlow();
  change(def);
  return def;
}

function automation(...extra: Array<ReturnType<typeof node>>): FlowDefinition {
  return {
    mode: 'automation',
    nodes: [
      node('t', 'trigger', { trigger: { type: 'record_created', formId: 'purchase' } }),
      node('end', 'end', { result: 'ended' }),
      ...extra,
    ],
    edges: [edge('t', 'end')],
  };
}

const remove = (def: FlowDefinition, edgeId: string) => {
  def.edges = def.edges.filter((e) => e.id !== edgeId);
};

/** start → split → (a, b) → join → end */
function parallelFlow(change: (def: FlowDefinition) => void = () => {}): FlowDefinition {
  const def: FlowDefinition = {
    mode: 'process',
    formId: 'purchase',
    nodes: [
      node('start', 'start'),
      node('split', 'parallel'),
      approval('a', users('u_mgr')),
      approval('b', users('u_dir')),
      node('join', 'join'),
      node('end', 'end', { result: 'approved' }),
    ],
    edges: [
      edge('start', 'split'),
      edge('split', 'a'),
      edge('split', 'b'),
      edge('a', 'join'),
      edge('b', 'join'),
      edge('join', 'end'),
    ],
  };
  change(def);
  return def;
}

describe('lintFlow', () => {
  it('finds nothing wrong with a well-formed purchase flow, nested parallel flows or an automation', () => {
    expect(lint(purchaseFlow())).toEqual([]);
    expect(lint(parallelFlow())).toEqual([]);
    const nested = parallelFlow((def) => {
      remove(def, 'a-join');
      def.nodes.push(node('split2', 'parallel'), approval('c'), approval('d'), node('join2', 'join'));
      def.edges.push(
        edge('a', 'split2'),
        edge('split2', 'c'),
        edge('split2', 'd'),
        edge('c', 'join2'),
        edge('d', 'join2'),
        edge('join2', 'join'),
      );
    });
    expect(lint(nested)).toEqual([]);
    expect(lint(automation())).toEqual([]);
  });

  it.each<[string, unknown, string, string | undefined]>([
    ['invalid', { mode: 'process', nodes: 1, edges: [] }, 'invalid', undefined],
    [
      'flow.entryCount (two starts)',
      purchase((d) => d.nodes.push(node('start2', 'start'))),
      'flow.entryCount',
      'start2',
    ],
    [
      'flow.entryCount (automation without trigger)',
      { mode: 'automation', nodes: [node('end', 'end', { result: 'ended' })], edges: [] },
      'flow.entryCount',
      undefined,
    ],
    [
      'flow.noEnd',
      purchase((d) => {
        d.nodes.pop();
        remove(d, 'cc-end');
      }),
      'flow.noEnd',
      undefined,
    ],
    ['flow.endUnreachable', purchase((d) => remove(d, 'start-mgr')), 'flow.endUnreachable', undefined],
    [
      'node.wrongMode',
      purchase((d) => d.nodes.push(node('t', 'trigger', { trigger: { type: 'schedule', cron: '0 8 * * *' } }))),
      'node.wrongMode',
      't',
    ],
    ['automation.humanNode', automation(approval('x')), 'automation.humanNode', 'x'],
    [
      'node.incomingNotAllowed (into start)',
      purchase((d) => d.edges.push(edge('cc', 'start'))),
      'node.incomingNotAllowed',
      'start',
    ],
    [
      'node.outgoingNotAllowed (out of end)',
      purchase((d) => d.edges.push(edge('end', 'cc'))),
      'node.outgoingNotAllowed',
      'end',
    ],
    ['node.tooManyIncoming', parallelFlow((d) => d.edges.push(edge('a', 'split'))), 'node.tooManyIncoming', 'split'],
    ['node.tooManyOutgoing', purchase((d) => d.edges.push(edge('mgr', 'end'))), 'node.tooManyOutgoing', 'mgr'],
    ['node.orphan', purchase((d) => d.nodes.push(approval('lonely'))), 'node.orphan', 'lonely'],
    [
      'node.unreachable',
      purchase((d) => {
        d.nodes.push(approval('island'));
        d.edges.push(edge('island', 'end'));
      }),
      'node.unreachable',
      'island',
    ],
    [
      'node.noPathToEnd',
      purchase((d) => {
        d.nodes.push(approval('deadend'));
        d.edges.push(edge('cond', 'deadend', { condition: amountOver(1) as never }));
      }),
      'node.noPathToEnd',
      'deadend',
    ],
    [
      'cycle.noExit',
      purchase((d) => {
        d.nodes.push(approval('p'), approval('q'));
        d.edges.push(edge('cond', 'p', { condition: amountOver(5) as never }), edge('p', 'q'), edge('q', 'p'));
      }),
      'cycle.noExit',
      'p',
    ],
    ['condition.branches', purchase((d) => remove(d, 'cond-director')), 'condition.branches', 'cond'],
    [
      'condition.default (none)',
      purchase((d) => {
        d.edges[3].data = { condition: amountOver(0) as never };
      }),
      'condition.default',
      'cond',
    ],
    [
      'condition.default (two)',
      purchase((d) => {
        d.edges[2].data = { isDefault: true };
      }),
      'condition.default',
      'cond',
    ],
    [
      'condition.noCondition',
      purchase((d) => {
        d.edges[2].data = {};
      }),
      'condition.noCondition',
      'cond',
    ],
    [
      'edge.conditionIgnored',
      purchase((d) => {
        d.edges[0].data = { condition: amountOver(1) as never };
      }),
      'edge.conditionIgnored',
      'start',
    ],
    [
      'parallel.branches',
      parallelFlow((d) => {
        remove(d, 'split-b');
        d.nodes = d.nodes.filter((n) => n.id !== 'b');
        remove(d, 'b-join');
      }),
      'parallel.branches',
      'split',
    ],
    [
      'parallel.noJoin',
      parallelFlow((d) => {
        remove(d, 'a-join');
        remove(d, 'b-join');
        d.edges.push(edge('a', 'end'), edge('b', 'end'));
        d.nodes = d.nodes.filter((n) => n.id !== 'join');
        remove(d, 'join-end');
      }),
      'parallel.noJoin',
      'split',
    ],
    [
      'parallel.severalJoins',
      parallelFlow((d) => {
        remove(d, 'b-join');
        d.nodes.push(node('join2', 'join'));
        d.edges.push(edge('b', 'join2'), edge('join2', 'end'));
      }),
      'parallel.severalJoins',
      'split',
    ],
    [
      'parallel.branchEnds',
      parallelFlow((d) => {
        remove(d, 'a-join');
        d.nodes.push(node('c', 'condition'), node('reject', 'end', { result: 'rejected' }), approval('e'));
        d.edges.push(
          edge('a', 'c'),
          edge('c', 'reject', { condition: amountOver(1) as never }),
          edge('c', 'join', { isDefault: true }),
          edge('e', 'join'),
        );
        d.edges.push(edge('split', 'e'));
      }),
      'parallel.branchEnds',
      'split',
    ],
    [
      'join.incoming',
      purchase((d) => {
        d.nodes.push(node('j', 'join'));
        remove(d, 'cc-end');
        d.edges.push(edge('cc', 'j'), edge('j', 'end'));
      }),
      'join.incoming',
      'j',
    ],
    [
      'join.noSplit',
      purchase((d) => {
        d.nodes.push(node('j', 'join'));
        remove(d, 'director-cc');
        remove(d, 'cond-cc');
        d.edges.push(edge('director', 'j'), edge('cond', 'j', { isDefault: true }), edge('j', 'cc'));
      }),
      'join.noSplit',
      'j',
    ],
    [
      'join.severalSplits',
      parallelFlow((d) => {
        remove(d, 'start-split');
        d.nodes.push(node('outer', 'parallel'), approval('z'));
        d.edges.push(edge('start', 'outer'), edge('outer', 'split'), edge('outer', 'z'), edge('z', 'join'));
      }),
      'join.severalSplits',
      'join',
    ],
    [
      'assignees.none',
      purchase((d) => {
        d.nodes[1].data.assignees = { rules: [], whenEmpty: 'skip' };
      }),
      'assignees.none',
      'mgr',
    ],
    [
      'assignees.unknownUser',
      purchase((d) => {
        d.nodes[3].data.assignees = users('u_ghost');
      }),
      'assignees.unknownUser',
      'director',
    ],
    [
      'assignees.unknownRole',
      purchase((d) => {
        d.nodes[4].data.assignees = { rules: [{ type: 'manager_chain', untilRoleId: 'ceo' }], whenEmpty: 'skip' };
      }),
      'assignees.unknownRole',
      'cc',
    ],
    [
      'assignees.unknownDepartment',
      purchase((d) => {
        d.nodes[4].data.assignees = {
          rules: [{ type: 'round_robin', group: { deptIds: ['ops'] } }],
          whenEmpty: 'skip',
        };
      }),
      'assignees.unknownDepartment',
      'cc',
    ],
    [
      'assignees.unknownField',
      purchase((d) => {
        d.nodes[1].data.assignees = { rules: [{ type: 'field', field: 'ghost' }], whenEmpty: 'error' };
      }),
      'assignees.unknownField',
      'mgr',
    ],
    [
      'assignees.notPeopleField',
      purchase((d) => {
        d.nodes[1].data.assignees = { rules: [{ type: 'field', field: 'amount' }], whenEmpty: 'error' };
      }),
      'assignees.notPeopleField',
      'mgr',
    ],
    [
      'assignees.noRecord',
      {
        mode: 'automation',
        nodes: [
          node('t', 'trigger', { trigger: { type: 'schedule', cron: '0 8 * * 1' } }),
          node('n', 'notify', {
            recipients: { rules: [{ type: 'field', field: 'manager' }], whenEmpty: 'skip' },
            channels: ['inapp'],
            subject: 'Hi',
            body: '',
          }),
          node('end', 'end', { result: 'ended' }),
        ],
        edges: [edge('t', 'n'), edge('n', 'end')],
      },
      'assignees.noRecord',
      'n',
    ],
    [
      'assignees.noInitiator',
      {
        mode: 'automation',
        nodes: [
          node('t', 'trigger', { trigger: { type: 'schedule', cron: '0 8 * * 1' } }),
          node('n', 'notify', {
            recipients: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' },
            channels: ['inapp'],
            subject: 'Hi',
            body: '',
          }),
          node('end', 'end', { result: 'ended' }),
        ],
        edges: [edge('t', 'n'), edge('n', 'end')],
      },
      'assignees.noInitiator',
      'n',
    ],
    [
      'assignees.emptyTable',
      purchase((d) => {
        d.nodes[1].data.assignees = { rules: [{ type: 'rule_table', field: 'region', rows: [] }], whenEmpty: 'error' };
      }),
      'assignees.emptyTable',
      'mgr',
    ],
    [
      'rejectTo.unknownNode',
      purchase((d) => {
        d.nodes[3].data.rejectTo = { type: 'node', nodeId: 'ghost' };
      }),
      'rejectTo.unknownNode',
      'director',
    ],
    [
      'rejectTo.notEarlier',
      purchase((d) => {
        d.nodes[1].data.rejectTo = { type: 'node', nodeId: 'director' };
      }),
      'rejectTo.notEarlier',
      'mgr',
    ],
    [
      'rejectTo.leavesBranch (from a branch to before its split)',
      parallelFlow((d) => {
        d.nodes[2].data.rejectTo = { type: 'node', nodeId: 'start' };
      }),
      'rejectTo.leavesBranch',
      'a',
    ],
    [
      'rejectTo.leavesBranch (from after the join into a branch)',
      parallelFlow((d) => {
        remove(d, 'join-end');
        d.nodes.push(approval('after', users('u_fin'), { rejectTo: { type: 'node', nodeId: 'b' } }));
        d.edges.push(edge('join', 'after'), edge('after', 'end'));
      }),
      'rejectTo.leavesBranch',
      'after',
    ],
    [
      "rejectTo.leavesBranch (from an inner split's branch to its outer branch)",
      parallelFlow((d) => {
        remove(d, 'a-join');
        d.nodes.push(
          node('split2', 'parallel'),
          approval('c', users('u_mgr'), { rejectTo: { type: 'node', nodeId: 'a' } }),
          approval('d', users('u_dir')),
          node('join2', 'join'),
        );
        d.edges.push(
          edge('a', 'split2'),
          edge('split2', 'c'),
          edge('split2', 'd'),
          edge('c', 'join2'),
          edge('d', 'join2'),
          edge('join2', 'join'),
        );
      }),
      'rejectTo.leavesBranch',
      'c',
    ],
    [
      'returnTo.leavesBranch (return to the initiator from a branch)',
      parallelFlow((d) => {
        d.nodes[3].data.returnTo = 'initiator';
      }),
      'returnTo.leavesBranch',
      'b',
    ],
  ])('%s', (_name, def, code, nodeId) => {
    const problems = lint(def);
    const found = problems.filter((p) => p.code === code);
    expect(found, JSON.stringify(problems, null, 1)).not.toHaveLength(0);
    if (nodeId) expect(found.map((p) => p.nodeId)).toContain(nodeId);
    expect(found[0].i18nKey).toBe(`flow.lint.${code}`);
  });

  it.each([
    ['a notify subject that calls a helper we do not have', 'notify', 'subject', '{{lookup record "constructor"}}'],
    ['a notify body with an unclosed block', 'notify', 'body', 'Hello {{#if record.f_amount}} big'],
    ['a webhook body reaching for the prototype', 'webhook', 'bodyTemplate', '{"x": "{{record.constructor}}"}'],
  ])('refuses %s (template.invalid on that node and setting)', (_name, kind, key, source) => {
    const data =
      kind === 'notify'
        ? {
            recipients: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' },
            channels: ['inapp'],
            subject: 'Hi',
            body: 'Hi',
          }
        : { url: 'https://example.com/hook' };
    const def = automation(node('n', kind, { ...data, [key]: source }));
    def.edges = [edge('t', 'n'), edge('n', 'end')];
    const found = lint(def).filter((p) => p.code === 'template.invalid');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ nodeId: 'n', path: `nodes.2.data.${key}`, params: { setting: key } });
  });

  it('accepts notify and webhook templates that only read data and use our helpers', () => {
    const def = automation(
      node('n', 'notify', {
        recipients: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' },
        channels: ['inapp'],
        subject: 'Order {{record.f_title}}',
        body: '{{#if record.f_amount}}{{formatNumber record.f_amount 2}}{{/if}}',
      }),
      node('w', 'webhook', { url: 'https://example.com/hook', bodyTemplate: '{"id": {{json record.id}} }' }),
    );
    def.edges = [edge('t', 'n'), edge('n', 'w'), edge('w', 'end')];
    expect(lint(def).filter((p) => p.code === 'template.invalid')).toEqual([]);
  });

  it('accepts reject targets within the same parallel branch and across a whole split', () => {
    const def = parallelFlow((d) => {
      remove(d, 'a-join');
      remove(d, 'join-end');
      d.nodes.push(
        approval('a2', users('u_fin'), { rejectTo: { type: 'node', nodeId: 'a' }, returnTo: 'any' }),
        approval('after', users('u_fin'), { rejectTo: { type: 'node', nodeId: 'start' }, returnTo: 'initiator' }),
      );
      d.edges.push(edge('a', 'a2'), edge('a2', 'join'), edge('join', 'after'), edge('after', 'end'));
    });
    expect(lint(def)).toEqual([]);
  });

  it('accepts a reject target that comes earlier', () => {
    const def = purchase((d) => {
      d.nodes[3].data.rejectTo = { type: 'node', nodeId: 'mgr' };
    });
    expect(lint(def)).toEqual([]);
  });

  it('accepts a loop that has an exit (return for rework until the amount is fixed)', () => {
    const def = purchase((d) => {
      remove(d, 'cc-end');
      d.nodes.push(
        node('check', 'condition'),
        node('fix', 'handle', { assignees: { rules: [{ type: 'initiator' }], whenEmpty: 'error' }, mode: 'any' }),
      );
      d.edges.push(
        edge('cc', 'check'),
        edge('check', 'fix', { condition: amountOver(50000) as never }),
        edge('check', 'end', { isDefault: true }),
        edge('fix', 'mgr'),
      );
    });
    expect(lint(def)).toEqual([]);
  });

  it('marks warnings as warnings and blocks publishing only on errors', () => {
    const warningOnly = lint(
      purchase((d) => {
        d.edges[0].data = { condition: amountOver(1) as never };
      }),
    );
    expect(warningOnly.map((p) => p.severity)).toEqual(['warning']);
    expect(hasLintErrors(warningOnly)).toBe(false);
    expect(hasLintErrors(lint(purchase((d) => remove(d, 'cc-end'))))).toBe(true);
  });

  it('names the node of an invalid setting and gives its path', () => {
    const [problem] = lint(
      purchase((d) => {
        d.nodes[3].data.mode = 'sometimes';
      }),
    );
    expect(problem).toMatchObject({
      code: 'invalid',
      nodeId: 'director',
      path: 'nodes.3.data.mode',
      params: { rule: 'enum' },
    });
  });

  it('has a message in English and Chinese for every code', () => {
    for (const code of FLOW_LINT_CODES) {
      expect(flowLintMessage(code, {}, 'en')).not.toBe('');
      expect(flowLintMessage(code, {}, 'zh-CN')).not.toBe('');
    }
    expect(flowLintMessage('condition.default', { count: 2 }, 'zh-CN')).toContain('2');
  });
});

describe('flowI18nResources', () => {
  it('nests every lint code and built-in kind label under flow.*, with i18next placeholders', async () => {
    const { flowI18nResources } = await import('./node-kind-messages.js');
    const { builtinNodeKinds } = await import('./builtin-node-kinds.js');
    for (const lang of ['en', 'zh-CN'] as const) {
      const resources = flowI18nResources(lang);
      const lookup = (key: string) =>
        key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], resources);
      for (const code of FLOW_LINT_CODES) expect(typeof lookup(`flow.lint.${code}`), code).toBe('string');
      for (const kind of builtinNodeKinds) {
        expect(typeof lookup(kind.labelKey), kind.labelKey).toBe('string');
        expect(typeof lookup(kind.descriptionKey), kind.descriptionKey).toBe('string');
      }
    }
    expect(
      (flowI18nResources('en') as { flow: { lint: { condition: { default: string } } } }).flow.lint.condition.default,
    ).toContain('{{count}}');
  });
});
