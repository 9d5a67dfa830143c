import {
  SYSTEM_FIELDS,
  type AssigneeGroup,
  type AssigneeRule,
  type Assignees,
  type FlowDefinition,
  type FormDefinition,
  type TriggerNodeData,
} from '@formloom/model';
import { validateTemplate } from '../../templates/validate-template.js';
import type { TemplateFormat } from '../../templates/template-helpers.js';
import { flowGraph, joinsOfSplit, reachable, stronglyConnected, type FlowGraph } from '../flow-graph.js';
import { FLOW_LINT_MESSAGES, flowLintMessage, type FlowLintCode } from './lint-messages.js';
import { flowNodeKinds, type FlowNodeKindRegistry } from './node-kinds.js';
import {
  isFlowDefinitionShape,
  nodeReferences,
  subjectFormId,
  validateFlowDefinition,
  type FlowValidationOptions,
} from './validate-flow-definition.js';

export type FlowLintSeverity = 'error' | 'warning';

export interface FlowLintProblem {
  severity: FlowLintSeverity;
  /** Stable code, e.g. `condition.default`; see FLOW_LINT_CODES. */
  code: FlowLintCode;
  nodeId?: string;
  edgeId?: string;
  /** Where in the document, when the problem is about one setting (`nodes.3.data.assignees.rules.0`). */
  path?: string;
  /** English text; render other languages from `i18nKey` + `params` (or flowLintMessage). */
  message: string;
  /** `flow.lint.<code>`. */
  i18nKey: string;
  params: Record<string, string | number>;
}

/** Who exists in the organisation (so approver rules can be checked before publishing). */
export interface OrgLookup {
  hasUser(userId: string): boolean;
  hasRole(roleId: string): boolean;
  hasDepartment(deptId: string): boolean;
}

export interface FlowLintOptions extends FlowValidationOptions {
  /** Without it, user/role/department ids are not checked. */
  org?: OrgLookup;
}

const WARNINGS = new Set<FlowLintCode>([
  'condition.noCondition',
  'edge.conditionIgnored',
  'parallel.branchEnds',
  'assignees.noInitiator',
]);
const PEOPLE_KINDS = new Set(['member', 'members', 'department', 'departments']);
const PEOPLE_SYSTEM_FIELDS = new Set(['createdBy', 'updatedBy', 'owner', 'ownerDept']);
const INITIATOR_RULES = new Set(['initiator', 'dept_head', 'manager_chain']);

class Problems {
  readonly list: FlowLintProblem[] = [];
  add(code: FlowLintCode, at: { nodeId?: string; edgeId?: string; path?: string }, params = {}) {
    const p: Record<string, string | number> = params;
    this.list.push({
      severity: WARNINGS.has(code) ? 'warning' : 'error',
      code,
      ...at,
      message: flowLintMessage(code, p),
      i18nKey: `flow.lint.${code}`,
      params: p,
    });
  }
}

/**
 * Checks a flow definition the way publishing does: the validation problems of
 * validateFlowDefinition (code `invalid`), then the graph rules (one entry node, ends reachable,
 * no orphans, every node reaches an end, conditions with one default and two branches, parallel
 * splits with one join, no cycle without an exit, connection limits per kind, no human steps in
 * automations), approver rules that can resolve, and reject/return targets that come earlier in
 * the same parallel branch (the runtime moves only the acting token). Pure and
 * synchronous: the designer runs it on every edit. Publishing is refused while any problem has
 * severity `error`.
 */
export function lintFlow(def: unknown, options: FlowLintOptions = {}): FlowLintProblem[] {
  const problems = new Problems();
  const invalid = validateFlowDefinition(def, options);
  const shaped = isFlowDefinitionShape(def);
  for (const detail of invalid) {
    const at = shaped ? locate(def, detail.path) : {};
    problems.add(
      'invalid',
      { ...at, path: detail.path },
      { path: detail.path, rule: detail.rule, detail: detail.message },
    );
  }
  if (!shaped) return problems.list;
  const kinds = options.kinds ?? flowNodeKinds;
  const graph = flowGraph(def);
  lintStructure(def, graph, kinds, problems);
  lintBranches(graph, problems);
  lintParallels(graph, problems);
  lintPeople(def, kinds, options, problems);
  lintRejectTargets(def, graph, kinds, problems);
  lintTemplates(def, problems);
  return problems.list;
}

/** Whether publishing must be refused. */
export function hasLintErrors(problems: FlowLintProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export { FLOW_LINT_MESSAGES };

function locate(def: FlowDefinition, path: string): { nodeId?: string; edgeId?: string } {
  const m = /^(nodes|edges)\.(\d+)/.exec(path);
  if (!m) return {};
  const index = Number(m[2]);
  return m[1] === 'nodes' ? { nodeId: def.nodes[index]?.id } : { edgeId: def.edges[index]?.id };
}

function lintStructure(def: FlowDefinition, graph: FlowGraph, kinds: FlowNodeKindRegistry, problems: Problems) {
  const entryKind = def.mode === 'process' ? 'start' : 'trigger';
  const entries = def.nodes.filter((n) => n.type === entryKind);
  if (entries.length !== 1)
    problems.add('flow.entryCount', { nodeId: entries[1]?.id }, { kind: entryKind, count: entries.length });
  const ends = def.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  if (!ends.length) problems.add('flow.noEnd', {});

  const orphans = new Set<string>();
  for (const node of graph.nodes.values()) {
    const kind = kinds.get(node.type);
    const into = graph.incoming(node.id);
    const out = graph.outgoing(node.id);
    if (graph.nodes.size > 1 && !into.length && !out.length) {
      orphans.add(node.id);
      problems.add('node.orphan', { nodeId: node.id });
    }
    if (!kind) continue;
    if (!kind.modes.includes(def.mode)) {
      if (def.mode === 'automation' && kind.category === 'human')
        problems.add('automation.humanNode', { nodeId: node.id }, { kind: node.type });
      else problems.add('node.wrongMode', { nodeId: node.id }, { kind: node.type, mode: def.mode });
    }
    const { maxIn, maxOut } = kind.connections;
    if (maxIn === 0)
      for (const e of into)
        problems.add('node.incomingNotAllowed', { edgeId: e.id, nodeId: node.id }, { kind: node.type });
    else if (maxIn !== undefined && into.length > maxIn)
      problems.add('node.tooManyIncoming', { nodeId: node.id }, { kind: node.type, max: maxIn });
    if (maxOut === 0)
      for (const e of out)
        problems.add('node.outgoingNotAllowed', { edgeId: e.id, nodeId: node.id }, { kind: node.type });
    else if (maxOut !== undefined && out.length > maxOut)
      problems.add('node.tooManyOutgoing', { nodeId: node.id }, { kind: node.type, max: maxOut });
  }

  const fromEntry = reachable(
    graph,
    entries.map((n) => n.id),
    'forward',
  );
  if (entries.length && ends.length && !ends.some((id) => fromEntry.has(id))) problems.add('flow.endUnreachable', {});
  if (entries.length)
    for (const id of graph.nodes.keys())
      if (!fromEntry.has(id) && !orphans.has(id)) problems.add('node.unreachable', { nodeId: id });

  const trapped = new Set<string>();
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    const looped = component.length > 1 || graph.outgoing(component[0]).some((e) => e.target === component[0]);
    if (!looped) continue;
    const exits = component.some((id) => graph.outgoing(id).some((e) => !members.has(e.target)));
    if (exits) continue;
    for (const id of component) trapped.add(id);
    problems.add(
      'cycle.noExit',
      { nodeId: component[component.length - 1] },
      { nodes: [...component].reverse().join(', ') },
    );
  }
  const toEnd = reachable(graph, ends, 'backward');
  for (const id of graph.nodes.keys())
    if (!toEnd.has(id) && !orphans.has(id) && !trapped.has(id) && graph.nodes.get(id)?.type !== 'end')
      problems.add('node.noPathToEnd', { nodeId: id });
}

function lintBranches(graph: FlowGraph, problems: Problems) {
  for (const node of graph.nodes.values()) {
    const out = graph.outgoing(node.id);
    if (node.type !== 'condition') {
      for (const e of out)
        if (e.data?.condition !== undefined || e.data?.isDefault)
          problems.add('edge.conditionIgnored', { edgeId: e.id, nodeId: node.id });
      continue;
    }
    if (out.length < 2) problems.add('condition.branches', { nodeId: node.id }, { count: out.length });
    const defaults = out.filter((e) => e.data?.isDefault).length;
    if (defaults !== 1) problems.add('condition.default', { nodeId: node.id }, { count: defaults });
    for (const e of out)
      if (!e.data?.isDefault && e.data?.condition === undefined)
        problems.add('condition.noCondition', { edgeId: e.id, nodeId: node.id });
  }
}

function lintParallels(graph: FlowGraph, problems: Problems) {
  const splitsOfJoin = new Map<string, string[]>();
  for (const node of graph.nodes.values()) {
    if (node.type !== 'parallel') continue;
    const out = graph.outgoing(node.id);
    if (out.length < 2) {
      problems.add('parallel.branches', { nodeId: node.id }, { count: out.length });
      continue;
    }
    const { joins, reachesEnd } = joinsOfSplit(graph, node.id);
    if (!joins.size) problems.add('parallel.noJoin', { nodeId: node.id });
    else if (joins.size > 1)
      problems.add('parallel.severalJoins', { nodeId: node.id }, { joins: [...joins].join(', ') });
    else if (reachesEnd) problems.add('parallel.branchEnds', { nodeId: node.id });
    for (const join of joins) splitsOfJoin.set(join, [...(splitsOfJoin.get(join) ?? []), node.id]);
  }
  for (const node of graph.nodes.values()) {
    if (node.type !== 'join') continue;
    const into = graph.incoming(node.id).length;
    if (into < 2) problems.add('join.incoming', { nodeId: node.id }, { count: into });
    const splits = splitsOfJoin.get(node.id) ?? [];
    if (!splits.length) problems.add('join.noSplit', { nodeId: node.id });
    else if (splits.length > 1) problems.add('join.severalSplits', { nodeId: node.id }, { splits: splits.join(', ') });
  }
}

function lintPeople(def: FlowDefinition, kinds: FlowNodeKindRegistry, options: FlowLintOptions, problems: Problems) {
  const subjectId = subjectFormId(def);
  const subject = subjectId && options.forms ? options.forms(subjectId) : undefined;
  const trigger = def.nodes.find((n) => n.type === 'trigger')?.data as TriggerNodeData | undefined;
  const scheduled = def.mode === 'automation' && trigger?.trigger?.type === 'schedule';
  def.nodes.forEach((node, i) => {
    for (const ref of nodeReferences(node, kinds).assignees ?? []) {
      const path = `nodes.${i}.data.${ref.path}`;
      lintAssignees(
        ref.assignees,
        { nodeId: node.id, path },
        { org: options.org, subject, subjectId, scheduled },
        problems,
      );
    }
  });
}

interface PeopleScope {
  org?: OrgLookup;
  subject: FormDefinition | undefined;
  subjectId: string | undefined;
  scheduled: boolean;
}

function lintAssignees(
  assignees: Assignees,
  at: { nodeId: string; path: string },
  scope: PeopleScope,
  problems: Problems,
) {
  if (!assignees.rules.length) problems.add('assignees.none', at);
  const users = (ids: string[] | undefined, path: string) => {
    if (scope.org)
      for (const id of ids ?? [])
        if (!scope.org.hasUser(id)) problems.add('assignees.unknownUser', { ...at, path }, { id });
  };
  const roles = (ids: string[] | undefined, path: string) => {
    if (scope.org)
      for (const id of ids ?? [])
        if (!scope.org.hasRole(id)) problems.add('assignees.unknownRole', { ...at, path }, { id });
  };
  const depts = (ids: string[] | undefined, path: string) => {
    if (scope.org)
      for (const id of ids ?? [])
        if (!scope.org.hasDepartment(id)) problems.add('assignees.unknownDepartment', { ...at, path }, { id });
  };
  const group = (g: AssigneeGroup, path: string) => {
    users(g.userIds, `${path}.userIds`);
    roles(g.roleIds, `${path}.roleIds`);
    depts(g.deptIds, `${path}.deptIds`);
  };
  users(assignees.adminUserIds, `${at.path}.adminUserIds`);
  assignees.rules.forEach((rule: AssigneeRule, r) => {
    const path = `${at.path}.rules.${r}`;
    if (INITIATOR_RULES.has(rule.type) && scope.scheduled) problems.add('assignees.noInitiator', { ...at, path });
    switch (rule.type) {
      case 'users':
        return users(rule.userIds, `${path}.userIds`);
      case 'roles':
        return roles(rule.roleIds, `${path}.roleIds`);
      case 'departments':
        return depts(rule.deptIds, `${path}.deptIds`);
      case 'manager_chain':
        return rule.untilRoleId ? roles([rule.untilRoleId], `${path}.untilRoleId`) : undefined;
      case 'round_robin':
      case 'least_busy':
        return group(rule.group, `${path}.group`);
      case 'field':
        return lintPeopleField(rule.field, { ...at, path: `${path}.field` }, scope, problems, true);
      case 'rule_table':
        lintPeopleField(rule.field, { ...at, path: `${path}.field` }, scope, problems, false);
        rule.rows.forEach((row, k) => users(row.userIds, `${path}.rows.${k}.userIds`));
        users(rule.fallbackUserIds, `${path}.fallbackUserIds`);
        if (!rule.rows.length && !rule.fallbackUserIds?.length) problems.add('assignees.emptyTable', { ...at, path });
        return;
      default:
        return;
    }
  });
}

function lintPeopleField(
  field: string,
  at: { nodeId: string; path: string },
  scope: PeopleScope,
  problems: Problems,
  mustBePeople: boolean,
) {
  if (!scope.subjectId) return problems.add('assignees.noRecord', at);
  if (Object.hasOwn(SYSTEM_FIELDS, field)) {
    if (mustBePeople && !PEOPLE_SYSTEM_FIELDS.has(field))
      problems.add('assignees.notPeopleField', at, { field, kind: 'system' });
    return;
  }
  if (!scope.subject) return;
  const meta = Object.hasOwn(scope.subject.fields, field) ? scope.subject.fields[field] : undefined;
  if (!meta) return problems.add('assignees.unknownField', at, { field });
  if (mustBePeople && !PEOPLE_KINDS.has(meta.kind))
    problems.add('assignees.notPeopleField', at, { field, kind: meta.kind });
}

function lintRejectTargets(def: FlowDefinition, graph: FlowGraph, kinds: FlowNodeKindRegistry, problems: Problems) {
  const branches = parallelBranches(graph);
  def.nodes.forEach((node, i) => {
    for (const ref of nodeReferences(node, kinds).earlierNodes ?? []) {
      const at = { nodeId: node.id, path: `nodes.${i}.data.${ref.path}` };
      const target = graph.nodes.get(ref.nodeId);
      if (!target) {
        problems.add('rejectTo.unknownNode', at, { nodeId: ref.nodeId });
        continue;
      }
      const earlier =
        ref.nodeId !== node.id && target.type !== 'end' && reachable(graph, [ref.nodeId], 'forward').has(node.id);
      if (!earlier) problems.add('rejectTo.notEarlier', at, { nodeId: ref.nodeId });
      else if (branches.get(ref.nodeId) !== branches.get(node.id))
        problems.add('rejectTo.leavesBranch', at, { nodeId: ref.nodeId });
    }
    // Return to the initiator goes back to the start, which is outside every parallel branch.
    if (node.data.returnTo === 'initiator' && branches.get(node.id))
      problems.add('returnTo.leavesBranch', { nodeId: node.id, path: `nodes.${i}.data.returnTo` });
  });
}

/**
 * The parallel branch each node runs in, as a key (`split>edge` pairs of every split it is inside,
 * outermost first is not guaranteed: the pairs are sorted); '' for nodes outside any split. A
 * branch is what its first edge reaches before the split's join. Only a token moved within its
 * own branch keeps the split's other tokens meaningful: the runtime moves only that one token.
 */
function parallelBranches(graph: FlowGraph): Map<string, string> {
  const pairs = new Map<string, string[]>();
  for (const split of graph.nodes.values()) {
    if (split.type !== 'parallel') continue;
    const { joins } = joinsOfSplit(graph, split.id);
    if (joins.size !== 1) continue; // parallel.noJoin / severalJoins already refuse the flow
    for (const first of graph.outgoing(split.id)) {
      const seen = new Set<string>();
      const stack = [first.target];
      while (stack.length) {
        const id = stack.pop() as string;
        if (seen.has(id) || id === split.id || joins.has(id)) continue;
        seen.add(id);
        for (const e of graph.outgoing(id)) stack.push(e.target);
      }
      for (const id of seen) pairs.set(id, [...(pairs.get(id) ?? []), `${split.id}>${first.id}`]);
    }
  }
  const keys = new Map<string, string>();
  for (const id of graph.nodes.keys()) keys.set(id, (pairs.get(id) ?? []).sort().join('|'));
  return keys;
}

/** Message templates of notify and webhook nodes, checked as the renderer will check them before every send. */
const TEMPLATE_SETTINGS: Record<string, Array<{ key: string; format: TemplateFormat }>> = {
  notify: [
    { key: 'subject', format: 'text' },
    { key: 'body', format: 'text' },
  ],
  webhook: [{ key: 'bodyTemplate', format: 'json' }],
};

function lintTemplates(def: FlowDefinition, problems: Problems) {
  def.nodes.forEach((node, i) => {
    for (const { key, format } of TEMPLATE_SETTINGS[node.type] ?? []) {
      const source = node.data[key];
      if (source === undefined || (typeof source === 'string' && source === '' && key === 'bodyTemplate')) continue;
      for (const problem of validateTemplate(source, format))
        problems.add(
          'template.invalid',
          { nodeId: node.id, path: `nodes.${i}.data.${key}` },
          { setting: key, line: problem.line, column: problem.column, detail: problem.message },
        );
    }
  });
}
