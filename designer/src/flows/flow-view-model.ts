import { MarkerType, type Edge, type EdgeMarker, type Node } from '@xyflow/react';
import type { FlowDefinition, FlowEdge, FlowEdgeData } from '@formloom/model';
import { branchOrder } from '@formloom/engine/flows/definitions';
import type { EdgeRoute } from './auto-layout.js';

/** A canvas node: the definition's node as is (type = kind, data = settings) plus canvas state. */
export type CanvasNode = Node<Record<string, unknown>>;

export interface CanvasEdgeData extends Record<string, unknown> {
  /** The definition's edge data (condition, priority, default). */
  flow: FlowEdgeData | undefined;
  /** Out of a condition node: its place in the order branches are tried (1-based), else null. */
  branchIndex: number | null;
  /** The route ELK computed at the last layout (drawn while the cards it joins stay put), or null. */
  route: EdgeRoute | null;
}
export type CanvasEdge = Edge<CanvasEdgeData, 'flow'>;

/** How the canvas marks elements: lint severity and the dry run's path. */
export interface CanvasDecor {
  problems: Map<string, 'error' | 'warning'>;
  /** The dry run's visited nodes and edges; null when no dry run is shown. */
  visited: Set<string> | null;
}

export const NO_DECOR: CanvasDecor = { problems: new Map(), visited: null };

function classNameOf(id: string, decor: CanvasDecor): string | undefined {
  const names: string[] = [];
  const severity = decor.problems.get(id);
  if (severity) names.push(`flow-has-${severity}`);
  if (decor.visited) names.push(decor.visited.has(id) ? 'flow-visited' : 'flow-not-visited');
  return names.length > 0 ? names.join(' ') : undefined;
}

/**
 * The canvas nodes for a definition, reusing the previous node object wherever nothing it shows
 * changed (so React Flow and the memoised node cards re-render only what an edit touched), and
 * keeping canvas-only state (selection, measured size) across edits.
 */
export function syncNodes(previous: CanvasNode[], definition: FlowDefinition, decor: CanvasDecor): CanvasNode[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return definition.nodes.map((node) => {
    const prev = byId.get(node.id);
    const className = classNameOf(node.id, decor);
    if (
      prev &&
      prev.type === node.type &&
      prev.data === node.data &&
      prev.position.x === node.position.x &&
      prev.position.y === node.position.y &&
      prev.className === className
    )
      return prev;
    const next: CanvasNode = { id: node.id, type: node.type, position: node.position, data: node.data };
    if (className) next.className = className;
    if (prev?.selected) next.selected = true;
    if (prev?.measured) next.measured = prev.measured;
    return next;
  });
}

/** Arrow heads: grey, green on a dry run's path. */
const ARROW: EdgeMarker = { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#a3aab5' };
const ARROW_VISITED: EdgeMarker = { ...ARROW, color: '#52c41a' };

function branchIndexes(definition: FlowDefinition): Map<string, number> {
  const out = new Map<string, number>();
  for (const node of definition.nodes)
    if (node.type === 'condition') branchOrder(definition, node.id).forEach((edge, i) => out.set(edge.id, i + 1));
  return out;
}

/** The canvas edges for a definition (see syncNodes): type `flow` (the labelled edge). */
export function syncEdges(
  previous: CanvasEdge[],
  definition: FlowDefinition,
  decor: CanvasDecor,
  routes: ReadonlyMap<string, EdgeRoute> = new Map(),
): CanvasEdge[] {
  const byId = new Map(previous.map((e) => [e.id, e]));
  const indexes = branchIndexes(definition);
  return definition.edges.map((edge: FlowEdge) => {
    const prev = byId.get(edge.id);
    const className = classNameOf(edge.id, decor);
    const branchIndex = indexes.get(edge.id) ?? null;
    const route = routes.get(edge.id) ?? null;
    if (
      prev &&
      prev.source === edge.source &&
      prev.target === edge.target &&
      prev.data?.flow === edge.data &&
      prev.data?.branchIndex === branchIndex &&
      prev.data.route === route &&
      prev.label === edge.label &&
      prev.className === className
    )
      return prev;
    const next: CanvasEdge = {
      id: edge.id,
      type: 'flow',
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
      data: { flow: edge.data, branchIndex, route },
      markerEnd: decor.visited?.has(edge.id) ? ARROW_VISITED : ARROW,
    };
    if (edge.label !== undefined) next.label = edge.label;
    if (className) next.className = className;
    if (prev?.selected) next.selected = true;
    return next;
  });
}
