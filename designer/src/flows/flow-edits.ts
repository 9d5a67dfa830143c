import type { FlowDefinition, FlowEdge, FlowEdgeData, FlowNode, FlowPosition } from '@formloom/model';

/** Pure edits of a flow definition; each returns a new definition and leaves untouched nodes and edges as they were. */

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `n_` / `e_` + 8 random characters: unique enough within one flow, stable once written. */
export function newElementId(prefix: 'n' | 'e'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

export function addNode(
  definition: FlowDefinition,
  kind: string,
  position: FlowPosition,
  data: Record<string, unknown>,
): { definition: FlowDefinition; id: string } {
  const id = newElementId('n');
  const node: FlowNode = { id, type: kind, position: { x: Math.round(position.x), y: Math.round(position.y) }, data };
  return { definition: { ...definition, nodes: [...definition.nodes, node] }, id };
}

/**
 * Adds an edge. Out of a condition node it is a branch: it gets the next priority, and the first
 * two branches start as "condition" + "default" so a new decision is valid once the condition is set.
 */
export function connectNodes(
  definition: FlowDefinition,
  connection: { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null },
): { definition: FlowDefinition; id: string } {
  const id = newElementId('e');
  const source = definition.nodes.find((n) => n.id === connection.source);
  const edge: FlowEdge = { id, source: connection.source, target: connection.target };
  if (connection.sourceHandle) edge.sourceHandle = connection.sourceHandle;
  if (connection.targetHandle) edge.targetHandle = connection.targetHandle;
  if (source?.type === 'condition') {
    const branches = definition.edges.filter((e) => e.source === source.id);
    const hasDefault = branches.some((e) => e.data?.isDefault);
    const priorities = branches.map((e) => e.data?.priority ?? 0);
    edge.data =
      branches.length === 1 && !hasDefault ? { isDefault: true } : { priority: Math.max(0, ...priorities) + 1 };
  }
  return { definition: { ...definition, edges: [...definition.edges, edge] }, id };
}

/** Removes nodes (with every edge touching them) and edges. */
export function removeElements(
  definition: FlowDefinition,
  nodeIds: Iterable<string>,
  edgeIds: Iterable<string>,
): FlowDefinition {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return definition;
  return {
    ...definition,
    nodes: definition.nodes.filter((n) => !nodes.has(n.id)),
    edges: definition.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Moves nodes to new positions (rounded to whole pixels); unchanged positions keep their node object. */
export function moveNodes(definition: FlowDefinition, positions: Map<string, FlowPosition>): FlowDefinition {
  let changed = false;
  const nodes = definition.nodes.map((node) => {
    const to = positions.get(node.id);
    if (!to) return node;
    const position = { x: Math.round(to.x), y: Math.round(to.y) };
    if (position.x === node.position.x && position.y === node.position.y) return node;
    changed = true;
    return { ...node, position };
  });
  return changed ? { ...definition, nodes } : definition;
}

export function setNodeData(definition: FlowDefinition, nodeId: string, data: Record<string, unknown>): FlowDefinition {
  return { ...definition, nodes: definition.nodes.map((n) => (n.id === nodeId ? { ...n, data } : n)) };
}

export function setEdgeData(
  definition: FlowDefinition,
  edgeId: string,
  data: FlowEdgeData,
  label?: string,
): FlowDefinition {
  return {
    ...definition,
    edges: definition.edges.map((e) => {
      if (e.id !== edgeId) return e;
      const next: FlowEdge = { ...e, data };
      if (label === undefined || label === '') delete next.label;
      else next.label = label;
      return next;
    }),
  };
}

/**
 * Only one branch of a condition node may be the default: when `edgeId` becomes the default,
 * its siblings stop being it.
 */
export function keepOneDefault(definition: FlowDefinition, edgeId: string): FlowDefinition {
  const edge = definition.edges.find((e) => e.id === edgeId);
  if (!edge?.data?.isDefault) return definition;
  return {
    ...definition,
    edges: definition.edges.map((e) =>
      e.id !== edgeId && e.source === edge.source && e.data?.isDefault
        ? { ...e, data: { ...e.data, isDefault: false } }
        : e,
    ),
  };
}

/** Replaces the data of several edges in one step (a condition's branches reordered, its default moved). */
export function setEdgesData(
  definition: FlowDefinition,
  changes: Array<{ id: string; data: FlowEdgeData }>,
): FlowDefinition {
  const byId = new Map(changes.map((c) => [c.id, c.data]));
  if (byId.size === 0) return definition;
  return {
    ...definition,
    edges: definition.edges.map((e) => (byId.has(e.id) ? { ...e, data: byId.get(e.id) } : e)),
  };
}
