/**
 * Text: CONCATENATE, CONCAT, TEXTJOIN, TEXT, LEFT, RIGHT, MID, LEN, UPPER, LOWER, PROPER, TRIM,
 * REPLACE, SUBSTITUTE, FIND, SEARCH, REPT, EXACT, VALUE. Arguments are converted to text or numbers
 * first (so a blank field is "" or 0), then formulajs computes; positions count UTF-16 units as
 * Excel does, so each Chinese character counts as one.
 */
import * as lib from '@formulajs/formulajs';
import {
  type FormulaValue,
  flatten,
  formulaError,
  isBlank,
  isFormulaError,
  toBoolean,
  toNumber,
  toText,
} from '../values.js';
import { fromLibrary } from './coerce-args.js';
import type { FunctionSpec, ParamKind } from './function-spec.js';
import { formatText } from './text-format.js';

type Arg = string | number;

/** Declares a function whose arguments are text or numbers by position. */
const typed = (
  name: string,
  syntax: string,
  kinds: Array<'text' | 'number'>,
  minArgs: number,
  compute: (...args: Arg[]) => FormulaValue,
): FunctionSpec => ({
  name,
  syntax,
  minArgs,
  maxArgs: kinds.length,
  params: kinds as ParamKind[],
  returns: name === 'LEN' || name === 'FIND' || name === 'SEARCH' ? 'number' : 'text',
  impl: (args) => {
    const converted: Arg[] = [];
    for (let i = 0; i < args.length; i++) {
      const c = kinds[i] === 'number' ? toNumber(args[i]) : toText(args[i]);
      if (isFormulaError(c)) return c;
      converted.push(c);
    }
    return compute(...converted);
  },
});

const count = (n: Arg | undefined, fallback: number) => Math.trunc(n === undefined ? fallback : (n as number));

/** Concatenates every value, lists included (CONCATENATE and CONCAT). */
const joinAll = (args: FormulaValue[], separator = '', skipBlank = false): FormulaValue => {
  const parts: string[] = [];
  for (const v of flatten(args)) {
    if (skipBlank && isBlank(v)) continue;
    const t = toText(v);
    if (isFormulaError(t)) return t;
    parts.push(t);
  }
  return parts.join(separator);
};

export const textFunctions: FunctionSpec[] = [
  {
    name: 'CONCATENATE',
    syntax: 'CONCATENATE(text1, [text2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'text',
    impl: (args) => joinAll(args),
  },
  {
    name: 'CONCAT',
    syntax: 'CONCAT(text1, [text2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'text',
    impl: (args) => joinAll(args),
  },
  {
    name: 'TEXTJOIN',
    syntax: 'TEXTJOIN(delimiter, ignore_empty, text1, [text2], …)',
    minArgs: 3,
    maxArgs: 255,
    params: ['text', 'boolean', 'values'],
    returns: 'text',
    impl: ([delimiter, ignoreEmpty, ...rest]) => {
      const d = toText(delimiter);
      const skip = toBoolean(ignoreEmpty);
      if (isFormulaError(d)) return d;
      if (isFormulaError(skip)) return skip;
      return joinAll(rest, d, skip);
    },
  },
  {
    name: 'TEXT',
    syntax: 'TEXT(value, format)',
    minArgs: 2,
    maxArgs: 2,
    params: ['any', 'text'],
    returns: 'text',
    impl: ([value, format]) => {
      if (Array.isArray(value)) return formulaError('#VALUE!', 'TEXT formats a single value');
      const f = toText(format);
      if (isFormulaError(f)) return f;
      return formatText(value as Exclude<typeof value, { kind: 'error' }>, f);
    },
  },
  typed('LEFT', 'LEFT(text, [count])', ['text', 'number'], 1, (t, n) =>
    count(n, 1) < 0 ? formulaError('#VALUE!', 'LEFT count is negative') : fromLibrary(lib.LEFT(t, count(n, 1)), 'LEFT'),
  ),
  typed('RIGHT', 'RIGHT(text, [count])', ['text', 'number'], 1, (t, n) =>
    count(n, 1) < 0
      ? formulaError('#VALUE!', 'RIGHT count is negative')
      : fromLibrary(lib.RIGHT(t, count(n, 1)), 'RIGHT'),
  ),
  typed('MID', 'MID(text, start, count)', ['text', 'number', 'number'], 3, (t, start, n) => {
    if (count(start, 1) < 1 || count(n, 0) < 0) return formulaError('#VALUE!', 'MID start must be >= 1 and count >= 0');
    return count(n, 0) === 0 ? '' : fromLibrary(lib.MID(t, count(start, 1), count(n, 0)), 'MID');
  }),
  typed('LEN', 'LEN(text)', ['text'], 1, (t) => fromLibrary(lib.LEN(t), 'LEN')),
  typed('UPPER', 'UPPER(text)', ['text'], 1, (t) => fromLibrary(lib.UPPER(t), 'UPPER')),
  typed('LOWER', 'LOWER(text)', ['text'], 1, (t) => fromLibrary(lib.LOWER(t), 'LOWER')),
  typed('PROPER', 'PROPER(text)', ['text'], 1, (t) => fromLibrary(lib.PROPER(t), 'PROPER')),
  typed('TRIM', 'TRIM(text)', ['text'], 1, (t) => (t as string).replace(/[ \u3000]+/g, ' ').trim()),
  typed('REPLACE', 'REPLACE(text, start, count, new_text)', ['text', 'number', 'number', 'text'], 4, (t, s, n, r) =>
    count(s, 1) < 1 || count(n, 0) < 0
      ? formulaError('#VALUE!', 'REPLACE start must be >= 1 and count >= 0')
      : fromLibrary(lib.REPLACE(t, count(s, 1), count(n, 0), r), 'REPLACE'),
  ),
  typed(
    'SUBSTITUTE',
    'SUBSTITUTE(text, old_text, new_text, [instance])',
    ['text', 'text', 'text', 'number'],
    3,
    (t, o, n, k) => {
      if (k !== undefined && count(k, 1) < 1) return formulaError('#VALUE!', 'SUBSTITUTE instance must be >= 1');
      if (o === '') return t;
      return fromLibrary(
        k === undefined ? lib.SUBSTITUTE(t, o, n) : lib.SUBSTITUTE(t, o, n, count(k, 1)),
        'SUBSTITUTE',
      );
    },
  ),
  typed('FIND', 'FIND(find_text, within_text, [start])', ['text', 'text', 'number'], 2, (f, w, s) => {
    const start = count(s, 1);
    if (start < 1 || start > (w as string).length + 1) return formulaError('#VALUE!', 'FIND start is out of range');
    const at = (w as string).indexOf(f as string, start - 1);
    return at < 0 ? formulaError('#VALUE!', `"${f}" was not found`) : at + 1;
  }),
  typed('SEARCH', 'SEARCH(find_text, within_text, [start])', ['text', 'text', 'number'], 2, (f, w, s) => {
    const start = count(s, 1);
    if (start < 1 || start > (w as string).length + 1) return formulaError('#VALUE!', 'SEARCH start is out of range');
    return fromLibrary(lib.SEARCH(f, w, start), 'SEARCH');
  }),
  typed('REPT', 'REPT(text, times)', ['text', 'number'], 2, (t, n) =>
    count(n, 0) < 0 ? formulaError('#VALUE!', 'REPT times is negative') : (t as string).repeat(count(n, 0)),
  ),
  {
    name: 'EXACT',
    syntax: 'EXACT(text1, text2)',
    minArgs: 2,
    maxArgs: 2,
    params: ['text', 'text'],
    returns: 'boolean',
    impl: ([a, b]) => {
      const x = toText(a);
      const y = toText(b);
      if (isFormulaError(x)) return x;
      if (isFormulaError(y)) return y;
      return x === y;
    },
  },
  {
    name: 'VALUE',
    syntax: 'VALUE(text)',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: 'number',
    impl: ([v]) => (typeof v === 'boolean' ? formulaError('#VALUE!', 'VALUE of TRUE/FALSE') : toNumber(v)),
  },
];
