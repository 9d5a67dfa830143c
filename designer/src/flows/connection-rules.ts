import type { FlowDefinition } from '@formloom/model';

/** Why a connection may not be drawn (i18n `flows.connection.<reason>`), or null when it may. */
export type ConnectionRefusal =
  'self' | 'duplicate' | 'unknownNode' | 'intoEntry' | 'outOfEnd' | 'sourceFull' | 'targetFull' | 'joinWithoutSplit';

export interface ConnectionLimits {
  maxIn?: number;
  maxOut?: number;
}

export interface ConnectionCandidate {
  source: string | null;
  target: string | null;
}

/** Nodes from which `nodeId` can be reached (itself included), walking edges backwards. */
function upstream(definition: FlowDefinition, nodeId: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const edge of definition.edges) {
    const list = into.get(edge.target);
    if (list) list.push(edge.source);
    else into.set(edge.target, [edge.source]);
  }
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length > 0) {
    const at = queue.pop() as string;
    for (const source of into.get(at) ?? [])
      if (!seen.has(source)) {
        seen.add(source);
        queue.push(source);
      }
  }
  return seen;
}

/**
 * Whether an edge source → target may be drawn, by the node kinds' connection limits (as the
 * registry declares them, so plugin kinds follow their own): nothing into a kind with
 * `maxIn: 0` (start, trigger), nothing out of `maxOut: 0` (end), no more edges than a kind takes
 * (one out of a step — branch with a condition or parallel node), no loops onto the node itself,
 * no second edge between the same nodes, and a join only below a parallel split.
 */
export function connectionRefusal(
  definition: FlowDefinition,
  connection: ConnectionCandidate,
  limitsOf: (kind: string) => ConnectionLimits | undefined,
): ConnectionRefusal | null {
  const { source, target } = connection;
  if (!source || !target) return 'unknownNode';
  if (source === target) return 'self';
  const sourceNode = definition.nodes.find((n) => n.id === source);
  const targetNode = definition.nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return 'unknownNode';
  const sourceLimits = limitsOf(sourceNode.type) ?? {};
  const targetLimits = limitsOf(targetNode.type) ?? {};
  if (targetLimits.maxIn === 0) return 'intoEntry';
  if (sourceLimits.maxOut === 0) return 'outOfEnd';
  if (definition.edges.some((e) => e.source === source && e.target === target)) return 'duplicate';
  if (
    sourceLimits.maxOut !== undefined &&
    definition.edges.filter((e) => e.source === source).length >= sourceLimits.maxOut
  )
    return 'sourceFull';
  if (
    targetLimits.maxIn !== undefined &&
    definition.edges.filter((e) => e.target === target).length >= targetLimits.maxIn
  )
    return 'targetFull';
  if (targetNode.type === 'join') {
    const above = upstream(definition, source);
    if (!definition.nodes.some((n) => n.type === 'parallel' && above.has(n.id))) return 'joinWithoutSplit';
  }
  return null;
}
