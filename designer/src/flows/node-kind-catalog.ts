import type { FlowMode } from '@formloom/model';
import {
  builtinNodeKinds,
  createNodeKindRegistry,
  type FlowNodeCategory,
  type FlowNodeKindRegistry,
} from '@formloom/engine/flows/definitions';
import type { NodeKindInfo } from './flow-api.js';

export const CATEGORY_ORDER: readonly FlowNodeCategory[] = ['boundary', 'human', 'control', 'action'];

/**
 * The registry the browser lints with: the engine's built-ins (with their `references()`) plus
 * the server's plugin kinds as it lists them (schema and connection limits; their references
 * are checked on publish by the server).
 */
export function browserKindRegistry(items: NodeKindInfo[]): FlowNodeKindRegistry {
  const registry = createNodeKindRegistry(builtinNodeKinds);
  for (const item of items) {
    if (registry.has(item.kind)) continue;
    const category = (CATEGORY_ORDER as readonly string[]).includes(item.category)
      ? (item.category as FlowNodeCategory)
      : 'action';
    registry.register({ ...item, category });
  }
  return registry;
}

export interface PaletteGroup {
  category: FlowNodeCategory;
  kinds: NodeKindInfo[];
}

/** The palette for a flow of `mode`: kinds allowed in it, grouped by category in a fixed order. */
export function paletteGroups(items: NodeKindInfo[], mode: FlowMode): PaletteGroup[] {
  const allowed = items.filter((item) => item.modes.includes(mode));
  const groups = CATEGORY_ORDER.map((category) => ({
    category,
    kinds: allowed.filter((item) => item.category === category),
  }));
  const other = allowed.filter((item) => !(CATEGORY_ORDER as readonly string[]).includes(item.category));
  groups[groups.length - 1].kinds.push(...other);
  return groups.filter((group) => group.kinds.length > 0);
}

export function categoryOf(items: Map<string, NodeKindInfo>, kind: string): FlowNodeCategory {
  const category = items.get(kind)?.category;
  return (CATEGORY_ORDER as readonly string[]).includes(category ?? '') ? (category as FlowNodeCategory) : 'action';
}
