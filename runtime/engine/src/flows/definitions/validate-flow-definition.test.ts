import type { FlowDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { approval, edge, forms, node, purchaseFlow, users } from '../test-fixtures.js';
import { referencedFormIds, validateFlowDefinition } from './validate-flow-definition.js';

const rules = (def: unknown) => validateFlowDefinition(def, { forms }).map((d) => `${d.path}|${d.rule}`);

function withNode(extra: ReturnType<typeof node>): FlowDefinition {
  const def = purchaseFlow();
  def.nodes.push(extra);
  return def;
}

describe('validateFlowDefinition', () => {
  it('accepts the purchase flow', () => {
    expect(validateFlowDefinition(purchaseFlow(), { forms })).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 42, '(root)|type'],
    ['missing nodes', { mode: 'process', formId: 'purchase', edges: [] }, 'nodes|required'],
    ['unknown mode', { mode: 'batch', nodes: [], edges: [] }, 'mode|enum'],
    ['process without a form', { mode: 'process', nodes: [], edges: [] }, 'formId|required'],
    ['unknown top-level key', { ...purchaseFlow(), owner: 'x' }, 'owner|unknownKey'],
  ])('refuses a document of the wrong shape: %s', (_name, def, expected) => {
    expect(rules(def)).toContain(expected);
  });

  it.each<[string, FlowDefinition, string]>([
    ['unknown node kind', withNode(node('x', 'teleport')), 'nodes.6.type|unknownKind'],
    ['approval without assignees', withNode(node('x', 'approval', { mode: 'any' })), 'nodes.6.data.assignees|required'],
    ['empty user list', withNode(approval('x', users())), 'nodes.6.data.assignees.rules.0.userIds|minItems'],
    [
      'vote without percent',
      withNode(approval('x', users('u1'), { mode: 'vote' })),
      'nodes.6.data.votePercent|required',
    ],
    ['end without result', withNode(node('x', 'end')), 'nodes.6.data.result|required'],
    [
      'webhook to a non-http url',
      withNode(node('x', 'webhook', { url: 'file:///etc/passwd' })),
      'nodes.6.data.url|pattern',
    ],
    ['delay with neither duration nor field', withNode(node('x', 'delay', {})), 'nodes.6.data|anyOf'],
    [
      'escalation without a target',
      withNode(approval('x', users('u1'), { deadline: { dueAfterMs: 60000, onDue: 'escalate' } })),
      'nodes.6.data.deadline.escalateTo|required',
    ],
  ])('checks node data per kind: %s', (_name, def, expected) => {
    expect(rules(def)).toContain(expected);
  });

  it('refuses duplicate ids and dangling edges', () => {
    const def = purchaseFlow();
    def.nodes.push(node('mgr', 'end', { result: 'ended' }));
    def.edges.push(edge('cc', 'ghost'), edge('cc', 'end'));
    expect(rules(def)).toEqual(
      expect.arrayContaining(['nodes.6.id|duplicate', 'edges.6.target|unknownNode', 'edges.7.id|duplicate']),
    );
  });

  it.each<[string, FlowDefinition, string]>([
    ['unknown bound form', { ...purchaseFlow(), formId: 'nope' }, 'formId|unknownForm'],
    [
      'field permission on an unknown field',
      withNode(approval('x', users('u1'), { fieldPermissions: { ghost: 'edit' } })),
      'nodes.6.data.fieldPermissions.ghost|unknownField',
    ],
    [
      'create in an unknown form',
      withNode(node('x', 'create_record', { formId: 'nope', fieldMap: {} })),
      'nodes.6.data.formId|unknownForm',
    ],
    [
      'mapping to an unknown target field',
      withNode(node('x', 'create_record', { formId: 'followup', fieldMap: { ghost: { from: 'now' } } })),
      'nodes.6.data.fieldMap.ghost|unknownField',
    ],
    [
      'value from an unknown field',
      withNode(
        node('x', 'create_record', { formId: 'followup', fieldMap: { title: { from: 'field', field: 'nope' } } }),
      ),
      'nodes.6.data.fieldMap.title.field|unknownField',
    ],
    [
      'a formula that does not parse',
      withNode(
        node('x', 'create_record', {
          formId: 'followup',
          fieldMap: { amount: { from: 'formula', formula: '{amount} *' } },
        }),
      ),
      'nodes.6.data.fieldMap.amount.formula|formula.unexpectedEnd',
    ],
    [
      'delay until a text field',
      withNode(node('x', 'delay', { untilField: 'title' })),
      'nodes.6.data.untilField|fieldKind',
    ],
  ])('checks references against the published forms: %s', (_name, def, expected) => {
    expect(rules(def)).toContain(expected);
  });

  it('checks branch conditions against the form fields with the condition language rules', () => {
    const def = purchaseFlow();
    def.edges[2].data = { condition: { rel: 'and', cond: [{ field: 'ghost', method: 'gt', value: 1 }] } as never };
    def.edges[3].data = {
      isDefault: true,
      condition: { rel: 'and', cond: [{ field: 'amount', method: '$where' }] } as never,
    };
    expect(rules(def)).toEqual(
      expect.arrayContaining([
        'edges.2.data.condition.cond[0].field|unknownField',
        'edges.3.data.condition.cond[0].method|operator',
      ]),
    );
  });

  it('checks an automation trigger condition against the trigger form', () => {
    const def: FlowDefinition = {
      mode: 'automation',
      nodes: [
        node('t', 'trigger', {
          trigger: {
            type: 'record_updated',
            formId: 'purchase',
            fields: ['ghost'],
            condition: { rel: 'and', cond: [{ field: 'nope', method: 'empty' }] },
          },
        }),
        node('end', 'end', { result: 'ended' }),
      ],
      edges: [edge('t', 'end')],
    };
    expect(rules(def)).toEqual(
      expect.arrayContaining([
        'nodes.0.data.trigger.fields.0|unknownField',
        'nodes.0.data.trigger.condition.cond[0].field|unknownField',
      ]),
    );
  });

  it('checks subflow references when given the published flows', () => {
    const def = withNode(
      node('x', 'subflow', { flowId: 'ghost', mode: 'sync', record: { type: 'link', field: 'title' } }),
    );
    const found = validateFlowDefinition(def, { forms, flows: (id) => id === 'known' }).map(
      (d) => `${d.path}|${d.rule}`,
    );
    expect(found).toEqual(
      expect.arrayContaining(['nodes.6.data.flowId|unknownFlow', 'nodes.6.data.record.field|fieldKind']),
    );
  });

  it('lists the forms a definition refers to', () => {
    const def = withNode(node('x', 'create_record', { formId: 'followup', fieldMap: {} }));
    expect(referencedFormIds(def).sort()).toEqual(['followup', 'purchase']);
  });
});
