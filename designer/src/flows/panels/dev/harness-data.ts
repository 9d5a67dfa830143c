import type { FlowDefinition, FlowNode, FormDefinition } from '@formloom/model';

/** Sample data of the dev harness: a purchase form, a flow around the kind shown, a mocked API. */
export const sampleForm: FormDefinition = {
  schema: { type: 'object', properties: {} },
  uiSchema: {},
  fields: {
    f_title: { kind: 'text', label: '标题 Title' },
    f_amount: { kind: 'money', label: '金额 Amount' },
    f_type: {
      kind: 'select',
      label: '类型 Type',
      options: [
        { value: 'o_it', label: 'IT' },
        { value: 'o_office', label: 'Office' },
      ],
    },
    f_owner: { kind: 'member', label: '负责人 Owner' },
    f_dept: { kind: 'department', label: '部门 Department' },
    f_due: { kind: 'date', label: '到期日 Due date' },
    f_vendor: { kind: 'link', label: '供应商 Vendor', link: { formId: 'form_vendor', displayFields: [] } },
    f_note: { kind: 'textarea', label: '说明 Note' },
    f_total: { kind: 'formula', label: '合计 Total', formula: '{f_amount}*1.13' },
  },
};

const ledgerForm: FormDefinition = {
  schema: { type: 'object', properties: {} },
  uiSchema: {},
  fields: {
    l_subject: { kind: 'text', label: 'Subject' },
    l_amount: { kind: 'number', label: 'Amount' },
    l_owner: { kind: 'member', label: 'Owner' },
    l_booked: { kind: 'datetime', label: 'Booked at' },
    l_kind: {
      kind: 'radio',
      label: 'Kind',
      options: [
        { value: 'o_in', label: 'In' },
        { value: 'o_out', label: 'Out' },
      ],
    },
  },
};

const DATA: Record<string, Record<string, unknown>> = {
  approval: {
    label: '经理审批',
    assignees: {
      rules: [
        { type: 'manager_chain', levels: 1 },
        { type: 'roles', roleIds: ['r_fin'] },
      ],
      whenEmpty: 'admin',
    },
    mode: 'vote',
    votePercent: 60,
    rejectTo: { type: 'node', nodeId: 'n_start' },
    fieldPermissions: { f_amount: 'edit', f_note: 'required', f_owner: 'hidden' },
    signatureRequired: true,
    deadline: {
      remindAfterMs: 4 * 3_600_000,
      remindEveryMs: 2 * 3_600_000,
      dueAfterMs: 2 * 86_400_000,
      onDue: 'escalate',
      escalateTo: { rules: [{ type: 'dept_head', levelsUp: 1 }], whenEmpty: 'skip' },
    },
  },
  handle: { assignees: { rules: [{ type: 'field', field: 'f_owner' }], whenEmpty: 'error' }, mode: 'any' },
  cc: {
    assignees: {
      rules: [
        { type: 'departments', deptIds: ['d_fin'] },
        { type: 'round_robin', group: { userIds: ['u_li'], roleIds: ['r_fin'] } },
        {
          type: 'rule_table',
          field: 'f_type',
          rows: [{ value: 'o_it', userIds: ['u_wang'] }],
          fallbackUserIds: ['u_li'],
        },
      ],
      whenEmpty: 'skip',
    },
  },
  start: { fieldPermissions: { f_amount: 'edit', f_title: 'edit' } },
  trigger: { trigger: { type: 'schedule', cron: '0 9 * * 1-5', tz: 'Asia/Shanghai' } },
  condition: { label: '金额判断' },
  parallel: {},
  join: {},
  create_record: {
    formId: 'form_ledger',
    fieldMap: {
      l_subject: { from: 'field', field: 'f_title' },
      l_amount: { from: 'formula', formula: '{f_amount}*' },
      l_owner: { from: 'initiator' },
      l_booked: { from: 'now' },
      l_kind: { from: 'value', value: 'o_out' },
    },
  },
  update_records: {
    target: {
      type: 'find',
      formId: 'form_ledger',
      match: [{ field: 'l_subject', source: { from: 'field', field: 'f_title' } }],
    },
    fieldMap: { l_amount: { from: 'field', field: 'f_amount' } },
  },
  upsert_record: {
    finder: { formId: 'form_ledger', match: [{ field: 'l_subject', source: { from: 'field', field: 'f_title' } }] },
    fieldMap: { l_amount: { from: 'value', value: 100 } },
  },
  delete_records: { target: { type: 'trigger' } },
  notify: {
    recipients: { rules: [{ type: 'initiator' }, { type: 'users', userIds: ['u_li'] }], whenEmpty: 'skip' },
    channels: ['inapp', 'email'],
    subject: '采购申请 {{field "f_title"}} 已通过',
    body: '金额：{{formatNumber record.f_amount 2}}\n负责人：{{field "f_owner"}}\n查看：{{link}}\n{{#if record.f_note}}',
  },
  webhook: {
    url: 'http://192.168.1.20/hook',
    bodyTemplate: '{"title": {{json record.f_title}}, "amount": {{json record.f_amount}} }',
    headers: { 'X-Team': 'finance' },
  },
  delay: { untilField: 'f_due', offsetMs: -86_400_000 },
  subflow: { flowId: 'flow_2', mode: 'sync', record: { type: 'link', field: 'f_vendor' } },
  end: { result: 'approved' },
};

export function sampleDefinition(kind: string): FlowDefinition {
  const automation = ['trigger'].includes(kind);
  const node = (id: string, type: string, data: Record<string, unknown> = {}): FlowNode => ({
    id,
    type,
    position: { x: 0, y: 0 },
    data,
  });
  const entry = automation ? node('n_trigger', 'trigger', DATA.trigger) : node('n_start', 'start', { label: '发起' });
  const nodes = [entry];
  if (kind !== 'start' && kind !== 'trigger') nodes.push(node('n_x', kind, DATA[kind] ?? {}));
  nodes.push(
    node('n_mgr', 'approval', { label: '经理审批' }),
    node('n_dir', 'approval', { label: '总监会签' }),
    node('n_end', 'end', { result: 'approved' }),
  );
  const edges = [
    { id: 'e_in', source: entry.id, target: 'n_x' },
    {
      id: 'e_big',
      source: 'n_x',
      target: 'n_dir',
      label: '大额',
      data: {
        priority: 1,
        condition: { rel: 'and' as const, cond: [{ field: 'f_amount', method: 'gt' as const, value: 10000 }] },
      },
    },
    {
      id: 'e_it',
      source: 'n_x',
      target: 'n_mgr',
      label: 'IT',
      data: {
        priority: 2,
        condition: { rel: 'or' as const, cond: [{ field: 'f_type', method: 'in' as const, value: ['o_it'] }] },
      },
    },
    { id: 'e_def', source: 'n_x', target: 'n_end', data: { isDefault: true } },
  ];
  return {
    mode: automation ? 'automation' : 'process',
    formId: automation ? undefined : 'form_purchase',
    nodes,
    edges,
  };
}

const USERS = [
  { id: 'u_li', username: 'li.na', displayName: '李娜', deptIds: ['d_fin'] },
  { id: 'u_wang', username: 'wang.wei', displayName: '王伟', deptIds: ['d_it'] },
  { id: 'u_zhang', username: 'zhang.min', displayName: '张敏', deptIds: ['d_ops'] },
];

/** Answers the panels' API calls from memory. */
export function mockFetch(): void {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  window.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      location.href,
    );
    const path = url.pathname;
    if (path === '/api/directory/users') {
      const q = url.searchParams.get('q') ?? '';
      const ids = url.searchParams.get('ids')?.split(',');
      return json(
        USERS.filter((u) => (ids ? ids.includes(u.id) : u.displayName.includes(q) || u.username.includes(q))),
      );
    }
    if (path === '/api/directory/departments')
      return json([
        { id: 'd_root', name: '总公司', parentId: null },
        { id: 'd_fin', name: '财务部', parentId: 'd_root' },
        { id: 'd_it', name: '信息部', parentId: 'd_root' },
        { id: 'd_ops', name: '运营部', parentId: 'd_root' },
      ]);
    if (path === '/api/directory/roles')
      return json([
        { id: 'r_fin', name: '财务 Finance', memberCount: 3 },
        { id: 'r_dir', name: '总监 Director', memberCount: 1 },
      ]);
    if (path === '/api/apps/app_1/flows')
      return json({
        items: [
          { id: 'flow_1', name: 'This flow', mode: 'process' },
          { id: 'flow_2', name: '供应商审核 Vendor review', mode: 'process' },
        ],
      });
    const form = /^\/api\/forms\/([^/]+)(\/versions\/1)?$/.exec(path);
    if (form) {
      const definition = form[1] === 'form_ledger' ? ledgerForm : sampleForm;
      return form[2]
        ? json({ formId: form[1], appId: 'app_1', version: 1, definition, publishedAt: '', publishedBy: null })
        : json({ id: form[1], appId: 'app_1', name: form[1], publishedVersion: 1, draft: definition });
    }
    return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: path } }), { status: 404 });
  };
}
