import type { Filter, SortSpec } from '@formloom/model';
import { SAFE_SEGMENT, type PathKindRegistry } from './path-kinds.js';

/**
 * Translates the part of a MongoDB filter that SQLite can evaluate into a WHERE clause over
 * json_extract() expressions (the same expressions the indexes are built on, so SQLite uses
 * them). The clause is always a superset of the MongoDB answer; `exact` says it is the exact
 * answer, which is what allows ORDER BY / LIMIT / OFFSET / COUNT to run in SQL. The caller
 * still applies mingo to every candidate row. The rules are listed in ../README.md.
 */
export interface SqlCondition {
  /** null means "no restriction" (nothing could be translated). */
  sql: string | null;
  params: Array<string | number | null>;
  exact: boolean;
}

const TRUE_INEXACT: SqlCondition = { sql: null, params: [], exact: false };
const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
type Scalar = string | number | boolean | null;

/** The SQL expression of a document path: the `id` column for `_id`, json_extract otherwise. */
export function sqlPathExpression(path: string): string {
  if (path === '_id') return 'id';
  return `json_extract(body, '${jsonPath(path)}')`;
}

/** The SQLite JSON path of a document path, segments quoted: `$."a"."b"`. */
export function jsonPath(path: string): string {
  return (
    '$' +
    path
      .split('.')
      .map((segment) => `."${segment}"`)
      .join('')
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RegExp);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isTranslatablePath(path: string): boolean {
  return path.length > 0 && path.split('.').every((s) => SAFE_SEGMENT.test(s));
}

export class SqlPlanner {
  constructor(private readonly kinds: PathKindRegistry) {}

  planFilter(filter: Filter): SqlCondition {
    return this.planAnd(filter);
  }

  /** ORDER BY clause when SQLite orders exactly like MongoDB for every sort key, else null. */
  planSort(sort: SortSpec | undefined): string | null {
    const entries = Object.entries(sort ?? {});
    const parts: string[] = [];
    for (const [path, dir] of entries) {
      if (path !== '_id') {
        if (!isTranslatablePath(path) || this.kinds.arrayAtOrAbove(path)) return null;
        for (const kind of this.kinds.kindsAt(path)) {
          // SQLite orders NULL < numbers < text, like MongoDB; booleans (1/0) and JSON text of objects do not fit.
          if (kind !== 'null' && kind !== 'number' && kind !== 'string') return null;
        }
      }
      parts.push(`${sqlPathExpression(path)} ${dir === -1 ? 'DESC' : 'ASC'}`);
    }
    if (!entries.some(([path]) => path === '_id')) parts.push('id ASC');
    return parts.join(', ');
  }

  private planAnd(filter: Filter): SqlCondition {
    const parts: SqlCondition[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' && Array.isArray(value) && value.length > 0) {
        for (const sub of value) parts.push(isPlainObject(sub) ? this.planAnd(sub) : TRUE_INEXACT);
      } else if (key === '$or' && Array.isArray(value) && value.length > 0) {
        parts.push(this.planOr(value));
      } else if (key === '$comment') {
        continue;
      } else if (key.startsWith('$')) {
        parts.push(TRUE_INEXACT);
      } else {
        parts.push(this.planField(key, value));
      }
    }
    return combine(parts, 'AND');
  }

  private planOr(branches: unknown[]): SqlCondition {
    const parts: SqlCondition[] = [];
    for (const branch of branches) {
      const part = isPlainObject(branch) ? this.planAnd(branch) : TRUE_INEXACT;
      if (part.sql === null) return TRUE_INEXACT;
      parts.push(part);
    }
    return combine(parts, 'OR');
  }

  private planField(path: string, condition: unknown): SqlCondition {
    if (!isTranslatablePath(path) && path !== '_id') return TRUE_INEXACT;
    if (path !== '_id' && this.kinds.arrayAtOrAbove(path)) return TRUE_INEXACT;
    if (isPlainObject(condition)) {
      const ops = Object.keys(condition);
      if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return TRUE_INEXACT; // equality with an object
      return combine(
        ops.map((op) => this.planOperator(path, op, condition[op])),
        'AND',
      );
    }
    return this.planEquality(path, condition);
  }

  private planOperator(path: string, op: string, arg: unknown): SqlCondition {
    if (op === '$eq') return this.planEquality(path, arg);
    if (op === '$in') return this.planIn(path, arg);
    if (op in RANGE_SQL) return this.planRange(path, RANGE_SQL[op], arg);
    return TRUE_INEXACT;
  }

  private planEquality(path: string, value: unknown): SqlCondition {
    if (!isScalar(value)) return TRUE_INEXACT;
    const expr = sqlPathExpression(path);
    if (path === '_id') {
      return typeof value === 'string' ? { sql: `id = ?`, params: [value], exact: true } : TRUE_INEXACT;
    }
    const kinds = this.kinds.kindsAt(path);
    if (value === null) return { sql: `${expr} IS NULL`, params: [], exact: true };
    if (kinds.has('object')) return TRUE_INEXACT;
    if (typeof value === 'string') return { sql: `${expr} = ?`, params: [value], exact: true };
    if (typeof value === 'number') {
      const guard = kinds.has('bool') ? ` AND ${this.typeGuard(path, ['integer', 'real'])}` : '';
      return { sql: `(${expr} = ?${guard})`, params: [value], exact: true };
    }
    const guard = kinds.has('number') ? ` AND ${this.typeGuard(path, [value ? 'true' : 'false'])}` : '';
    return { sql: `(${expr} = ?${guard})`, params: [value ? 1 : 0], exact: true };
  }

  private planIn(path: string, values: unknown): SqlCondition {
    if (!Array.isArray(values) || values.length === 0 || !values.every(isScalar)) return TRUE_INEXACT;
    const kinds = this.kinds.kindsAt(path);
    const strings = values.filter((v): v is string => typeof v === 'string');
    const numbers = kinds.has('bool') ? [] : values.filter((v): v is number => typeof v === 'number');
    const rest = values.filter((v) => !strings.includes(v as string) && !numbers.includes(v as number));
    if (path === '_id' || kinds.has('object') || strings.length + numbers.length < 2) {
      return combine(
        values.map((v) => this.planEquality(path, v)),
        'OR',
      );
    }
    // One IN list for the values SQLite compares exactly like MongoDB, so the index is searched once per value.
    const list: SqlCondition = {
      sql: `${sqlPathExpression(path)} IN (${[...strings, ...numbers].map(() => '?').join(', ')})`,
      params: [...strings, ...numbers],
      exact: true,
    };
    return combine([list, ...rest.map((v) => this.planEquality(path, v))], 'OR');
  }

  private planRange(path: string, sqlOp: string, value: unknown): SqlCondition {
    const expr = sqlPathExpression(path);
    if (path === '_id') {
      return typeof value === 'string' ? { sql: `id ${sqlOp} ?`, params: [value], exact: true } : TRUE_INEXACT;
    }
    const kinds = this.kinds.kindsAt(path);
    if (kinds.has('object')) return TRUE_INEXACT;
    if (typeof value === 'number' && Number.isFinite(value)) {
      // MongoDB compares numbers only with numbers; SQLite would also compare text and booleans.
      const mixed = kinds.has('string') || kinds.has('bool');
      const guard = mixed ? ` AND ${this.typeGuard(path, ['integer', 'real'])}` : '';
      return { sql: `(${expr} ${sqlOp} ?${guard})`, params: [value], exact: true };
    }
    if (typeof value === 'string') {
      const mixed = kinds.has('number') || kinds.has('bool');
      const guard = mixed ? ` AND ${this.typeGuard(path, ['text'])}` : '';
      return { sql: `(${expr} ${sqlOp} ?${guard})`, params: [value], exact: true };
    }
    return TRUE_INEXACT;
  }

  private typeGuard(path: string, jsonTypes: string[]): string {
    return `json_type(body, '${jsonPath(path)}') IN (${jsonTypes.map((t) => `'${t}'`).join(', ')})`;
  }
}

function combine(parts: SqlCondition[], glue: 'AND' | 'OR'): SqlCondition {
  if (glue === 'OR' && parts.some((p) => p.sql === null)) return TRUE_INEXACT;
  const translated = parts.filter((p) => p.sql !== null);
  const exact = parts.every((p) => p.exact);
  if (translated.length === 0) return { sql: null, params: [], exact };
  if (translated.length === 1) return { ...translated[0], exact };
  return {
    sql: translated.map((p) => `(${p.sql})`).join(` ${glue} `),
    params: translated.flatMap((p) => p.params),
    exact,
  };
}
