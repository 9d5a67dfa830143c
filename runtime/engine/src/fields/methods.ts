import type { ConditionMethod, ErrorDetail } from '@formloom/model';

/** Condition method sets shared by the built-in kinds. */
export const TEXT_METHODS: readonly ConditionMethod[] = ['eq', 'ne', 'in', 'nin', 'like', 'empty', 'not_empty'];
export const ORDERED_METHODS: readonly ConditionMethod[] = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'range',
  'empty',
  'not_empty',
];
export const CHOICE_METHODS: readonly ConditionMethod[] = ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'];
export const BOOLEAN_METHODS: readonly ConditionMethod[] = ['eq', 'ne', 'empty', 'not_empty'];
export const PRESENCE_METHODS: readonly ConditionMethod[] = ['empty', 'not_empty'];

/** One error detail; `rule` names the failed check. */
export function detail(path: string, rule: string, message: string): ErrorDetail {
  return { path, rule, message };
}

export function typeError(path: string, expected: string): ErrorDetail[] {
  return [detail(path, 'type', `Must be ${expected}`)];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
