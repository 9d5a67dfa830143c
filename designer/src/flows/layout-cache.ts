import type { FlowPosition } from '@formloom/model';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import { layoutGraph, type EdgeRoute, type FlowLayout } from './auto-layout.js';

/** A 32-bit FNV-1a hash of a text, in base 36 (the key of a layout's input). */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** What ELK's answer depends on: the graph (ids, sizes, ports, labels, options) and its length. */
export function layoutInputKey(graph: ElkNode): string {
  const text = JSON.stringify(graph);
  return `${text.length.toString(36)}-${hashText(text)}`;
}

type StoredLayout = {
  key: string;
  positions: Array<[string, number, number]>;
  routes: Array<[string, number[]]>;
};

export function serializeLayout(key: string, layout: FlowLayout): string {
  const stored: StoredLayout = {
    key,
    positions: [...layout.positions].map(([id, p]) => [id, p.x, p.y]),
    routes: [...layout.routes].map(([id, route]) => [id, route.points.flatMap((p) => [p.x, p.y])]),
  };
  return JSON.stringify(stored);
}

/** The layout stored for `key`, or null (another input, or nothing readable stored). */
export function deserializeLayout(text: string | null, key: string): FlowLayout | null {
  if (!text) return null;
  try {
    const stored = JSON.parse(text) as StoredLayout;
    if (stored.key !== key) return null;
    const routes = new Map<string, EdgeRoute>();
    for (const [id, flat] of stored.routes) {
      const points: FlowPosition[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) points.push({ x: flat[i], y: flat[i + 1] });
      routes.set(id, { points });
    }
    return { positions: new Map(stored.positions.map(([id, x, y]) => [id, { x, y }])), routes };
  } catch {
    return null;
  }
}

/** The part of the Web Storage API the cache uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'formloom.flowLayout.';
const INDEX = `${PREFIX}recent`;
/** Layouts of this many flows are kept (a 500-node flow's is ~80 kB). */
const KEEP = 8;

/**
 * ELK's answers, kept in the browser per flow: ELK is deterministic, so the same input (cards,
 * sizes, labels) gives the same positions and routes. Reopening a flow laid out before then draws
 * its routes at once, with no second run of ELK (1–3 s of CPU for 500 nodes, which on a busy
 * machine slows the page being opened). Only the last few flows are kept; storage errors (full,
 * private mode) only mean ELK runs again.
 */
export class LayoutCache {
  constructor(private readonly storage: KeyValueStorage | null) {}

  get(flowId: string, key: string): FlowLayout | null {
    try {
      return deserializeLayout(this.storage?.getItem(PREFIX + flowId) ?? null, key);
    } catch {
      return null;
    }
  }

  set(flowId: string, key: string, layout: FlowLayout): void {
    if (!this.storage) return;
    try {
      const recent = [flowId, ...this.recent().filter((id) => id !== flowId)];
      for (const stale of recent.slice(KEEP)) this.storage.removeItem(PREFIX + stale);
      this.storage.setItem(INDEX, JSON.stringify(recent.slice(0, KEEP)));
      this.storage.setItem(PREFIX + flowId, serializeLayout(key, layout));
    } catch {
      // Full or unavailable: the next opening runs ELK again.
    }
  }

  private recent(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(INDEX) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }
}

let pageCache: LayoutCache | null = null;

/** The page's layout cache over localStorage (one that keeps nothing where storage is refused). */
export function browserLayoutCache(): LayoutCache {
  if (!pageCache) {
    let storage: KeyValueStorage | null;
    try {
      storage = window.localStorage;
    } catch {
      storage = null;
    }
    pageCache = new LayoutCache(storage);
  }
  return pageCache;
}

/** ELK's layout of `graph`: from the cache when this flow was laid out from the same input before. */
export async function cachedLayout(graph: ElkNode, elk: ELK, cache: LayoutCache, flowId: string): Promise<FlowLayout> {
  const key = layoutInputKey(graph);
  const hit = cache.get(flowId, key);
  if (hit) return hit;
  const layout = await layoutGraph(graph, elk);
  cache.set(flowId, key, layout);
  return layout;
}
