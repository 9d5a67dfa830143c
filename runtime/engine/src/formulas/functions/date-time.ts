/**
 * Dates: TODAY, NOW, DATE, YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, DATEDIF, DAYS, EDATE, EOMONTH,
 * WEEKDAY, NETWORKDAYS, DATEVALUE. Our own implementation rather than formulajs's, because those
 * read JavaScript Dates in the machine's local zone; ours work in the user's zone, identically in
 * the browser and on the server.
 */
import {
  addMonths,
  completedMonths,
  dateFromParts,
  dayOfWeek,
  endOfMonth,
  instantToLocal,
  networkDays,
  ymd,
} from '../dates.js';
import {
  type FormulaDate,
  type FormulaValue,
  flatten,
  formulaError,
  isFormulaError,
  makeDate,
  toDate,
  toNumber,
  toText,
} from '../values.js';
import { numbers } from './coerce-args.js';
import type { FunctionContext, FunctionSpec } from './function-spec.js';

export const today = (ctx: FunctionContext): FormulaDate =>
  makeDate(Math.floor(instantToLocal(ctx.now.getTime(), ctx.timeZone).days), false);

const datePart = (name: string, part: (d: FormulaDate) => number): FunctionSpec => ({
  name,
  syntax: `${name}(date)`,
  minArgs: 1,
  maxArgs: 1,
  params: ['date'],
  returns: 'number',
  impl: ([v]) => {
    const d = toDate(v);
    return isFormulaError(d) ? d : part(d);
  },
});

const secondsOfDay = (d: FormulaDate) => Math.round((d.days - Math.floor(d.days)) * 86_400) % 86_400;

/** Dates of a holiday list for NETWORKDAYS. */
function holidaySet(v: FormulaValue | undefined): Set<number> | FormulaValue {
  const set = new Set<number>();
  if (v === undefined || v === null) return set;
  for (const h of flatten([v])) {
    if (h === null) continue;
    const d = toDate(h);
    if (isFormulaError(d)) return d;
    set.add(Math.floor(d.days));
  }
  return set;
}

export const dateFunctions: FunctionSpec[] = [
  {
    name: 'TODAY',
    syntax: 'TODAY()',
    minArgs: 0,
    maxArgs: 0,
    params: [],
    returns: 'date',
    volatile: true,
    impl: (_args, ctx) => today(ctx),
  },
  {
    name: 'NOW',
    syntax: 'NOW()',
    minArgs: 0,
    maxArgs: 0,
    params: [],
    returns: 'date',
    volatile: true,
    impl: (_args, ctx) => instantToLocal(ctx.now.getTime(), ctx.timeZone),
  },
  {
    name: 'DATE',
    syntax: 'DATE(year, month, day)',
    minArgs: 3,
    maxArgs: 3,
    params: ['number', 'number', 'number'],
    returns: 'date',
    impl: (args) => {
      const n = numbers(args);
      if (isFormulaError(n)) return n;
      const [rawYear, m, d] = n.map(Math.trunc);
      const y = rawYear >= 0 && rawYear < 1900 ? rawYear + 1900 : rawYear;
      if (y < 0 || y > 9999) return formulaError('#NUM!', 'DATE year must be between 0 and 9999');
      return makeDate(dateFromParts(y, m, d), false);
    },
  },
  {
    name: 'DATEVALUE',
    syntax: 'DATEVALUE(text)',
    minArgs: 1,
    maxArgs: 1,
    params: ['text'],
    returns: 'date',
    impl: ([v]) => {
      const t = toText(v);
      if (isFormulaError(t)) return t;
      const d = toDate(t);
      return isFormulaError(d) ? d : makeDate(Math.floor(d.days), false);
    },
  },
  datePart('YEAR', (d) => ymd(d.days).y),
  datePart('MONTH', (d) => ymd(d.days).m),
  datePart('DAY', (d) => ymd(d.days).d),
  datePart('HOUR', (d) => Math.floor(secondsOfDay(d) / 3600)),
  datePart('MINUTE', (d) => Math.floor((secondsOfDay(d) % 3600) / 60)),
  datePart('SECOND', (d) => secondsOfDay(d) % 60),
  {
    name: 'DATEDIF',
    syntax: 'DATEDIF(start_date, end_date, unit)',
    minArgs: 3,
    maxArgs: 3,
    params: ['date', 'date', 'text'],
    returns: 'number',
    impl: ([a, b, u]) => {
      const start = toDate(a);
      const end = toDate(b);
      const unit = toText(u);
      if (isFormulaError(start)) return start;
      if (isFormulaError(end)) return end;
      if (isFormulaError(unit)) return unit;
      const s = Math.floor(start.days);
      const e = Math.floor(end.days);
      if (s > e) return formulaError('#NUM!', 'DATEDIF start date is after the end date');
      switch (unit.toUpperCase()) {
        case 'Y':
          return Math.floor(completedMonths(s, e) / 12);
        case 'M':
          return completedMonths(s, e);
        case 'D':
          return e - s;
        case 'YM':
          return completedMonths(s, e) % 12;
        case 'MD':
          return e - addMonths(s, completedMonths(s, e));
        case 'YD': {
          const years = Math.floor(completedMonths(s, e) / 12);
          return e - addMonths(s, years * 12);
        }
        default:
          return formulaError('#NUM!', `DATEDIF unit "${unit}" is not one of Y, M, D, YM, MD, YD`);
      }
    },
  },
  {
    name: 'DAYS',
    syntax: 'DAYS(end_date, start_date)',
    minArgs: 2,
    maxArgs: 2,
    params: ['date', 'date'],
    returns: 'number',
    impl: ([a, b]) => {
      const end = toDate(a);
      const start = toDate(b);
      if (isFormulaError(end)) return end;
      if (isFormulaError(start)) return start;
      return Math.floor(end.days) - Math.floor(start.days);
    },
  },
  {
    name: 'EDATE',
    syntax: 'EDATE(start_date, months)',
    minArgs: 2,
    maxArgs: 2,
    params: ['date', 'number'],
    returns: 'date',
    impl: ([a, m]) => {
      const d = toDate(a);
      const months = toNumber(m);
      if (isFormulaError(d)) return d;
      if (isFormulaError(months)) return months;
      return makeDate(addMonths(Math.floor(d.days), Math.trunc(months)), false);
    },
  },
  {
    name: 'EOMONTH',
    syntax: 'EOMONTH(start_date, months)',
    minArgs: 2,
    maxArgs: 2,
    params: ['date', 'number'],
    returns: 'date',
    impl: ([a, m]) => {
      const d = toDate(a);
      const months = toNumber(m);
      if (isFormulaError(d)) return d;
      if (isFormulaError(months)) return months;
      return makeDate(endOfMonth(Math.floor(d.days), Math.trunc(months)), false);
    },
  },
  {
    name: 'WEEKDAY',
    syntax: 'WEEKDAY(date, [type])',
    minArgs: 1,
    maxArgs: 2,
    params: ['date', 'number'],
    returns: 'number',
    impl: ([a, t]) => {
      const d = toDate(a);
      const type = t === undefined ? 1 : toNumber(t);
      if (isFormulaError(d)) return d;
      if (isFormulaError(type)) return type;
      const w = dayOfWeek(d.days); // 0 = Sunday
      switch (Math.trunc(type)) {
        case 1:
        case 17:
          return w + 1;
        case 2:
        case 11:
          return ((w + 6) % 7) + 1;
        case 3:
          return (w + 6) % 7;
        default:
          return formulaError('#NUM!', 'WEEKDAY type must be 1, 2 or 3');
      }
    },
  },
  {
    name: 'NETWORKDAYS',
    syntax: 'NETWORKDAYS(start_date, end_date, [holidays])',
    minArgs: 2,
    maxArgs: 3,
    params: ['date', 'date', 'any'],
    returns: 'number',
    impl: ([a, b, h]) => {
      const start = toDate(a);
      const end = toDate(b);
      if (isFormulaError(start)) return start;
      if (isFormulaError(end)) return end;
      const holidays = holidaySet(h);
      if (!(holidays instanceof Set)) return holidays;
      return networkDays(Math.floor(start.days), Math.floor(end.days), holidays);
    },
  },
];
