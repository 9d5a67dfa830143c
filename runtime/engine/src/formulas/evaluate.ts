/**
 * The evaluator: walks a parsed formula over a record's field values. It never throws for bad
 * data; every failure is an Excel error value (`#DIV/0!`, `#VALUE!` …) in the result.
 */
import type { BinaryOperator, FormulaNode } from './ast.js';
import { compareScalars } from './compare.js';
import { readStoredDate, writeStoredDate } from './dates.js';
import { FORMULA_FUNCTIONS } from './functions/index.js';
import type { FunctionContext } from './functions/function-spec.js';
import { parseFormula } from './parser.js';
import {
  type FormulaDate,
  type FormulaError,
  type FormulaScalar,
  type FormulaValue,
  firstError,
  formulaError,
  isFormulaDate,
  isFormulaError,
  makeDate,
  tidyNumber,
  toNumber,
  toText,
} from './values.js';

/** What the evaluator needs to know about a field: its kind (to read dates), and a subform's columns. */
export interface FormulaFieldInfo {
  kind: string;
  label?: string;
  /** For `formula` fields: lets the checker infer the field's type from its own formula. */
  formula?: string;
  subform?: { fields: Record<string, { kind: string; label?: string; formula?: string }> };
}

export interface EvaluateOptions {
  /** The record's field values as stored: dates `YYYY-MM-DD`, date-times ISO instants, subforms arrays of rows. */
  values: Record<string, unknown>;
  /** The evaluation instant for TODAY() and NOW(); defaults to the current time. */
  now?: Date;
  /** IANA zone of the user's wall clock; defaults to UTC. */
  timeZone?: string;
  /**
   * Field kinds by key. With them, a date field is read as a date and a reference to a key that is
   * not a field is #REF!; without them, ISO-looking text is read as a date and a missing key is blank.
   */
  fields?: Record<string, FormulaFieldInfo>;
  /** Evaluating a subform column's formula: `{subform.column}` is then this row's value. */
  row?: { subform: string; values: Record<string, unknown> };
  /** Fields (`key` or `subform.column`) whose own formula failed: references to them yield that error. */
  failed?: Record<string, FormulaError>;
}

/** A result as it is stored in a field: dates as `YYYY-MM-DD`, date-times as ISO instants. */
export type FormulaFieldValue = number | string | boolean | null | FormulaFieldValue[];

export type EvaluateResult = { ok: true; value: FormulaFieldValue } | { ok: false; error: FormulaError };

interface Env extends FunctionContext {
  options: EvaluateOptions;
}

const DATE_KINDS = new Set(['date', 'datetime']);

/** Reads one stored value as a formula value. */
function readStored(raw: unknown, kind: string | undefined, env: Env): FormulaValue {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    if (kind === undefined || DATE_KINDS.has(kind)) {
      const d = readStoredDate(raw, env.timeZone);
      if (d) return kind === 'date' ? makeDate(Math.floor(d.days), false) : d;
    }
    return raw;
  }
  if (Array.isArray(raw)) return raw.map((v) => readStored(v, kind === undefined ? undefined : 'item', env));
  if (typeof raw === 'object') {
    // Members, departments, links and choices are objects: show their name.
    const o = raw as Record<string, unknown>;
    for (const k of ['label', 'name', 'title', 'text', 'value'])
      if (typeof o[k] === 'string' || typeof o[k] === 'number') return o[k] as string | number;
    const address = ['province', 'city', 'district', 'detail'].map((k) => o[k]).filter((v) => typeof v === 'string');
    if (address.length > 0) return address.join('');
  }
  return formulaError('#VALUE!', 'The field holds a value a formula cannot read');
}

/** An own property only: `{__proto__}` or `{constructor}` must not reach Object.prototype. */
const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;

function readField(node: Extract<FormulaNode, { type: 'field' }>, env: Env): FormulaValue {
  const { values, fields, row, failed } = env.options;
  const path = node.column === undefined ? node.key : `${node.key}.${node.column}`;
  if (failed && Object.hasOwn(failed, path)) return failed[path];
  const info = own(fields, node.key);
  if (fields && !info) return formulaError('#REF!', `There is no field {${node.key}}`);
  if (node.column === undefined) {
    if (info?.kind === 'subform')
      return formulaError('#REF!', `Refer to a column of the subform: {${node.key}.column}`);
    return readStored(own(values, node.key), info?.kind, env);
  }
  const columnInfo = own(info?.subform?.fields, node.column);
  if (fields && (info?.kind !== 'subform' || !columnInfo))
    return formulaError('#REF!', `There is no subform column {${node.key}.${node.column}}`);
  if (row && row.subform === node.key) return readStored(own(row.values, node.column), columnInfo?.kind, env);
  const rows = own(values, node.key);
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows)) return formulaError('#VALUE!', `{${node.key}} is not a subform`);
  return rows.map((r) => {
    const v =
      r !== null && typeof r === 'object' ? own(r as Record<string, unknown>, node.column as string) : undefined;
    const read = readStored(v, columnInfo?.kind, env);
    return Array.isArray(read) ? formulaError('#VALUE!', 'A subform cell holds a list') : read;
  });
}

/** Applies a scalar operation element-wise when an operand is a list (a subform column). */
function broadcast(
  left: FormulaValue,
  right: FormulaValue,
  op: (a: FormulaScalar, b: FormulaScalar) => FormulaScalar,
): FormulaValue {
  if (!Array.isArray(left) && !Array.isArray(right)) return op(left, right);
  const l = Array.isArray(left) ? left : null;
  const r = Array.isArray(right) ? right : null;
  const length = Math.max(l?.length ?? 0, r?.length ?? 0);
  const out: FormulaValue[] = [];
  for (let i = 0; i < length; i++) {
    const a = l ? (i < l.length ? l[i] : formulaError('#N/A', 'The lists have different lengths')) : left;
    const b = r ? (i < r.length ? r[i] : formulaError('#N/A', 'The lists have different lengths')) : right;
    out.push(broadcast(a, b, op));
  }
  return out;
}

const numberResult = (n: number): FormulaScalar =>
  Number.isFinite(n) ? n : formulaError('#NUM!', 'The result is too large or not a number');

function dateOrNumber(days: number, withTime: boolean): FormulaScalar {
  if (!Number.isFinite(days)) return formulaError('#NUM!', 'The date is out of range');
  return makeDate(days, withTime || !Number.isInteger(tidyNumber(days)));
}

function arithmetic(op: '+' | '-' | '*' | '/' | '^', a: FormulaScalar, b: FormulaScalar): FormulaScalar {
  if (isFormulaError(a)) return a;
  if (isFormulaError(b)) return b;
  const aDate = isFormulaDate(a) ? a : undefined;
  const bDate = isFormulaDate(b) ? b : undefined;
  if (op === '+' && (aDate || bDate)) {
    if (aDate && bDate) return formulaError('#VALUE!', 'Two dates cannot be added; subtract them to get days');
    const date = (aDate ?? bDate) as FormulaDate;
    const n = toNumber(aDate ? b : a);
    return isFormulaError(n) ? n : dateOrNumber(date.days + n, date.withTime);
  }
  if (op === '-' && aDate) {
    if (bDate) return tidyNumber(aDate.days - bDate.days);
    const n = toNumber(b);
    return isFormulaError(n) ? n : dateOrNumber(aDate.days - n, aDate.withTime);
  }
  const x = toNumber(a);
  if (isFormulaError(x)) return x;
  const y = toNumber(b);
  if (isFormulaError(y)) return y;
  switch (op) {
    case '+':
      return numberResult(x + y);
    case '-':
      return numberResult(x - y);
    case '*':
      return numberResult(x * y);
    case '/':
      return y === 0 ? formulaError('#DIV/0!', 'Division by zero') : numberResult(x / y);
    default:
      if (x === 0 && y === 0) return formulaError('#NUM!', '0^0 is undefined');
      if (x === 0 && y < 0) return formulaError('#DIV/0!', 'Division by zero');
      return numberResult(Math.pow(x, y));
  }
}

function comparison(op: BinaryOperator, a: FormulaScalar, b: FormulaScalar): FormulaScalar {
  if (isFormulaError(a)) return a;
  if (isFormulaError(b)) return b;
  const c = compareScalars(a, b);
  switch (op) {
    case '=':
      return c === 0;
    case '<>':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

function binary(op: BinaryOperator, left: FormulaValue, right: FormulaValue): FormulaValue {
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '^':
      return broadcast(left, right, (a, b) => arithmetic(op, a, b));
    case '&':
      return broadcast(left, right, (a, b) => {
        const x = toText(a);
        if (isFormulaError(x)) return x;
        const y = toText(b);
        return isFormulaError(y) ? y : x + y;
      });
    default:
      return broadcast(left, right, (a, b) => comparison(op, a, b));
  }
}

const unaryScalar = (v: FormulaScalar, f: (n: number) => number): FormulaScalar => {
  const n = toNumber(v);
  return isFormulaError(n) ? n : numberResult(f(n));
};

function call(node: Extract<FormulaNode, { type: 'call' }>, env: Env): FormulaValue {
  const spec = FORMULA_FUNCTIONS.get(node.name);
  if (!spec) return formulaError('#NAME?', `Unknown function ${node.name}`);
  if (node.args.length < spec.minArgs || node.args.length > spec.maxArgs)
    return formulaError('#VALUE!', `${node.name} takes ${spec.minArgs}–${spec.maxArgs} arguments`);
  if (spec.lazy)
    return spec.impl(
      node.args.map((a) => () => evaluateNode(a, env)),
      env,
    );
  const args = node.args.map((a) => evaluateNode(a, env));
  if (!spec.acceptsErrors) {
    const e = firstError(args);
    if (e) return e;
  }
  return spec.impl(args, env);
}

function evaluateNode(node: FormulaNode, env: Env): FormulaValue {
  switch (node.type) {
    case 'number':
    case 'string':
    case 'boolean':
      return node.value;
    case 'field':
      return readField(node, env);
    case 'unary': {
      const v = evaluateNode(node.operand, env);
      return node.op === '+' ? v : broadcast(v, null, (a) => unaryScalar(a, (n) => -n));
    }
    case 'percent':
      return broadcast(evaluateNode(node.operand, env), null, (a) => unaryScalar(a, (n) => n / 100));
    case 'binary':
      return binary(node.op, evaluateNode(node.left, env), evaluateNode(node.right, env));
    case 'call':
      return call(node, env);
  }
}

/** Converts a formula value to what a field stores; an error anywhere in it is the result. */
export function toFieldValue(v: FormulaValue, timeZone: string): FormulaFieldValue | FormulaError {
  if (Array.isArray(v)) {
    const e = firstError(v);
    if (e) return e;
    return v.map((x) => toFieldValue(x, timeZone) as FormulaFieldValue);
  }
  if (isFormulaError(v)) return v;
  if (isFormulaDate(v)) return writeStoredDate(v, timeZone);
  if (typeof v === 'number') return tidyNumber(v) || 0;
  return v;
}

/** Evaluates to the internal value (dates as FormulaDate); for callers that keep computing with it. */
export function evaluateFormulaValue(formula: string | FormulaNode, options: EvaluateOptions): FormulaValue {
  let ast: FormulaNode;
  if (typeof formula === 'string') {
    const parsed = parseFormula(formula);
    if (!parsed.ok) return formulaError('#NAME?', `The formula cannot be read: ${parsed.error.message}`);
    ast = parsed.ast;
  } else ast = formula;
  const env: Env = { options, now: options.now ?? new Date(), timeZone: options.timeZone ?? 'UTC' };
  try {
    return evaluateNode(ast, env);
  } catch (e) {
    // A defect in a function must not break a record write; surface it as a value error.
    return formulaError('#VALUE!', `Evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Evaluates a formula (text in stored form, or a parsed AST) over a record's values.
 * `{ok: true, value}` holds the value as a field stores it; `{ok: false, error}` an Excel error.
 */
export function evaluateFormula(formula: string | FormulaNode, options: EvaluateOptions): EvaluateResult {
  const value = evaluateFormulaValue(formula, options);
  const out = toFieldValue(value, options.timeZone ?? 'UTC');
  return isFormulaError(out) ? { ok: false, error: out } : { ok: true, value: out };
}
