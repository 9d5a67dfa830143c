/**
 * Excel's comparison of two values: numbers (and dates) < text < booleans; text is compared
 * case-insensitively by code point (locale-independent); a blank equals 0, "" and FALSE; numbers are compared to 15 digits so
 * 0.1+0.2 = 0.3 is TRUE. A date compared with ISO text reads the text as a date.
 */
import { type FormulaScalar, EXCEL_EPOCH_OFFSET, isFormulaDate, parseLocalDateText, tidyNumber } from './values.js';

type Comparable = number | string | boolean;

function rank(v: Comparable): number {
  return typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2;
}

function comparable(v: Exclude<FormulaScalar, { kind: 'error' }>, other: FormulaScalar): Comparable {
  if (v === null) {
    if (typeof other === 'string') return '';
    if (typeof other === 'boolean') return false;
    return 0;
  }
  if (isFormulaDate(v)) return v.days + EXCEL_EPOCH_OFFSET;
  if (typeof v === 'string' && isFormulaDate(other)) {
    const d = parseLocalDateText(v);
    if (d) return d.days + EXCEL_EPOCH_OFFSET;
  }
  return v;
}

/** -1, 0 or 1. Both values must not be errors. */
export function compareScalars(
  a: Exclude<FormulaScalar, { kind: 'error' }>,
  b: Exclude<FormulaScalar, { kind: 'error' }>,
): number {
  const x = comparable(a, b);
  const y = comparable(b, a);
  if (rank(x) !== rank(y)) return rank(x) < rank(y) ? -1 : 1;
  if (typeof x === 'number') {
    const p = tidyNumber(x);
    const q = tidyNumber(y as number);
    return p === q ? 0 : p < q ? -1 : 1;
  }
  if (typeof x === 'string') {
    // Case-insensitive, by code point: the same order in every browser locale and on the server.
    const p = x.toLowerCase();
    const q = (y as string).toLowerCase();
    return p === q ? 0 : p < q ? -1 : 1;
  }
  return x === y ? 0 : x ? 1 : -1;
}
