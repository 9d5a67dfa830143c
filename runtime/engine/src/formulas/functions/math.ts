/**
 * Numbers: aggregates (SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, PRODUCT, MEDIAN, SUMPRODUCT), the
 * conditional aggregates (SUMIF, COUNTIF, AVERAGEIF) and scalar maths. formulajs computes where its
 * semantics match Excel; ROUND* and MOD are our own because formulajs gets MOD(-4, 2) and
 * ROUND of tiny numbers wrong.
 */
import * as lib from '@formulajs/formulajs';
import {
  type FormulaScalar,
  type FormulaValue,
  EXCEL_EPOCH_OFFSET,
  flatten,
  formulaError,
  isBlank,
  isFormulaError,
  makeDate,
  toNumber,
} from '../values.js';
import { collectNumbers, fromLibrary, numbers, roundNumber, type RoundMode } from './coerce-args.js';
import { compileCriterion } from './criteria.js';
import type { FunctionSpec } from './function-spec.js';

const aggregate = (
  name: string,
  syntax: string,
  compute: (values: number[], allDates: boolean) => FormulaValue,
): FunctionSpec => ({
  name,
  syntax,
  minArgs: 1,
  maxArgs: 255,
  params: ['values'],
  returns: 'number',
  impl: (args) => {
    const c = collectNumbers(args);
    return isFormulaError(c) ? c : compute(c.values, c.allDates);
  },
});

const scalar = (
  name: string,
  syntax: string,
  arity: [number, number],
  compute: (...n: number[]) => FormulaValue,
): FunctionSpec => ({
  name,
  syntax,
  minArgs: arity[0],
  maxArgs: arity[1],
  params: Array.from({ length: arity[1] }, () => 'number' as const),
  returns: 'number',
  impl: (args) => {
    const n = numbers(args);
    return isFormulaError(n) ? n : compute(...n);
  },
});

const rounding = (name: string, mode: RoundMode): FunctionSpec =>
  scalar(name, `${name}(number, [digits])`, [1, 2], (x, digits = 0) => roundNumber(x, digits, mode));

const asDateOrNumber = (serial: number, allDates: boolean): FormulaValue =>
  allDates ? makeDate(serial - EXCEL_EPOCH_OFFSET, !Number.isInteger(serial)) : serial;

/** The cells of a range argument: a list, or a single value treated as a one-cell range. */
const cells = (v: FormulaValue): FormulaScalar[] => (Array.isArray(v) ? flatten(v) : [v]);

function conditional(
  range: FormulaValue,
  criterion: FormulaValue,
  valuesRange: FormulaValue | undefined,
): { matched: FormulaScalar[] } | FormulaValue {
  if (Array.isArray(criterion)) return formulaError('#VALUE!', 'The criterion must be a single value');
  const test = compileCriterion(criterion);
  const tested = cells(range);
  const picked = valuesRange === undefined ? tested : cells(valuesRange);
  const matched: FormulaScalar[] = [];
  tested.forEach((cell, i) => {
    if (test(cell) && i < picked.length) matched.push(picked[i]);
  });
  return { matched };
}

const conditionalNumbers = (matched: FormulaScalar[]) => {
  const out: number[] = [];
  for (const v of matched) {
    if (isFormulaError(v)) return v;
    if (typeof v === 'number') out.push(v);
  }
  return out;
};

export const mathFunctions: FunctionSpec[] = [
  aggregate('SUM', 'SUM(number1, [number2], …)', (v) => fromLibrary(lib.SUM(v), 'SUM')),
  aggregate('AVERAGE', 'AVERAGE(number1, [number2], …)', (v) =>
    v.length === 0 ? formulaError('#DIV/0!', 'AVERAGE of no numbers') : fromLibrary(lib.AVERAGE(v), 'AVERAGE'),
  ),
  aggregate('MIN', 'MIN(number1, [number2], …)', (v, dates) =>
    v.length === 0 ? 0 : asDateOrNumber(Math.min(...v), dates),
  ),
  aggregate('MAX', 'MAX(number1, [number2], …)', (v, dates) =>
    v.length === 0 ? 0 : asDateOrNumber(Math.max(...v), dates),
  ),
  aggregate('PRODUCT', 'PRODUCT(number1, [number2], …)', (v) =>
    v.length === 0 ? 0 : fromLibrary(lib.PRODUCT(v), 'PRODUCT'),
  ),
  aggregate('MEDIAN', 'MEDIAN(number1, [number2], …)', (v) =>
    v.length === 0 ? formulaError('#NUM!', 'MEDIAN of no numbers') : fromLibrary(lib.MEDIAN(v), 'MEDIAN'),
  ),
  {
    name: 'COUNT',
    syntax: 'COUNT(value1, [value2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'number',
    acceptsErrors: true,
    impl: (args) =>
      args.reduce<number>((count, a) => {
        if (Array.isArray(a))
          return (
            count +
            flatten(a).filter(
              (v) => typeof v === 'number' || (v !== null && typeof v === 'object' && v.kind === 'date'),
            ).length
          );
        return count + (isFormulaError(a) || a === null ? 0 : isFormulaError(toNumber(a)) ? 0 : 1);
      }, 0),
  },
  {
    name: 'COUNTA',
    syntax: 'COUNTA(value1, [value2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['values'],
    returns: 'number',
    acceptsErrors: true,
    impl: (args) => flatten(args).filter((v) => !isBlank(v)).length,
  },
  {
    name: 'SUMPRODUCT',
    syntax: 'SUMPRODUCT(list1, [list2], …)',
    minArgs: 1,
    maxArgs: 255,
    params: ['list'],
    returns: 'number',
    impl: (args) => {
      const lists = args.map(cells);
      const length = lists[0].length;
      if (lists.some((l) => l.length !== length))
        return formulaError('#VALUE!', 'SUMPRODUCT lists must have the same length');
      let total = 0;
      for (let i = 0; i < length; i++) {
        let product = 1;
        for (const l of lists) {
          const v = l[i];
          if (isFormulaError(v)) return v;
          product *= typeof v === 'number' ? v : 0;
        }
        total += product;
      }
      return total;
    },
  },
  {
    name: 'SUMIF',
    syntax: 'SUMIF(range, criterion, [sum_range])',
    minArgs: 2,
    maxArgs: 3,
    params: ['list', 'any', 'list'],
    returns: 'number',
    impl: ([range, criterion, sumRange]) => {
      const r = conditional(range, criterion, sumRange);
      if (!(r && typeof r === 'object' && 'matched' in r)) return r as FormulaValue;
      const n = conditionalNumbers(r.matched);
      return Array.isArray(n) ? n.reduce((a, b) => a + b, 0) : n;
    },
  },
  {
    name: 'AVERAGEIF',
    syntax: 'AVERAGEIF(range, criterion, [average_range])',
    minArgs: 2,
    maxArgs: 3,
    params: ['list', 'any', 'list'],
    returns: 'number',
    impl: ([range, criterion, averageRange]) => {
      const r = conditional(range, criterion, averageRange);
      if (!(r && typeof r === 'object' && 'matched' in r)) return r as FormulaValue;
      const n = conditionalNumbers(r.matched);
      if (!Array.isArray(n)) return n;
      return n.length === 0
        ? formulaError('#DIV/0!', 'No value matches the criterion')
        : n.reduce((a, b) => a + b, 0) / n.length;
    },
  },
  {
    name: 'COUNTIF',
    syntax: 'COUNTIF(range, criterion)',
    minArgs: 2,
    maxArgs: 2,
    params: ['list', 'any'],
    returns: 'number',
    impl: ([range, criterion]) => {
      const r = conditional(range, criterion, undefined);
      return r && typeof r === 'object' && 'matched' in r ? r.matched.length : (r as FormulaValue);
    },
  },
  rounding('ROUND', 'half-away'),
  rounding('ROUNDUP', 'up'),
  rounding('ROUNDDOWN', 'down'),
  scalar('INT', 'INT(number)', [1, 1], (x) => fromLibrary(lib.INT(x), 'INT')),
  scalar('TRUNC', 'TRUNC(number, [digits])', [1, 2], (x, d = 0) => roundNumber(x, d, 'down')),
  scalar('ABS', 'ABS(number)', [1, 1], (x) => fromLibrary(lib.ABS(x), 'ABS')),
  scalar('SIGN', 'SIGN(number)', [1, 1], (x) => Math.sign(x)),
  scalar('MOD', 'MOD(number, divisor)', [2, 2], (x, d) => {
    if (d === 0) return formulaError('#DIV/0!', 'MOD by zero');
    const r = x - d * Math.floor(x / d);
    return Math.abs(r) < 1e-12 * Math.max(1, Math.abs(x)) ? 0 : r;
  }),
  scalar('POWER', 'POWER(number, power)', [2, 2], (x, p) => fromLibrary(lib.POWER(x, p), 'POWER')),
  scalar('SQRT', 'SQRT(number)', [1, 1], (x) =>
    x < 0 ? formulaError('#NUM!', 'SQRT of a negative number') : fromLibrary(lib.SQRT(x), 'SQRT'),
  ),
  scalar('CEILING', 'CEILING(number, [significance])', [1, 2], (x, s = 1) => fromLibrary(lib.CEILING(x, s), 'CEILING')),
  scalar('FLOOR', 'FLOOR(number, [significance])', [1, 2], (x, s = 1) => fromLibrary(lib.FLOOR(x, s), 'FLOOR')),
];
