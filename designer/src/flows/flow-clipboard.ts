import type { FlowDefinition, FlowEdge, FlowNode } from '@formloom/model';
import { newElementId } from './flow-edits.js';

/** What Ctrl+C keeps: the selected nodes and the edges between them (deep copies). */
export interface FlowClipboard {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(
  definition: FlowDefinition,
  nodeIds: Iterable<string>,
  copyable: (kind: string) => boolean = () => true,
): FlowClipboard | null {
  const ids = new Set(nodeIds);
  const nodes = definition.nodes.filter((n) => ids.has(n.id) && copyable(n.type));
  if (nodes.length === 0) return null;
  const kept = new Set(nodes.map((n) => n.id));
  const edges = definition.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  return structuredClone({ nodes, edges });
}

/** Replaces references to copied nodes inside node data (e.g. `rejectTo.nodeId`) with their copies' ids. */
function remapReferences(value: unknown, ids: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => remapReferences(v, ids));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value))
      out[key] = key === 'nodeId' && typeof v === 'string' && ids.has(v) ? ids.get(v) : remapReferences(v, ids);
    return out;
  }
  return value;
}

/**
 * Pastes a clipboard as new nodes and edges with fresh ids, shifted by `offset` so the copies do
 * not hide the originals. Returns the new node ids (to select them).
 */
export function pasteClipboard(
  definition: FlowDefinition,
  clipboard: FlowClipboard,
  offset: { x: number; y: number },
): { definition: FlowDefinition; nodeIds: string[] } {
  const ids = new Map(clipboard.nodes.map((n) => [n.id, newElementId('n')]));
  const nodes: FlowNode[] = clipboard.nodes.map((n) => ({
    id: ids.get(n.id) as string,
    type: n.type,
    position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
    data: remapReferences(structuredClone(n.data), ids) as Record<string, unknown>,
  }));
  const edges: FlowEdge[] = clipboard.edges.map((e) => ({
    ...structuredClone(e),
    id: newElementId('e'),
    source: ids.get(e.source) as string,
    target: ids.get(e.target) as string,
  }));
  return {
    definition: { ...definition, nodes: [...definition.nodes, ...nodes], edges: [...definition.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
