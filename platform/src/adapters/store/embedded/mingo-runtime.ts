import { badRequest, type Filter, type Projection, type Update } from '@formloom/model';
import { find, Query as FullQuery, update as fullUpdate } from 'mingo';
import { Context } from 'mingo/core';
import * as queryOperators from 'mingo/operators/query';
import { $inc, $max, $min, $mul, $set, $unset } from 'mingo/operators/update';
import { Query as BaseQuery } from 'mingo/query';
import type { Options as MingoOptions } from 'mingo/types';
import { update as baseUpdate } from 'mingo/updater';
import { MingoError } from 'mingo/util';

/**
 * How the embedded store calls mingo without paying for its operator registry on every call.
 *
 * mingo copies the operator tables of the context it is given each time a Query or an update
 * starts (hundreds of entries with the full context the `mingo` entry point uses). Filters and
 * updates that cannot reach an aggregation expression (no `$expr` anywhere) get a context that
 * holds only the query operators, built once; the updater adds the few expression operators it
 * needs itself. Everything else still runs with mingo's full context, so semantics never change.
 */
export const MINGO_OPTIONS: Partial<MingoOptions> = { scriptEnabled: false };
const LEAN_OPTIONS: Partial<MingoOptions> = {
  scriptEnabled: false,
  context: Context.init({ query: queryOperators }),
};

type Modifier = Parameters<typeof fullUpdate>[1];
type MingoDoc = Parameters<typeof $set>[0];
type DirectOperator = (expr: MingoDoc) => (doc: MingoDoc) => string[];

/**
 * Operators that, alone in an update, run as mingo's own operator function without the
 * updater's per-call setup (the counter `$inc` of every record create is one). `$set` qualifies
 * only with scalar values, which need no deep copy.
 */
const DIRECT_OPERATORS = new Map<string, DirectOperator>([
  ['$inc', $inc as DirectOperator],
  ['$mul', $mul as DirectOperator],
  ['$min', $min],
  ['$max', $max],
  ['$set', $set],
  ['$unset', $unset as DirectOperator],
]);

export interface DocumentTest {
  test(doc: object): boolean;
}

const MATCH_ALL: DocumentTest = { test: () => true };

/**
 * Compiles a filter for `test()`. An empty filter matches everything without mingo, and so do
 * filters of top-level scalar equalities and `$in` lists (below); the rest goes to mingo.
 */
export function compileFilter(filter: Filter): DocumentTest {
  if (isEmpty(filter)) return MATCH_ALL;
  const simple = scalarMatcher(filter);
  if (simple) return simple;
  return mingoCall('filter', () =>
    mentionsExpression(filter) ? new FullQuery(filter, MINGO_OPTIONS) : new BaseQuery(filter, LEAN_OPTIONS),
  );
}

/**
 * Applies update operators to `doc` in place (values are deep-copied in, never shared with the
 * update document). `filter` is the filter that matched `doc`; mingo needs it only for the
 * positional `$` operator. Returns the changed paths.
 */
export function applyModifier(doc: Record<string, unknown>, modifier: Update, filter: Filter | undefined): string[] {
  const condition = filter && usesPositional(modifier) ? filter : undefined;
  const direct = condition ? undefined : directOperator(modifier);
  if (direct) return mingoCall('update', () => direct.run(direct.args)(doc));
  const options = { cloneMode: 'deep' as const };
  return mingoCall('update', () =>
    mentionsExpression(modifier) || (condition && mentionsExpression(condition))
      ? fullUpdate(doc, modifier as Modifier, undefined, condition, { ...options, queryOptions: MINGO_OPTIONS })
      : baseUpdate(doc, modifier as Modifier, undefined, condition, { ...options, queryOptions: LEAN_OPTIONS }),
  );
}

/**
 * Applies a projection. One that only includes, or only excludes, top-level fields (`{_id: 1}`,
 * `{status: 1, title: 1}`, `{body: 0}`) is applied directly; mingo's full context, built for
 * every other projection, cost more than the query itself for the flow runtime's id lookups.
 */
export function project<D>(docs: D[], projection: Projection): D[] {
  const simple = topLevelProjection(projection);
  if (simple) return docs.map((doc) => simple(doc as Record<string, unknown>) as D);
  return mingoCall('projection', () => find(docs as object[], {}, projection, MINGO_OPTIONS).all()) as D[];
}

/** Runs mingo and reports its complaints (bad operators, conflicting paths) as a FormloomError. */
export function mingoCall<R>(where: string, run: () => R): R {
  try {
    return run();
  } catch (e) {
    if (e instanceof MingoError) {
      throw badRequest(`Invalid ${where}: ${e.message}`, [{ path: where, rule: 'mongoSemantics', message: e.message }]);
    }
    throw e;
  }
}

function isEmpty(value: object): boolean {
  for (const _key in value) return false;
  return true;
}

function directOperator(modifier: Update): { run: DirectOperator; args: MingoDoc } | undefined {
  const operators = Object.keys(modifier);
  if (operators.length !== 1) return undefined;
  const run = DIRECT_OPERATORS.get(operators[0]);
  const args = modifier[operators[0]];
  if (!run || args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
  if (operators[0] === '$set' && Object.values(args).some((v) => v !== null && typeof v === 'object')) return undefined;
  return { run, args: args as MingoDoc };
}

/** True when `$expr` (an aggregation expression) appears anywhere in a filter or update. */
function mentionsExpression(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((v) => mentionsExpression(v, depth + 1));
  for (const key of Object.keys(value)) {
    if (key === '$expr' || key === '$where' || key === '$function') return true;
    if (mentionsExpression((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** True when an update path has a `$` segment (the positional operator, which reads the filter). */
function usesPositional(modifier: Update): boolean {
  for (const args of Object.values(modifier)) {
    if (args === null || typeof args !== 'object') continue;
    for (const path of Object.keys(args)) if (path.split('.').includes('$')) return true;
  }
  return false;
}

type Scalar = string | number | boolean;
type FieldTest = (value: unknown) => boolean;

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

/**
 * A direct test for filters whose every condition is a top-level field compared for equality
 * with a string, number or boolean (`{_id: 'x', revision: 4}`), with `$eq`, or with `$in` of
 * such values — the compare-and-set and id-list filters of the flow runtime. MongoDB semantics:
 * a value matches when it is equal, or when it is an array with an equal element. Anything else
 * (null, objects, dotted paths, other operators) returns null and goes to mingo.
 */
function scalarMatcher(filter: Filter): DocumentTest | null {
  const tests: Array<[string, FieldTest]> = [];
  for (const key in filter) {
    if (key.startsWith('$') || key.includes('.')) return null;
    const test = scalarCondition((filter as Record<string, unknown>)[key]);
    if (!test) return null;
    tests.push([key, test]);
  }
  return {
    test(doc: object) {
      for (const [key, test] of tests) {
        const value = (doc as Record<string, unknown>)[key];
        if (!(test(value) || (Array.isArray(value) && value.some(test)))) return false;
      }
      return true;
    },
  };
}

function scalarCondition(condition: unknown): FieldTest | null {
  if (isScalar(condition)) return (value) => value === condition;
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return null;
  const operand = (condition as Record<string, unknown>)[keys[0]];
  if (keys[0] === '$eq') return isScalar(operand) ? (value) => value === operand : null;
  if (keys[0] !== '$in' || !Array.isArray(operand) || !operand.every(isScalar)) return null;
  const allowed = new Set<unknown>(operand);
  return (value) => allowed.has(value);
}

/** A projection of only inclusions or only exclusions of top-level fields, as a function; else null. */
function topLevelProjection(projection: Projection): ((doc: Record<string, unknown>) => object) | null {
  const included = new Set<string>();
  const excluded = new Set<string>();
  let idFlag: boolean | undefined;
  for (const [key, value] of Object.entries(projection)) {
    const flag: unknown = value; // typed 0 | 1, but checked: anything else (expressions) goes to mingo
    if (key.startsWith('$') || key.includes('.') || key === '') return null;
    if (flag !== 0 && flag !== 1 && flag !== true && flag !== false) return null;
    const shown = flag === 1 || flag === true;
    if (key === '_id') idFlag = shown;
    else (shown ? included : excluded).add(key);
  }
  if (included.size > 0 && excluded.size > 0) return null;
  const inclusion = included.size > 0 || (excluded.size === 0 && idFlag === true);
  if (!inclusion && excluded.size === 0 && idFlag === undefined) return null; // `{}`: mingo's rules
  if (inclusion && idFlag !== false) included.add('_id');
  if (!inclusion && idFlag === false) excluded.add('_id');
  return (doc) => {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(doc)) if (inclusion ? included.has(key) : !excluded.has(key)) out[key] = doc[key];
    return out;
  };
}
