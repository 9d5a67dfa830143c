/**
 * Argument helpers shared by the function implementations: Excel's coercions, half-away-from-zero
 * rounding, and the adapter that turns @formulajs/formulajs results into typed formula errors.
 */
import {
  type FormulaError,
  type FormulaErrorCode,
  type FormulaScalar,
  type FormulaValue,
  EXCEL_EPOCH_OFFSET,
  flatten,
  formulaError,
  isFormulaDate,
  isFormulaError,
  toNumber,
  toText,
} from '../values.js';

const LIBRARY_ERRORS = new Set<string>(['#DIV/0!', '#VALUE!', '#NAME?', '#REF!', '#N/A', '#NUM!']);

/** Maps a formulajs result: its errors are `Error` objects whose message is the Excel code. */
export function fromLibrary(result: unknown, fn: string): FormulaValue {
  if (result instanceof Error) {
    const code = (LIBRARY_ERRORS.has(result.message) ? result.message : '#VALUE!') as FormulaErrorCode;
    return formulaError(code, `${fn} failed (${result.message})`);
  }
  if (typeof result === 'number')
    return Number.isFinite(result) ? result : formulaError('#NUM!', `${fn}: result out of range`);
  if (typeof result === 'string' || typeof result === 'boolean' || result === null) return result;
  return formulaError('#VALUE!', `${fn} returned an unsupported value`);
}

/** Converts every argument with `convert`; the first conversion error wins. */
export function coerceAll<T>(
  args: readonly FormulaValue[],
  convert: (v: FormulaValue) => T | FormulaError,
): T[] | FormulaError {
  const out: T[] = [];
  for (const a of args) {
    const c = convert(a);
    if (isFormulaError(c)) return c;
    out.push(c as T);
  }
  return out;
}

export const numbers = (args: readonly FormulaValue[]) => coerceAll(args, toNumber);
export const texts = (args: readonly FormulaValue[]) => coerceAll(args, toText);

/**
 * Numbers for aggregates (SUM, AVERAGE …), as Excel collects them: direct arguments are converted
 * (TRUE is 1, "3" is 3, text that is not a number is #VALUE!, an empty field is skipped); inside
 * lists only numbers and dates count. `allDates` tells MIN/MAX to answer with a date.
 */
export function collectNumbers(args: readonly FormulaValue[]): { values: number[]; allDates: boolean } | FormulaError {
  const values: number[] = [];
  let allDates = true;
  const fromList = (v: FormulaScalar) => {
    if (typeof v === 'number') {
      values.push(v);
      allDates = false;
    } else if (isFormulaDate(v)) values.push(v.days + EXCEL_EPOCH_OFFSET);
  };
  for (const a of args) {
    if (Array.isArray(a)) {
      for (const v of flatten(a)) {
        if (isFormulaError(v)) return v;
        fromList(v);
      }
    } else if (a !== null) {
      if (isFormulaDate(a)) {
        values.push(a.days + EXCEL_EPOCH_OFFSET);
        continue;
      }
      const n = toNumber(a);
      if (isFormulaError(n)) return n;
      values.push(n);
      allDates = false;
    }
  }
  return { values, allDates: allDates && values.length > 0 };
}

/** Moves the decimal point by `places` without binary multiplication artefacts (1.005 stays 1.005). */
export function shiftDecimal(x: number, places: number): number {
  const [mantissa, exponent] = x.toExponential().split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

export type RoundMode = 'half-away' | 'up' | 'down';

/** Excel's ROUND / ROUNDUP / ROUNDDOWN: symmetric around zero, on the 15-digit value Excel shows. */
export function roundNumber(x: number, digits: number, mode: RoundMode = 'half-away'): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const d = Math.trunc(digits);
  const sign = x < 0 ? -1 : 1;
  const shifted = shiftDecimal(Number(Math.abs(x).toPrecision(15)), d);
  const whole =
    mode === 'half-away' ? Math.floor(shifted + 0.5) : mode === 'up' ? Math.ceil(shifted) : Math.floor(shifted);
  return sign * shiftDecimal(whole, -d) || 0;
}
