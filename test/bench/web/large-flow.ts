import type {
  Assignees,
  Condition,
  FlowDefinition,
  FlowEdge,
  FlowEdgeData,
  FlowNode,
  FormDefinition,
} from '@formloom/model';

/**
 * A large purchase-approval process for the flow editor bench, built the way real ones grow:
 * a repeating block of a three-way condition on the amount (big: countersign + CC; medium: one
 * approval; default: a notice), a merging approval, a parallel split into three branches
 * (handling, approval + CC, a notice) closed by a join, then handling, CC and a delay. Every
 * node is configured (assignees, modes, deadlines, branch conditions) so the linter finds
 * nothing and the cards show their full summaries. Positions are left at 0,0: the caller lays
 * it out (the editor's auto-layout).
 */
export interface LargeFlowPeople {
  managerId: string;
  directorIds: string[];
  financeId: string;
}

/** The form the flow is bound to: what its conditions and permissions refer to. */
export function benchPurchaseForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 100 },
        f_amount: { type: 'number', minimum: 0 },
        f_reason: { type: 'string', maxLength: 2000 },
      },
    },
    uiSchema: {},
    fields: {
      f_title: { kind: 'text', label: '采购事项' },
      f_amount: { kind: 'money', label: '金额', number: { precision: 2, thousands: true, unit: '元' } },
      f_reason: { kind: 'textarea', label: '采购原因' },
    },
  };
}

const HOUR = 3600_000;

export function largeFlow(formId: string, people: LargeFlowPeople, nodeCount: number): FlowDefinition {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const users = (userIds: string[]): Assignees => ({ rules: [{ type: 'users', userIds }], whenEmpty: 'admin' });
  const managers: Assignees = { rules: [{ type: 'manager_chain', levels: 1 }], whenEmpty: 'admin' };
  const add = (type: string, data: Record<string, unknown>): string => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, position: { x: 0, y: 0 }, data });
    return id;
  };
  const link = (source: string, target: string, data?: FlowEdgeData, label?: string) =>
    edges.push({
      id: `e${edges.length}`,
      source,
      target,
      ...(data ? { data } : {}),
      ...(label ? { label } : {}),
    });
  const atLeast = (amount: number): Condition => ({
    rel: 'and',
    cond: [{ field: 'f_amount', method: 'gte', value: amount }],
  });
  /** Steps inside a parallel branch return to the previous step (the linter refuses leaving the branch). */
  const approval = (label: string, assignees: Assignees, mode: 'any' | 'all', inBranch = false) =>
    add('approval', {
      label,
      assignees,
      mode,
      returnTo: inBranch ? 'previous' : 'initiator',
      deadline: { remindAfterMs: 24 * HOUR, remindEveryMs: 12 * HOUR, dueAfterMs: 72 * HOUR, onDue: 'approve' },
    });
  const cc = (label: string) => add('cc', { label, assignees: users([people.financeId]) });
  const notify = (label: string) =>
    add('notify', {
      label,
      recipients: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' },
      channels: ['inapp'],
      subject: '采购申请进度',
      body: '您的采购申请已进入下一步。',
    });

  /** One block: its entry node and the nodes whose way out leads into the next block. */
  type Block = { entry: string; exits: string[] };
  const blocks: Array<(round: number) => Block> = [
    (round) => {
      const split = add('condition', { label: `金额判断 ${round}` });
      const big = approval(`总监会签 ${round}`, users(people.directorIds), 'all');
      const bigCc = cc(`抄送财务 ${round}`);
      link(big, bigCc);
      const medium = approval(`经理审批 ${round}`, users([people.managerId]), 'any');
      const small = notify(`小额通知 ${round}`);
      link(split, big, { condition: atLeast(10_000), priority: 1 }, '≥ 10,000');
      link(split, medium, { condition: atLeast(5_000), priority: 2 });
      link(split, small, { isDefault: true, priority: 3 });
      return { entry: split, exits: [bigCc, medium, small] };
    },
    (round) => {
      const step = approval(`部门经理审批 ${round}`, managers, 'any');
      return { entry: step, exits: [step] };
    },
    (round) => {
      const split = add('parallel', { label: `并行会审 ${round}` });
      const handle = add('handle', { label: `采购办理 ${round}`, assignees: users([people.managerId]), mode: 'any' });
      const review = approval(`财务复核 ${round}`, users([people.financeId]), 'any', true);
      const reviewCc = cc(`抄送总监 ${round}`);
      link(review, reviewCc);
      const notice = notify(`进度通知 ${round}`);
      const join = add('join', { label: `汇合 ${round}` });
      for (const [first, last] of [
        [handle, handle],
        [review, reviewCc],
        [notice, notice],
      ] as const) {
        link(split, first);
        link(last, join);
      }
      return { entry: split, exits: [join] };
    },
    (round) => {
      const handle = add('handle', { label: `登记台账 ${round}`, assignees: users([people.financeId]), mode: 'any' });
      const copy = cc(`抄送财务 ${round}b`);
      const wait = add('delay', { label: `等待到货 ${round}`, durationMs: 48 * HOUR });
      link(handle, copy);
      link(copy, wait);
      return { entry: handle, exits: [wait] };
    },
  ];

  const start = add('start', { label: '提交申请', fieldPermissions: { f_amount: 'edit', f_reason: 'edit' } });
  let exits = [start];
  const connectTo = (entry: string) => {
    for (const exit of exits) link(exit, entry);
  };
  // Whole rounds of the four blocks while they fit, then single approvals up to the count.
  const roundSize = 15;
  let round = 1;
  while (nodes.length + roundSize + 1 <= nodeCount) {
    for (const block of blocks) {
      const { entry, exits: next } = block(round);
      connectTo(entry);
      exits = next;
    }
    round++;
  }
  while (nodes.length + 1 < nodeCount) {
    const step = approval(`补充审批 ${nodes.length}`, managers, 'any');
    connectTo(step);
    exits = [step];
  }
  connectTo(add('end', { label: '结束', result: 'approved' }));
  return { mode: 'process', formId, nodes, edges };
}
