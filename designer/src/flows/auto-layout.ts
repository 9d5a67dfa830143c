import type { FlowDefinition, FlowPosition } from '@formloom/model';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

/** The size every node card is laid out with (the card's CSS width; height of a two-line card). */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 76;

/**
 * Layered top-to-bottom layout with orthogonal edge routes: ranks 64 px apart, siblings 48 px
 * apart, edges kept 24 px off cards, and room reserved for branch labels (edges carry their
 * label's size, so ELK places a label where no card is). Every edge leaves its card at the
 * bottom centre and enters at the top centre, where the cards' handles are.
 */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '14',
  'elk.spacing.nodeNode': '48',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.edgeEdge': '14',
  'elk.spacing.edgeLabel': '6',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  // Balanced alignment keeps a long flow centred instead of drifting into a diagonal staircase.
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** A size in pixels. */
export interface BoxSize {
  width: number;
  height: number;
}

/** An edge as ELK routed it: its points from the source card's bottom to the target card's top. */
export interface EdgeRoute {
  points: FlowPosition[];
}

/** Node positions and edge routes of one layout run. */
export interface FlowLayout {
  positions: Map<string, FlowPosition>;
  routes: Map<string, EdgeRoute>;
}

const inPort = (nodeId: string) => `${nodeId}:in`;
const outPort = (nodeId: string) => `${nodeId}:out`;

/** The flow as an ELK graph: one box per node (measured size when known), one edge per edge with its label's size. */
export function toElkGraph(
  definition: FlowDefinition,
  sizeOf: (nodeId: string) => BoxSize | undefined = () => undefined,
  labelSizeOf: (edgeId: string) => BoxSize | undefined = () => undefined,
): ElkNode {
  const ids = new Set(definition.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: definition.nodes.map((node) => {
      const size = sizeOf(node.id);
      const width = size?.width ?? NODE_WIDTH;
      const height = size?.height ?? NODE_HEIGHT;
      return {
        id: node.id,
        width,
        height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [
          { id: inPort(node.id), x: width / 2, y: 0, width: 0, height: 0, layoutOptions: { 'elk.port.side': 'NORTH' } },
          {
            id: outPort(node.id),
            x: width / 2,
            y: height,
            width: 0,
            height: 0,
            layoutOptions: { 'elk.port.side': 'SOUTH' },
          },
        ],
      };
    }),
    edges: definition.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => {
        const label = labelSizeOf(e.id);
        const edge: ElkExtendedEdge = { id: e.id, sources: [outPort(e.source)], targets: [inPort(e.target)] };
        if (label) edge.labels = [{ id: `${e.id}:label`, width: label.width, height: label.height }];
        return edge;
      }),
  };
}

/** How far the laid-out graph is moved so it is centred horizontally on x = 0. */
function shiftOf(graph: ElkNode): number {
  const children = graph.children ?? [];
  const width = graph.width ?? Math.max(0, ...children.map((c) => (c.x ?? 0) + (c.width ?? 0)));
  return -width / 2;
}

/** Node positions out of a laid-out ELK graph, centred horizontally on x = 0 (whole pixels). */
export function positionsFromElk(graph: ElkNode): Map<string, FlowPosition> {
  const shift = shiftOf(graph);
  return new Map(
    (graph.children ?? []).map((c) => [c.id, { x: Math.round((c.x ?? 0) + shift), y: Math.round(c.y ?? 0) }]),
  );
}

/** Edge routes out of a laid-out ELK graph (its sections' start, bend and end points), shifted like the nodes. */
export function routesFromElk(graph: ElkNode): Map<string, EdgeRoute> {
  const shift = Math.round(shiftOf(graph));
  const routes = new Map<string, EdgeRoute>();
  for (const edge of graph.edges ?? []) {
    const sections = (edge as ElkExtendedEdge).sections ?? [];
    if (sections.length === 0) continue;
    const points: FlowPosition[] = [];
    for (const section of sections)
      for (const p of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint]) {
        const point = { x: p.x + shift, y: p.y };
        const last = points[points.length - 1];
        if (!last || last.x !== point.x || last.y !== point.y) points.push(point);
      }
    if (points.length >= 2) routes.set(edge.id, { points });
  }
  return routes;
}

/**
 * Runs ELK's layered layout (direction DOWN) on the flow: each node's new position and each
 * edge's orthogonal route. `elk` is the layouter: in the browser one running in a web worker
 * (`elk-in-worker.ts`, a 500-node flow takes ELK a second or two, which must not freeze the
 * page), in tests the bundled one.
 */
export async function layoutFlow(
  definition: FlowDefinition,
  elk: ELK,
  sizeOf?: (nodeId: string) => BoxSize | undefined,
  labelSizeOf?: (edgeId: string) => BoxSize | undefined,
): Promise<FlowLayout> {
  return layoutGraph(toElkGraph(definition, sizeOf, labelSizeOf), elk);
}

/** ELK's positions and routes for a graph made by `toElkGraph`. */
export async function layoutGraph(graph: ElkNode, elk: ELK): Promise<FlowLayout> {
  const laidOut = await elk.layout(graph);
  return { positions: positionsFromElk(laidOut), routes: routesFromElk(laidOut) };
}

/** Whether a flow looks never arranged: two or more nodes share one position (a new flow, an import). */
export function needsLayout(definition: FlowDefinition): boolean {
  const seen = new Set<string>();
  for (const node of definition.nodes) {
    const key = `${Math.round(node.position.x)},${Math.round(node.position.y)}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
