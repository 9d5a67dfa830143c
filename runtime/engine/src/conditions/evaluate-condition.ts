import type { ConditionContext, Filter } from '@formloom/model';
import { Query } from 'mingo';
import { compileCondition } from './compile-condition.js';
import type { FieldCatalogue } from './field-catalogue.js';

/** A compiled filter as an in-memory predicate over stored-shape records (mingo, MongoDB semantics). */
export function filterMatcher(filter: Filter): (record: Record<string, unknown>) => boolean {
  const query = new Query(filter);
  return (record) => query.test(record);
}

/** Whether `record` (stored shape: field keys and `_`-prefixed system fields) satisfies `cond`. */
export function evaluateCondition(
  cond: unknown,
  record: Record<string, unknown>,
  fields: FieldCatalogue,
  ctx: ConditionContext,
): boolean {
  return filterMatcher(compileCondition(cond, fields, ctx))(record);
}
