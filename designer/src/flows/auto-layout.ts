import type { FlowDefinition, FlowPosition } from '@formloom/model';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';

/** The size every node card is laid out with (the card's CSS width; height of a two-line card). */
export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 76;

/** Layered top-to-bottom layout: ranks 64 px apart, siblings 48 px apart, orthogonal-friendly. */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '64',
  'elk.spacing.nodeNode': '48',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** The flow as an ELK graph: one box per node (measured size when known), one edge per edge. */
export function toElkGraph(
  definition: FlowDefinition,
  sizeOf: (nodeId: string) => { width: number; height: number } | undefined = () => undefined,
): ElkNode {
  const ids = new Set(definition.nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: definition.nodes.map((node) => {
      const size = sizeOf(node.id);
      return { id: node.id, width: size?.width ?? NODE_WIDTH, height: size?.height ?? NODE_HEIGHT };
    }),
    edges: definition.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** Node positions out of a laid-out ELK graph, centred horizontally on x = 0 (whole pixels). */
export function positionsFromElk(graph: ElkNode): Map<string, FlowPosition> {
  const children = graph.children ?? [];
  const width = graph.width ?? Math.max(0, ...children.map((c) => (c.x ?? 0) + (c.width ?? 0)));
  const shift = -width / 2;
  return new Map(children.map((c) => [c.id, { x: Math.round((c.x ?? 0) + shift), y: Math.round(c.y ?? 0) }]));
}

/**
 * Runs ELK's layered layout (direction DOWN) on the flow and returns each node's new position.
 * `elk` is the layouter: in the browser one running in a web worker (`elk-in-worker.ts`, a
 * 500-node flow takes ELK a second or two, which must not freeze the page), in tests the bundled one.
 */
export async function layoutFlow(
  definition: FlowDefinition,
  elk: ELK,
  sizeOf?: (nodeId: string) => { width: number; height: number } | undefined,
): Promise<Map<string, FlowPosition>> {
  const laidOut = await elk.layout(toElkGraph(definition, sizeOf));
  return positionsFromElk(laidOut);
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
