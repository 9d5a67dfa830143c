import {
  isConditionGroup,
  type Condition,
  type ConditionLeaf,
  type LinkageCondition,
  type LinkageConditionLeaf,
} from '@formloom/model';

/**
 * Data-linkage conditions (数据联动 defaults): the condition language over the other form,
 * where a leaf may take its value from this form's field (`valueFrom: {field}`). Browser-safe;
 * the player and the server resolve them the same way.
 */

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const LIST_METHODS = new Set(['in', 'nin']);

/** This form's field keys the condition reads (re-query when one of them changes). */
export function linkageInputs(condition: LinkageCondition): string[] {
  const keys = new Set<string>();
  const walk = (node: LinkageCondition | LinkageConditionLeaf) => {
    if (isConditionGroup(node as ConditionLeaf | Condition)) for (const c of (node as LinkageCondition).cond) walk(c);
    else {
      const from = (node as LinkageConditionLeaf).valueFrom?.field;
      if (typeof from === 'string') keys.add(from);
    }
  };
  walk(condition);
  return [...keys];
}

/**
 * The plain condition to query the other form with: each `valueFrom` replaced by the current
 * value of that field of `values` (a list for `in`/`nin`). null when a field it reads is empty:
 * the linkage then yields nothing.
 */
export function resolveLinkageCondition(
  condition: LinkageCondition,
  values: Record<string, unknown>,
): Condition | null {
  let empty = false;
  const walk = (node: LinkageCondition | LinkageConditionLeaf): Condition | ConditionLeaf => {
    if (isConditionGroup(node as ConditionLeaf | Condition)) {
      const group = node as LinkageCondition;
      return { rel: group.rel, cond: group.cond.map(walk) };
    }
    const { valueFrom, ...leaf } = node as LinkageConditionLeaf;
    if (valueFrom === undefined) return leaf;
    const value = values[valueFrom.field];
    if (isEmpty(value)) empty = true;
    const listed = LIST_METHODS.has(leaf.method) && !Array.isArray(value) ? [value] : value;
    return { field: leaf.field, method: leaf.method, value: listed };
  };
  const resolved = walk(condition) as Condition;
  return empty ? null : resolved;
}
