import { isFormloomError, type ConditionContext, type FlowDefinition, type FlowNode } from '@formloom/model';
import type { FieldCatalogue } from '../conditions/field-catalogue.js';
import { resolveAssignees, type AssigneeContext, type AssigneeResolution } from './assignees/resolve-assignees.js';
import { chooseBranch, type BranchChoice } from './branches.js';
import type { FlowNodeCategory } from './definitions/node-kind-definition.js';
import { flowNodeKinds, type FlowNodeKindRegistry } from './definitions/node-kinds.js';
import { nodeReferences } from './definitions/validate-flow-definition.js';
import { flowGraph } from './flow-graph.js';

export interface DryRunOptions {
  definition: FlowDefinition;
  /** The record the flow would run on, stored shape (field keys and `_` system fields); `{}` for none. */
  record: Record<string, unknown>;
  /** Who is who. Its `nextTurn` is never called: round robins show the first member of the group. */
  assignees: AssigneeContext;
  conditions: ConditionContext;
  /** Catalogue of the flow's form (branch conditions are compiled against it). */
  fields: FieldCatalogue;
  kinds?: FlowNodeKindRegistry;
  /** Safety limit on the number of steps (default 2000). */
  maxSteps?: number;
}

export interface DryRunStep {
  nodeId: string;
  kind: string;
  category: FlowNodeCategory | null;
  /** Human and notify nodes: who would get the tasks or messages, per assignee setting (`assignees`, `recipients` …). */
  assignees?: Array<{ path: string; resolution: AssigneeResolution }>;
  /** Condition nodes: what each branch evaluated to and which one is taken. */
  branch?: BranchChoice;
}

export interface DryRunNote {
  nodeId: string;
  edgeId?: string;
  /** loop: an edge leads back to a visited step (a real instance would wait there for people); error: the step would fail; limit: too many steps. */
  code: 'loop' | 'error' | 'limit';
  message: string;
}

export interface DryRunResult {
  /** Steps in the order they would run. */
  steps: DryRunStep[];
  visitedNodes: string[];
  visitedEdges: string[];
  /** The end node reached (with its result), if any. */
  ended: { nodeId: string; result: string | null } | null;
  notes: DryRunNote[];
}

/**
 * Walks a flow for one record without writing anything: from the start (or trigger), through
 * human steps (who would be assigned; every task is taken as approved), condition nodes (every
 * branch evaluated, the chosen one followed), parallel splits (every branch followed, the join
 * passed once all arriving branches are in), to an end. An edge back to a visited step is not
 * followed again (noted as `loop`), so the walk always ends.
 */
export async function dryRunFlow(options: DryRunOptions): Promise<DryRunResult> {
  const { definition } = options;
  const kinds = options.kinds ?? flowNodeKinds;
  const graph = flowGraph(definition);
  const assigneeContext: AssigneeContext = { ...options.assignees, nextTurn: async () => 0 };
  const result: DryRunResult = { steps: [], visitedNodes: [], visitedEdges: [], ended: null, notes: [] };
  const maxSteps = options.maxSteps ?? 2000;
  const entryKind = definition.mode === 'process' ? 'start' : 'trigger';
  const entry = definition.nodes.find((n) => n.type === entryKind);
  if (!entry) return result;

  const visited = new Set<string>();
  const joinArrivals = new Map<string, number>();
  const queue: string[] = [entry.id];
  const follow = (edgeId: string, source: string, target: string) => {
    result.visitedEdges.push(edgeId);
    const targetNode = graph.nodes.get(target);
    if (targetNode?.type === 'join') {
      joinArrivals.set(target, (joinArrivals.get(target) ?? 0) + 1);
      if (joinArrivals.get(target) === graph.incoming(target).length && !visited.has(target)) queue.push(target);
      return;
    }
    if (visited.has(target) || queue.includes(target)) {
      result.notes.push({
        nodeId: source,
        edgeId,
        code: 'loop',
        message: `Leads back to "${target}"; not followed again`,
      });
      return;
    }
    queue.push(target);
  };

  while (queue.length || [...joinArrivals.keys()].some((j) => !visited.has(j))) {
    if (!queue.length) {
      // Some branches of a split took other ways (e.g. a condition skipped the join): pass the join now.
      queue.push([...joinArrivals.keys()].find((j) => !visited.has(j)) as string);
    }
    const nodeId = queue.shift() as string;
    if (visited.has(nodeId)) continue;
    if (result.steps.length >= maxSteps) {
      result.notes.push({ nodeId, code: 'limit', message: `Stopped after ${maxSteps} steps` });
      break;
    }
    visited.add(nodeId);
    result.visitedNodes.push(nodeId);
    const node = graph.nodes.get(nodeId) as FlowNode;
    const step: DryRunStep = { nodeId, kind: node.type, category: kinds.get(node.type)?.category ?? null };
    result.steps.push(step);

    if (node.type === 'end') {
      result.ended = { nodeId, result: typeof node.data.result === 'string' ? node.data.result : null };
      break;
    }
    const assigneeRefs = nodeReferences(node, kinds).assignees ?? [];
    if (assigneeRefs.length) {
      step.assignees = [];
      for (const ref of assigneeRefs.filter((r) => !r.path.startsWith('deadline.')))
        step.assignees.push({
          path: ref.path,
          resolution: await resolveAssignees(ref.assignees, assigneeContext, `${nodeId}`),
        });
      const failed = step.assignees.find((a) => a.resolution.outcome === 'error');
      if (failed?.resolution.outcome === 'error') {
        result.notes.push({ nodeId, code: 'error', message: failed.resolution.message });
        continue;
      }
    }
    if (node.type === 'condition') {
      try {
        step.branch = chooseBranch(definition, nodeId, options.record, options.conditions, options.fields);
        follow(step.branch.edgeId, nodeId, step.branch.target);
      } catch (e) {
        if (!isFormloomError(e)) throw e;
        result.notes.push({ nodeId, code: 'error', message: e.message });
      }
      continue;
    }
    for (const edge of graph.outgoing(nodeId)) follow(edge.id, nodeId, edge.target);
  }
  return result;
}
