import type { FlowDefinition, FlowEdge } from '@formloom/model';
import { branchOrder } from '@formloom/engine/flows/definitions';
import type { EdgeDataChange } from './panel-types.js';

/** A condition node's branches as the engine tries them: by priority, the default last. */
export function orderedBranches(definition: FlowDefinition, nodeId: string): FlowEdge[] {
  return branchOrder(definition, nodeId);
}

/** Priorities 1…n in the given order for the non-default branches (the default keeps none). */
function renumber(edges: FlowEdge[]): EdgeDataChange[] {
  let priority = 0;
  return edges.map((edge) => {
    if (edge.data?.isDefault) {
      const { priority: _dropped, ...rest } = edge.data;
      void _dropped;
      return { id: edge.id, data: rest };
    }
    priority += 1;
    return { id: edge.id, data: { ...edge.data, priority } };
  });
}

/** Moves one non-default branch earlier (-1) or later (+1) among the non-default ones. */
export function moveBranch(definition: FlowDefinition, nodeId: string, edgeId: string, step: -1 | 1): EdgeDataChange[] {
  const edges = orderedBranches(definition, nodeId);
  const regular = edges.filter((e) => !e.data?.isDefault);
  const index = regular.findIndex((e) => e.id === edgeId);
  const to = index + step;
  if (index < 0 || to < 0 || to >= regular.length) return [];
  [regular[index], regular[to]] = [regular[to], regular[index]];
  return renumber([...regular, ...edges.filter((e) => e.data?.isDefault)]);
}

/** Makes one branch the default (exactly one per condition node); the old default gets the last priority. */
export function makeDefaultBranch(definition: FlowDefinition, nodeId: string, edgeId: string): EdgeDataChange[] {
  const edges = orderedBranches(definition, nodeId).map((e) => ({
    ...e,
    data: { ...e.data, isDefault: e.id === edgeId ? true : undefined },
  }));
  const cleaned = edges.map((e) => {
    const data = { ...e.data };
    if (!data.isDefault) delete data.isDefault;
    return { ...e, data };
  });
  return renumber([...cleaned.filter((e) => !e.data.isDefault), ...cleaned.filter((e) => e.data.isDefault)]);
}
