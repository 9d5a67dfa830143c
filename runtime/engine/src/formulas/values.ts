/**
 * Runtime values of the formula language and Excel's coercion rules between them.
 * Nothing here throws: failures are FormulaError values that propagate like Excel's.
 */

export type FormulaErrorCode = '#DIV/0!' | '#VALUE!' | '#NAME?' | '#REF!' | '#N/A' | '#NUM!';

export interface FormulaError {
  readonly kind: 'error';
  readonly code: FormulaErrorCode;
  /** A sentence for a developer or a tooltip; the code is what users recognise. */
  readonly message: string;
}

/**
 * A calendar date or date-time as a day count in the user's wall-clock: `days` since
 * 1970-01-01, the fraction being the time of day. Date-only values have whole days.
 */
export interface FormulaDate {
  readonly kind: 'date';
  readonly days: number;
  readonly withTime: boolean;
}

export type FormulaScalar = number | string | boolean | null | FormulaDate | FormulaError;
export type FormulaValue = FormulaScalar | FormulaValue[];

export const formulaError = (code: FormulaErrorCode, message: string): FormulaError => ({
  kind: 'error',
  code,
  message,
});
export const makeDate = (days: number, withTime: boolean): FormulaDate => ({ kind: 'date', days, withTime });

export function isFormulaError(v: unknown): v is FormulaError {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as FormulaError).kind === 'error';
}
export function isFormulaDate(v: unknown): v is FormulaDate {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as FormulaDate).kind === 'date';
}

/** Excel's date serial of 1970-01-01 (serial 1 is 1900-01-01, with Excel's 1900 leap-year quirk). */
export const EXCEL_EPOCH_OFFSET = 25569;

/** Excel shows and compares numbers to 15 significant digits: 0.1+0.2 is 0.3. */
export function tidyNumber(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  return Number(n.toPrecision(15));
}

/** Flattens nested arrays (subform columns inside function arguments). */
export function flatten(values: readonly FormulaValue[]): FormulaScalar[] {
  const out: FormulaScalar[] = [];
  const walk = (v: FormulaValue) => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else out.push(v);
  };
  for (const v of values) walk(v);
  return out;
}

export function firstError(values: readonly FormulaValue[]): FormulaError | undefined {
  for (const v of values) {
    if (Array.isArray(v)) {
      const e = firstError(v);
      if (e) return e;
    } else if (isFormulaError(v)) return v;
  }
  return undefined;
}

const NUMERIC_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/** Parses text the way Excel reads a number typed into a cell: `1,234.5`, `-3e2`, `15%`. */
export function parseNumericText(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || !NUMERIC_TEXT.test(t) || !/\d/.test(t)) return undefined;
  const percent = t.endsWith('%');
  const n = Number((percent ? t.slice(0, -1) : t).replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}

/** Days since 1970-01-01 of a valid calendar date, or undefined (2023-02-30 is not a date). */
export function dayNumber(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/**
 * Reads `YYYY-MM-DD` or a wall-clock `YYYY-MM-DDTHH:mm[:ss]` (no zone) as a FormulaDate.
 * Instants with a zone (`…Z`, `+08:00`) need the user's time zone: see `dates.ts`.
 */
export function parseLocalDateText(text: string): FormulaDate | undefined {
  const t = text.trim();
  let m = ISO_DATE.exec(t);
  if (m) {
    const days = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    return days === undefined ? undefined : makeDate(days, false);
  }
  m = ISO_DATE_TIME.exec(t);
  if (m) {
    const days = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    const [h, mi, s, ms] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number((m[7] ?? '0').padEnd(3, '0'))];
    if (days === undefined || h > 23 || mi > 59 || s > 59) return undefined;
    return makeDate(days + (((h * 60 + mi) * 60 + s) * 1000 + ms) / 86_400_000, true);
  }
  return undefined;
}

const valueError = (what: string) => formulaError('#VALUE!', what);

/** A scalar as a number: blank is 0, TRUE is 1, dates are Excel serials, numeric text is read. */
export function toNumber(v: FormulaValue): number | FormulaError {
  if (Array.isArray(v)) return valueError('Expected a single value, got a list');
  if (v === null) return 0;
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const n = parseNumericText(v);
      if (n !== undefined) return n;
      const d = parseLocalDateText(v);
      if (d) return d.days + EXCEL_EPOCH_OFFSET;
      return valueError(`"${v}" is not a number`);
    }
    default:
      if (isFormulaError(v)) return v;
      return v.days + EXCEL_EPOCH_OFFSET;
  }
}

/** Formats a number as Excel's General format does (up to 15 significant digits). */
export function numberToText(n: number): string {
  const t = tidyNumber(n);
  if (Object.is(t, -0)) return '0';
  const abs = Math.abs(t);
  if (abs !== 0 && (abs >= 1e21 || abs < 1e-9)) return t.toExponential().replace('e+', 'E+').replace('e-', 'E-');
  return String(t);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm:ss` of a FormulaDate, in the user's wall clock. */
export function dateToLocalText(d: FormulaDate): string {
  const whole = Math.floor(d.days + 1e-9);
  const dt = new Date(whole * 86_400_000);
  const date = `${pad(dt.getUTCFullYear(), 4)}-${pad(dt.getUTCMonth() + 1)}-${pad(dt.getUTCDate())}`;
  if (!d.withTime) return date;
  const secs = Math.round((d.days - whole) * 86_400);
  const s = Math.min(secs, 86_399);
  return `${date}T${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** A scalar as text: blank is "", booleans are TRUE/FALSE, dates are ISO (more useful than serials). */
export function toText(v: FormulaValue): string | FormulaError {
  if (Array.isArray(v)) return valueError('Expected a single value, got a list');
  if (v === null) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return numberToText(v);
    case 'boolean':
      return v ? 'TRUE' : 'FALSE';
    default:
      return isFormulaError(v) ? v : dateToLocalText(v);
  }
}

/** A scalar as a boolean: numbers are TRUE unless 0, text must read TRUE or FALSE. */
export function toBoolean(v: FormulaValue): boolean | FormulaError {
  if (Array.isArray(v)) return valueError('Expected a single value, got a list');
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string': {
      const u = v.trim().toUpperCase();
      if (u === 'TRUE') return true;
      if (u === 'FALSE') return false;
      return valueError(`"${v}" is not TRUE or FALSE`);
    }
    default:
      return isFormulaError(v) ? v : true;
  }
}

/** A scalar as a date: dates pass, ISO text is read, numbers are Excel serials. */
export function toDate(v: FormulaValue): FormulaDate | FormulaError {
  if (Array.isArray(v)) return valueError('Expected a single date, got a list');
  if (isFormulaDate(v) || isFormulaError(v)) return v;
  if (typeof v === 'string') {
    const d = parseLocalDateText(v);
    if (d) return d;
    const n = parseNumericText(v);
    if (n === undefined) return valueError(`"${v}" is not a date`);
    v = n;
  }
  if (v === null) return valueError('The date is empty');
  const n = typeof v === 'boolean' ? Number(v) : v;
  if (n < 0) return formulaError('#NUM!', 'Dates before 1899-12-30 are not supported');
  const days = n - EXCEL_EPOCH_OFFSET;
  return makeDate(days, !Number.isInteger(days));
}

/** Whether a value counts as blank (empty field, empty text, empty list). */
export function isBlank(v: FormulaValue): boolean {
  return v === null || v === '' || (Array.isArray(v) && flatten(v).every(isBlank));
}
