/**
 * Excel number formats for TEXT(value, format): digit placeholders `0 # ,` with decimals, `%`,
 * literal text (`"…"`, `\x`, currency signs, 元), sections `positive;negative;zero`, `@` and
 * `General`; and date-time codes `yyyy yy m mm mmm mmmm d dd ddd dddd h hh m mm s ss AM/PM`
 * (m after h or before s means minutes, as in Excel).
 */
import { ymd } from '../dates.js';
import {
  type FormulaDate,
  type FormulaError,
  EXCEL_EPOCH_OFFSET,
  formulaError,
  isFormulaDate,
  makeDate,
  numberToText,
  parseLocalDateText,
  parseNumericText,
} from '../values.js';
import { roundNumber } from './coerce-args.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Splits on `;` outside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '"') quoted = !quoted;
    if (c === '\\' && i + 1 < format.length) {
      current += c + format[++i];
      continue;
    }
    if (c === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

/** The format with quoted text and escapes removed, to look at its codes only. */
const codesOf = (format: string) => format.replace(/"[^"]*"/g, '').replace(/\\./g, '');

export function isDateFormat(format: string): boolean {
  return /[ydhs]/i.test(codesOf(format).replace(/\[[^\]]*\]/g, '')) || /^[^0#?]*m[^0#?]*$/i.test(codesOf(format));
}

type DateToken = { code: string } | { literal: string };

function tokenizeDate(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === '"') {
      const close = format.indexOf('"', i + 1);
      const end = close < 0 ? format.length : close;
      tokens.push({ literal: format.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '\\') {
      tokens.push({ literal: format[i + 1] ?? '' });
      i += 2;
      continue;
    }
    const ampm = /^(AM\/PM|A\/P)/i.exec(format.slice(i));
    if (ampm) {
      tokens.push({ code: ampm[1].toUpperCase() });
      i += ampm[1].length;
      continue;
    }
    if (/[ymdhs]/i.test(c)) {
      let j = i;
      while (j < format.length && format[j].toLowerCase() === c.toLowerCase()) j++;
      tokens.push({ code: format.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    tokens.push({ literal: c });
    i++;
  }
  // `m`/`mm` right after an hour or right before seconds means minutes.
  const codes = tokens.map((t, idx) => ({ t, idx })).filter((x) => 'code' in x.t);
  codes.forEach(({ t }, k) => {
    const code = (t as { code: string }).code;
    if (code !== 'm' && code !== 'mm') return;
    const prev = codes[k - 1] && (codes[k - 1].t as { code: string }).code;
    const next = codes[k + 1] && (codes[k + 1].t as { code: string }).code;
    if ((prev && prev.startsWith('h')) || (next && next.startsWith('s')))
      (t as { code: string }).code = code === 'm' ? 'n' : 'nn';
  });
  return tokens;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDate(date: FormulaDate, format: string): string {
  const tokens = tokenizeDate(format);
  const hasAmPm = tokens.some((t) => 'code' in t && (t.code === 'AM/PM' || t.code === 'A/P'));
  // Round to the second first, so 23:59:59.6 does not show as 23:59:60.
  const totalSeconds = Math.round(date.days * 86_400);
  const dayStart = Math.floor(totalSeconds / 86_400);
  const secs = totalSeconds - dayStart * 86_400;
  const { y, m, d } = ymd(dayStart);
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const weekday = WEEKDAYS[(((dayStart + 4) % 7) + 7) % 7];
  return tokens
    .map((t) => {
      if ('literal' in t) return t.literal;
      switch (t.code) {
        case 'yyyy':
        case 'yyy':
          return pad(y, 4);
        case 'yy':
        case 'y':
          return pad(y % 100);
        case 'm':
          return String(m);
        case 'mm':
          return pad(m);
        case 'mmm':
          return MONTHS[m - 1].slice(0, 3);
        case 'mmmmm':
          return MONTHS[m - 1][0];
        case 'd':
          return String(d);
        case 'dd':
          return pad(d);
        case 'ddd':
          return weekday.slice(0, 3);
        case 'h':
          return String(hasAmPm ? h12 : h);
        case 'hh':
          return pad(hasAmPm ? h12 : h);
        case 'n':
          return String(mi);
        case 'nn':
          return pad(mi);
        case 's':
          return String(s);
        case 'ss':
          return pad(s);
        case 'AM/PM':
          return h < 12 ? 'AM' : 'PM';
        case 'A/P':
          return h < 12 ? 'A' : 'P';
        default:
          if (t.code.startsWith('mmmm')) return MONTHS[m - 1];
          if (t.code.startsWith('dddd')) return weekday;
          if (t.code.startsWith('yyyy')) return pad(y, 4);
          return t.code;
      }
    })
    .join('');
}

interface FormatChar {
  ch: string;
  literal: boolean;
}

/** Marks which characters of a section are literal text (quoted, escaped, or not a code). */
function scanSection(section: string): FormatChar[] {
  const out: FormatChar[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const close = section.indexOf('"', i + 1);
      const end = close < 0 ? section.length : close;
      for (const ch of section.slice(i + 1, end)) out.push({ ch, literal: true });
      i = end;
    } else if (c === '\\') {
      if (i + 1 < section.length) out.push({ ch: section[++i], literal: true });
    } else if (c === '[') {
      const close = section.indexOf(']', i);
      i = close < 0 ? section.length : close;
    } else out.push({ ch: c, literal: !/[0#?.,%]/.test(c) });
  }
  return out;
}

/** Formats a non-negative number with one section of a number format. */
function formatNumberSection(value: number, section: string): string {
  const chars = scanSection(section);
  const isPlaceholder = (c: FormatChar | undefined) => !!c && !c.literal && /[0#?]/.test(c.ch);
  const first = chars.findIndex(
    (c, i) => isPlaceholder(c) || (!c.literal && c.ch === '.' && isPlaceholder(chars[i + 1])),
  );
  let last = first;
  if (first >= 0)
    while (last + 1 < chars.length && !chars[last + 1].literal && /[0#?.,]/.test(chars[last + 1].ch)) last++;
  const text = (from: number, to: number) =>
    chars
      .slice(from, to)
      .map((c) => c.ch)
      .join('');
  const prefix = first < 0 ? text(0, chars.length) : text(0, first);
  const suffix = first < 0 ? '' : text(last + 1, chars.length);
  let pattern = first < 0 ? '' : text(first, last + 1);
  const percentCount = chars.filter((c) => !c.literal && c.ch === '%').length;
  let x = value * 100 ** percentCount;
  while (pattern.endsWith(',')) {
    pattern = pattern.slice(0, -1);
    x /= 1000;
  }
  if (first < 0) return prefix;
  const dot = pattern.indexOf('.');
  const intPattern = dot < 0 ? pattern : pattern.slice(0, dot);
  const fracPattern = dot < 0 ? '' : pattern.slice(dot + 1).replace(/,/g, '');
  const minInt = (intPattern.match(/0/g) ?? []).length;
  const minFrac = (fracPattern.match(/0/g) ?? []).length;
  const maxFrac = (fracPattern.match(/[0#?]/g) ?? []).length;
  const rounded = roundNumber(x, maxFrac);
  let [intDigits, fracDigits = ''] = rounded.toFixed(maxFrac).split('.');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  intDigits = intDigits.padStart(minInt, '0');
  if (intPattern.includes(',')) intDigits = intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  while (fracDigits.length > minFrac && fracDigits.endsWith('0')) fracDigits = fracDigits.slice(0, -1);
  const body = dot >= 0 && (fracDigits.length > 0 || maxFrac === 0) ? `${intDigits}.${fracDigits}` : intDigits;
  return `${prefix}${body}${suffix}`;
}

export function formatNumber(value: number, format: string): string {
  const parts = sections(format);
  if (parts.length === 1)
    return value < 0 ? `-${formatNumberSection(-value, parts[0])}` : formatNumberSection(value, parts[0]);
  if (value > 0 || (value === 0 && parts.length < 3)) return formatNumberSection(value, parts[0]);
  if (value < 0) return formatNumberSection(-value, parts[1]);
  return formatNumberSection(0, parts[2]);
}

/** TEXT(value, format). Text that is not a number comes back unchanged, as in Excel. */
export function formatText(
  value: number | string | boolean | null | FormulaDate,
  format: string,
): string | FormulaError {
  const trimmed = format.trim();
  if (/^general$/i.test(trimmed) || trimmed === '') {
    if (isFormulaDate(value)) return trimmed === '' ? '' : numberToText(value.days + EXCEL_EPOCH_OFFSET);
    if (trimmed === '') return '';
    return value === null
      ? ''
      : typeof value === 'boolean'
        ? value
          ? 'TRUE'
          : 'FALSE'
        : typeof value === 'number'
          ? numberToText(value)
          : value;
  }
  if (trimmed === '@') {
    if (isFormulaDate(value)) return numberToText(value.days + EXCEL_EPOCH_OFFSET);
    return value === null ? '' : typeof value === 'number' ? numberToText(value) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  let asDate: FormulaDate | undefined;
  let asNumber: number | undefined;
  if (value === null) asNumber = 0;
  else if (typeof value === 'number') asNumber = value;
  else if (isFormulaDate(value)) asDate = value;
  else {
    asNumber = parseNumericText(value);
    if (asNumber === undefined) asDate = parseLocalDateText(value);
    if (asNumber === undefined && asDate === undefined) return value;
  }
  if (isDateFormat(format)) {
    const date = asDate ?? makeDate((asNumber ?? 0) - EXCEL_EPOCH_OFFSET, true);
    if (date.days + EXCEL_EPOCH_OFFSET < 0) return formulaError('#VALUE!', 'A negative number is not a date');
    return formatDate(date, format);
  }
  return formatNumber(asNumber ?? (asDate as FormulaDate).days + EXCEL_EPOCH_OFFSET, format);
}
