import type { Assignees, FlowDefinition, FlowEdge, FlowNode, FormDefinition } from '@formloom/model';

/** A purchase request form: amount, a manager (member) field, a region, a due date. */
export const purchaseForm: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      amount: { type: 'number' },
      manager: { type: 'string' },
      dept: { type: 'string' },
      region: { type: 'string' },
      title: { type: 'string' },
      due: { type: 'string' },
    },
  },
  uiSchema: {},
  fields: {
    amount: { kind: 'number', label: 'Amount' },
    manager: { kind: 'member', label: 'Manager' },
    dept: { kind: 'department', label: 'Department' },
    region: {
      kind: 'select',
      label: 'Region',
      options: [
        { value: 'north', label: 'North' },
        { value: 'south', label: 'South' },
      ],
    },
    title: { kind: 'text', label: 'Title' },
    due: { kind: 'date', label: 'Due' },
  },
} as FormDefinition;

export const forms = (formId: string) => (formId === 'purchase' || formId === 'followup' ? purchaseForm : undefined);

export const users = (...userIds: string[]): Assignees => ({ rules: [{ type: 'users', userIds }], whenEmpty: 'error' });

export const node = (id: string, type: string, data: Record<string, unknown> = {}): FlowNode => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});

export const edge = (source: string, target: string, data?: FlowEdge['data']): FlowEdge => ({
  id: `${source}-${target}`,
  source,
  target,
  ...(data ? { data } : {}),
});

export const approval = (id: string, assignees: Assignees = users('u_mgr'), extra: Record<string, unknown> = {}) =>
  node(id, 'approval', { assignees, mode: 'any', ...extra });

export const amountOver = (value: number) => ({ rel: 'and', cond: [{ field: 'amount', method: 'gt', value }] });

/**
 * start → condition(amount > 10000 ? director : default) → manager → … → cc finance → end.
 * Over 10,000: start → cond → mgr → director → cc → end; otherwise start → cond → mgr → cc → end.
 */
export function purchaseFlow(): FlowDefinition {
  return {
    mode: 'process',
    formId: 'purchase',
    nodes: [
      node('start', 'start'),
      approval('mgr', { rules: [{ type: 'field', field: 'manager' }], whenEmpty: 'admin' }),
      node('cond', 'condition'),
      approval('director', users('u_dir'), { mode: 'all' }),
      node('cc', 'cc', { assignees: { rules: [{ type: 'roles', roleIds: ['finance'] }], whenEmpty: 'skip' } }),
      node('end', 'end', { result: 'approved' }),
    ],
    edges: [
      edge('start', 'mgr'),
      edge('mgr', 'cond'),
      edge('cond', 'director', { condition: amountOver(10000) as never, priority: 1 }),
      edge('cond', 'cc', { isDefault: true }),
      edge('director', 'cc'),
      edge('cc', 'end'),
    ],
  };
}
