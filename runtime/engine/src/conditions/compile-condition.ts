import {
  badRequest,
  isConditionGroup,
  type Condition,
  type ConditionContext,
  type ConditionGroup,
  type ConditionLeaf,
  type Filter,
} from '@formloom/model';
import { toUtcIso } from '../fields/date.js';
import { addDays, localDate, periodOf, startOfDayUtc, type PeriodName } from './dynamic-values.js';
import type { CatalogueEntry, FieldCatalogue } from './field-catalogue.js';
import { validateCondition } from './validate-condition.js';

/** Matches no document (an `$in` over nothing). */
export const MATCH_NOTHING: Filter = Object.freeze({ _id: { $in: [] } });

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface CompileOptions {
  /** Prefix of error paths, e.g. `filter`. */
  path?: string;
}

/**
 * Compiles a condition into a MongoDB filter over the stored record shape. The condition is
 * validated first (BAD_REQUEST with details on any problem), so only whitelisted operators on
 * catalogue fields with JSON scalar values ever reach the store.
 */
export function compileCondition(
  cond: unknown,
  fields: FieldCatalogue,
  ctx: ConditionContext,
  options: CompileOptions = {},
): Filter {
  const problems = validateCondition(cond, fields, options.path ?? '');
  if (problems.length) throw badRequest('Invalid condition', problems);
  return compileGroup(cond as Condition, fields, ctx);
}

function compileGroup(group: ConditionGroup, fields: FieldCatalogue, ctx: ConditionContext): Filter {
  const parts = group.cond.map((c) =>
    isConditionGroup(c) ? compileGroup(c, fields, ctx) : compileLeaf(c, fields, ctx),
  );
  if (parts.length === 0) return {};
  if (parts.length === 1) return parts[0];
  return { [group.rel === 'or' ? '$or' : '$and']: parts };
}

function emptyFilter(entry: CatalogueEntry): Filter {
  const p = entry.path;
  const shape = entry.meta && entry.spec.valueShape ? entry.spec.valueShape(entry.meta) : 'scalar';
  if (shape === 'array') return { $or: [{ [p]: null }, { [p]: { $size: 0 } }] };
  if ((entry.spec.valueType ?? 'string') === 'string') return { [p]: { $in: [null, ''] } };
  return { [p]: null };
}

function notEmptyFilter(entry: CatalogueEntry): Filter {
  const p = entry.path;
  const shape = entry.meta && entry.spec.valueShape ? entry.spec.valueShape(entry.meta) : 'scalar';
  if (shape === 'array') return { $and: [{ [p]: { $ne: null } }, { [p]: { $ne: [] } }] };
  if ((entry.spec.valueType ?? 'string') === 'string') return { [p]: { $nin: [null, ''] } };
  return { [p]: { $ne: null } };
}

/** Datetime values are stored as UTC ISO strings; compare like with like. */
function storedValue(entry: CatalogueEntry, value: unknown): unknown {
  return entry.spec.valueType === 'datetime' && typeof value === 'string' ? toUtcIso(value) : value;
}

const OPS = { eq: '$eq', ne: '$ne', gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte', in: '$in', nin: '$nin' } as const;

function compileLeaf(leaf: ConditionLeaf, fields: FieldCatalogue, ctx: ConditionContext): Filter {
  const entry = fields.get(leaf.field) as CatalogueEntry;
  const p = entry.path;
  if (leaf.method === 'empty') return emptyFilter(entry);
  if (leaf.method === 'not_empty') return notEmptyFilter(entry);
  if (leaf.dynamic !== undefined) return compileDynamic(leaf, entry, ctx);
  const value = leaf.value;
  switch (leaf.method) {
    case 'like':
      return { [p]: { $regex: escapeRegex(value as string), $options: 'i' } };
    case 'range': {
      const [from, to] = value as [unknown, unknown];
      const bounds: Record<string, unknown> = {};
      if (from !== null) bounds.$gte = storedValue(entry, from);
      if (to !== null) bounds.$lte = storedValue(entry, to);
      return { [p]: bounds };
    }
    case 'in':
    case 'nin':
      return { [p]: { [OPS[leaf.method]]: (value as unknown[]).map((v) => storedValue(entry, v)) } };
    default:
      return { [p]: { [OPS[leaf.method]]: storedValue(entry, value) } };
  }
}

function compileDynamic(leaf: ConditionLeaf, entry: CatalogueEntry, ctx: ConditionContext): Filter {
  const p = entry.path;
  const positive = leaf.method === 'eq' || leaf.method === 'in';
  switch (leaf.dynamic) {
    case 'current_user':
      if (ctx.userId === null) return positive ? MATCH_NOTHING : {};
      return { [p]: positive ? { $in: [ctx.userId] } : { $nin: [ctx.userId] } };
    case 'current_dept':
      return { [p]: positive ? { $in: ctx.deptIds } : { $nin: ctx.deptIds } };
    case 'now':
      if (entry.spec.valueType === 'datetime')
        return { [p]: { [OPS[leaf.method as keyof typeof OPS]]: ctx.now.toISOString() } };
      return periodFilter(leaf.method, p, entry, 'today', ctx);
    default:
      return periodFilter(leaf.method, p, entry, leaf.dynamic as PeriodName, ctx);
  }
}

/** A period (today, this_month …) as bounds: inclusive dates for date fields, [start, end) instants for datetime fields. */
function periodFilter(
  method: string,
  p: string,
  entry: CatalogueEntry,
  name: PeriodName,
  ctx: ConditionContext,
): Filter {
  const tz = ctx.timeZone ?? 'UTC';
  const period = periodOf(name, ctx.now, tz);
  if (entry.spec.valueType === 'datetime') {
    const start = startOfDayUtc(period.start, tz);
    const end = startOfDayUtc(addDays(period.end, 1), tz);
    const bounds: Record<string, Filter> = {
      eq: { $gte: start, $lt: end },
      ne: { $not: { $gte: start, $lt: end } },
      gt: { $gte: end },
      gte: { $gte: start },
      lt: { $lt: start },
      lte: { $lt: end },
    };
    return { [p]: bounds[method] };
  }
  const bounds: Record<string, Filter> = {
    eq: { $gte: period.start, $lte: period.end },
    ne: { $not: { $gte: period.start, $lte: period.end } },
    gt: { $gt: period.end },
    gte: { $gte: period.start },
    lt: { $lt: period.start },
    lte: { $lte: period.end },
  };
  return { [p]: bounds[method] };
}

/** Today's date in the context's zone (for default values and the like). */
export function contextToday(ctx: ConditionContext): string {
  return localDate(ctx.now, ctx.timeZone ?? 'UTC');
}
