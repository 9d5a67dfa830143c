import type { FlowDefinition, FlowEdge, FlowNode } from '@formloom/model';

/** A flow definition indexed for walking: nodes by id, edges in and out of each node (dangling edges left out). */
export interface FlowGraph {
  nodes: ReadonlyMap<string, FlowNode>;
  outgoing(nodeId: string): FlowEdge[];
  incoming(nodeId: string): FlowEdge[];
}

export function flowGraph(def: FlowDefinition): FlowGraph {
  const nodes = new Map<string, FlowNode>();
  for (const node of def.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const out = new Map<string, FlowEdge[]>();
  const into = new Map<string, FlowEdge[]>();
  for (const edge of def.edges) {
    if (!nodes.has(edge.source) || !nodes.has(edge.target)) continue;
    out.set(edge.source, [...(out.get(edge.source) ?? []), edge]);
    into.set(edge.target, [...(into.get(edge.target) ?? []), edge]);
  }
  return { nodes, outgoing: (id) => out.get(id) ?? [], incoming: (id) => into.get(id) ?? [] };
}

/** Ids of the nodes reachable from `starts` (included), following edges forwards or backwards. */
export function reachable(graph: FlowGraph, starts: Iterable<string>, direction: 'forward' | 'backward'): Set<string> {
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const edges = direction === 'forward' ? graph.outgoing(id) : graph.incoming(id);
    for (const e of edges) stack.push(direction === 'forward' ? e.target : e.source);
  }
  return seen;
}

/** Strongly connected components (Tarjan, iterative), each a list of node ids. */
export function stronglyConnected(graph: FlowGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of graph.nodes.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edge: number }> = [{ id: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.outgoing(frame.id);
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++].target;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent) as number, low.get(frame.id) as number));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * The joins that the branches of parallel split `splitId` meet at (nested splits and their joins
 * are skipped), and whether some branch reaches an end before any join.
 */
export function joinsOfSplit(graph: FlowGraph, splitId: string): { joins: Set<string>; reachesEnd: boolean } {
  const joins = new Set<string>();
  let reachesEnd = false;
  const seen = new Set<string>();
  const limit = graph.nodes.size;
  const stack: Array<{ id: string; depth: number }> = graph.outgoing(splitId).map((e) => ({ id: e.target, depth: 0 }));
  while (stack.length) {
    const { id, depth } = stack.pop() as { id: string; depth: number };
    const key = `${depth}|${id}`;
    if (seen.has(key) || id === splitId || depth > limit) continue;
    seen.add(key);
    const type = graph.nodes.get(id)?.type;
    let nextDepth = depth;
    if (type === 'join') {
      if (depth === 0) {
        joins.add(id);
        continue;
      }
      nextDepth = depth - 1;
    } else if (type === 'parallel') nextDepth = depth + 1;
    else if (type === 'end') {
      reachesEnd = true;
      continue;
    }
    for (const e of graph.outgoing(id)) stack.push({ id: e.target, depth: nextDepth });
  }
  return { joins, reachesEnd };
}
