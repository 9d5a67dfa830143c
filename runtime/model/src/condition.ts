/**
 * The one condition language of Formloom (in the spirit of Jiandaoyun's filters). Used for list
 * and view filters, dashboard filters, permission row scopes, field visibility rules, flow
 * branch conditions, automation trigger conditions and linked-data lookups.
 *
 * It compiles to MongoDB query documents through a whitelist of methods and of the fields the
 * caller may read (@formloom/engine `compileCondition`), and is evaluated in memory with the
 * same semantics on client and server (`evaluateCondition`).
 *
 * Example: {rel: 'and', cond: [
 *   {field: 'f_stage', method: 'in', value: ['won', 'negotiation']},
 *   {rel: 'or', cond: [{field: 'owner', method: 'eq', dynamic: 'current_user'},
 *                      {field: 'f_amount', method: 'range', value: [10000, null]}]}]}
 */
export const CONDITION_METHODS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'range',
  'like',
  'empty',
  'not_empty',
] as const;
export type ConditionMethod = (typeof CONDITION_METHODS)[number];

/** Values computed at evaluation time from the caller and the clock. */
export const DYNAMIC_VALUES = [
  'current_user',
  'current_dept',
  'today',
  'now',
  'yesterday',
  'tomorrow',
  'this_week',
  'this_month',
  'this_year',
] as const;
export type DynamicValue = (typeof DYNAMIC_VALUES)[number];

export interface ConditionLeaf {
  /** A field key of the form, or a system field name (see SYSTEM_FIELD_NAMES). */
  field: string;
  method: ConditionMethod;
  /**
   * eq/ne/gt/gte/lt/lte/like: a scalar. in/nin: an array of scalars. range: [from, to] where
   * either end may be null (inclusive). empty/not_empty: no value.
   */
  value?: unknown;
  /** Instead of `value`: a value computed at evaluation time. */
  dynamic?: DynamicValue;
}

export interface ConditionGroup {
  rel: 'and' | 'or';
  cond: Array<ConditionLeaf | ConditionGroup>;
}

export type Condition = ConditionGroup;

/** What dynamic values resolve against. */
export interface ConditionContext {
  userId: string | null;
  deptIds: string[];
  /** The clock; dates resolve in `timeZone` (default UTC). */
  now: Date;
  timeZone?: string;
}

export function isConditionGroup(c: ConditionLeaf | ConditionGroup): c is ConditionGroup {
  return (c as ConditionGroup).rel !== undefined;
}
