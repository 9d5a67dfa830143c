import { CONDITION_METHODS, DYNAMIC_VALUES, type ErrorDetail } from '@formloom/model';
import { isDateString, isDateTimeString } from '../fields/date.js';
import type { ConditionValueType } from '../fields/field-kind.types.js';
import type { FieldCatalogue } from './field-catalogue.js';

/** Limits that keep a condition cheap to check, compile and run. */
export const CONDITION_LIMITS = {
  maxDepth: 6,
  maxNodes: 200,
  maxListValues: 500,
  maxStringLength: 1000,
  maxLikeLength: 200,
} as const;

const GROUP_KEYS = new Set(['rel', 'cond']);
const LEAF_KEYS = new Set(['field', 'method', 'value', 'dynamic']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const METHODS = new Set<string>(CONDITION_METHODS);
const DYNAMICS = new Set<string>(DYNAMIC_VALUES);
const SCALAR_METHODS = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
const PERIOD_DYNAMICS = new Set(['today', 'yesterday', 'tomorrow', 'this_week', 'this_month', 'this_year', 'now']);

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

interface Walk {
  errors: ErrorDetail[];
  nodes: number;
}

/**
 * Checks a condition strictly before it is compiled: only the documented keys, methods from
 * the whitelist that the field's kind supports, fields from the caller's catalogue, and values
 * of the right shape (JSON scalars, or arrays of them). Any object value, any `$` key and any
 * prototype key is refused. Returns the problems found (empty = valid); paths start at `basePath`.
 */
export function validateCondition(cond: unknown, fields: FieldCatalogue, basePath = ''): ErrorDetail[] {
  const walk: Walk = { errors: [], nodes: 0 };
  if (!isObjectNode(cond)) {
    walk.errors.push(err(basePath || 'condition', 'type', 'A condition must be an object {rel, cond}'));
    return walk.errors;
  }
  if (!('rel' in cond)) {
    checkKeys(cond, GROUP_KEYS, basePath, walk);
    walk.errors.push(err(join(basePath, 'rel'), 'required', 'A condition starts with a group {rel, cond}'));
    return walk.errors;
  }
  checkNode(cond, fields, basePath, 1, walk);
  return walk.errors;
}

function err(path: string, rule: string, message: string): ErrorDetail {
  return { path: path || 'condition', rule, message };
}

function isObjectNode(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Refuses `$` keys and prototype keys; returns false when the node must not be looked at further. */
function checkKeys(node: Record<string, unknown>, allowed: Set<string>, path: string, walk: Walk): boolean {
  let ok = true;
  for (const key of Object.keys(node)) {
    if (key.startsWith('$')) {
      walk.errors.push(err(join(path, key), 'operator', `Operators such as "${key}" are not allowed`));
      ok = false;
    } else if (FORBIDDEN_KEYS.has(key)) {
      walk.errors.push(err(join(path, key), 'forbiddenKey', `"${key}" is not allowed`));
      ok = false;
    } else if (!allowed.has(key)) {
      walk.errors.push(err(join(path, key), 'unknownKey', `"${key}" is not part of a condition`));
      ok = false;
    }
  }
  return ok;
}

function checkNode(node: unknown, fields: FieldCatalogue, path: string, depth: number, walk: Walk): void {
  if (++walk.nodes > CONDITION_LIMITS.maxNodes) {
    if (walk.nodes === CONDITION_LIMITS.maxNodes + 1)
      walk.errors.push(err(path, 'maxNodes', `A condition has at most ${CONDITION_LIMITS.maxNodes} parts`));
    return;
  }
  if (!isObjectNode(node)) {
    walk.errors.push(err(path, 'type', 'Must be a group {rel, cond} or a leaf {field, method, value}'));
    return;
  }
  if ('rel' in node || 'cond' in node) checkGroup(node, fields, path, depth, walk);
  else checkLeaf(node, fields, path, walk);
}

function checkGroup(node: Record<string, unknown>, fields: FieldCatalogue, path: string, depth: number, walk: Walk) {
  if (!checkKeys(node, GROUP_KEYS, path, walk)) return;
  if (depth > CONDITION_LIMITS.maxDepth) {
    walk.errors.push(err(path, 'maxDepth', `Groups nest at most ${CONDITION_LIMITS.maxDepth} deep`));
    return;
  }
  if (node.rel !== 'and' && node.rel !== 'or')
    walk.errors.push(err(join(path, 'rel'), 'enum', 'rel must be "and" or "or"'));
  if (!Array.isArray(node.cond)) {
    walk.errors.push(err(join(path, 'cond'), 'type', 'cond must be an array'));
    return;
  }
  node.cond.forEach((child, i) => checkNode(child, fields, `${join(path, 'cond')}[${i}]`, depth + 1, walk));
}

function checkLeaf(node: Record<string, unknown>, fields: FieldCatalogue, path: string, walk: Walk) {
  if (!checkKeys(node, LEAF_KEYS, path, walk)) return;
  const { field, method, value, dynamic } = node;
  if (typeof field !== 'string') {
    walk.errors.push(err(join(path, 'field'), 'required', 'field must be a field key'));
    return;
  }
  const entry = fields.get(field);
  if (!entry) {
    walk.errors.push(err(join(path, 'field'), 'unknownField', `"${field}" is not a field you can filter on`));
    return;
  }
  if (typeof method !== 'string' || !METHODS.has(method)) {
    walk.errors.push(err(join(path, 'method'), 'operator', 'method must be one of ' + CONDITION_METHODS.join(', ')));
    return;
  }
  if (!entry.spec.methods.includes(method)) {
    walk.errors.push(err(join(path, 'method'), 'operator', `"${method}" is not available for ${entry.kind} fields`));
    return;
  }
  const hasValue = value !== undefined;
  const hasDynamic = dynamic !== undefined;
  if (method === 'empty' || method === 'not_empty') {
    if (hasValue || hasDynamic)
      walk.errors.push(err(join(path, hasValue ? 'value' : 'dynamic'), 'unexpected', `${method} takes no value`));
    return;
  }
  if (hasValue && hasDynamic) {
    walk.errors.push(err(join(path, 'dynamic'), 'unexpected', 'Give either value or dynamic, not both'));
    return;
  }
  if (hasDynamic) return checkDynamic(dynamic, method, entry.spec.dynamicValues ?? [], join(path, 'dynamic'), walk);
  if (!hasValue) {
    walk.errors.push(err(join(path, 'value'), 'required', `${method} needs a value`));
    return;
  }
  checkValue(value, method, entry.spec.valueType ?? 'string', join(path, 'value'), walk);
}

function checkDynamic(dynamic: unknown, method: string, allowed: readonly string[], path: string, walk: Walk) {
  if (typeof dynamic !== 'string' || !DYNAMICS.has(dynamic) || !allowed.includes(dynamic)) {
    walk.errors.push(err(path, 'enum', `dynamic must be one of: ${allowed.join(', ') || '(none for this field)'}`));
    return;
  }
  const methodsForDynamic = PERIOD_DYNAMICS.has(dynamic) ? SCALAR_METHODS : new Set(['eq', 'ne', 'in', 'nin']);
  if (!methodsForDynamic.has(method))
    walk.errors.push(err(path, 'operator', `"${dynamic}" cannot be used with ${method}`));
}

function scalarProblem(value: unknown, type: ConditionValueType): string | null {
  if (value !== null && typeof value === 'object') return 'objects are not allowed as values';
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return isDateString(value) ? null : 'must be a date YYYY-MM-DD';
    case 'datetime':
      return isDateTimeString(value) ? null : 'must be an ISO-8601 date-time';
    case 'scalar':
      if (typeof value === 'number') return Number.isFinite(value) ? null : 'must be a finite number';
      if (typeof value === 'boolean') return null;
    // falls through: strings are checked below
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return value.length <= CONDITION_LIMITS.maxStringLength
        ? null
        : `must be at most ${CONDITION_LIMITS.maxStringLength} characters`;
  }
}

function checkValue(value: unknown, method: string, type: ConditionValueType, path: string, walk: Walk) {
  const push = (at: string, rule: string, message: string) => walk.errors.push(err(at, rule, message));
  if (method === 'like') {
    if (typeof value !== 'string' || value.length === 0 || value.length > CONDITION_LIMITS.maxLikeLength)
      push(path, 'type', `like needs text of 1–${CONDITION_LIMITS.maxLikeLength} characters`);
    return;
  }
  if (method === 'in' || method === 'nin') {
    if (!Array.isArray(value) || value.length === 0 || value.length > CONDITION_LIMITS.maxListValues) {
      push(path, 'type', `${method} needs an array of 1–${CONDITION_LIMITS.maxListValues} values`);
      return;
    }
    value.forEach((v, i) => {
      const problem = scalarProblem(v, type);
      if (problem) push(`${path}[${i}]`, 'type', `Value ${problem}`);
    });
    return;
  }
  if (method === 'range') {
    if (!Array.isArray(value) || value.length !== 2) {
      push(path, 'type', 'range needs [from, to]; either may be null');
      return;
    }
    if (value[0] === null && value[1] === null) push(path, 'type', 'range needs at least one end');
    value.forEach((v, i) => {
      const problem = v === null ? null : scalarProblem(v, type);
      if (problem) push(`${path}[${i}]`, 'type', `Value ${problem}`);
    });
    return;
  }
  const problem = scalarProblem(value, type);
  if (problem) push(path, 'type', `Value ${problem}`);
}
