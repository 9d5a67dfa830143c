/**
 * Calendar arithmetic for formula dates and the conversion between stored values (`YYYY-MM-DD`,
 * UTC ISO instants) and the user's wall clock in an IANA time zone. Intl only, so it runs the
 * same in the browser and on the server.
 */
import { type FormulaDate, dayNumber, makeDate, parseLocalDateText } from './values.js';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds the wall clock of `timeZone` is ahead of UTC at `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** The wall-clock date-time of an instant in `timeZone`. */
export function instantToLocal(utcMs: number, timeZone: string): FormulaDate {
  return makeDate((utcMs + zoneOffsetMs(utcMs, timeZone)) / DAY_MS, true);
}

/** The instant at which the wall clock of `timeZone` shows `local` (the earlier one in a DST overlap). */
export function localToInstant(local: FormulaDate, timeZone: string): number {
  const wall = Math.round(local.days * DAY_MS);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return guess;
}

const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** Reads a stored date (`YYYY-MM-DD`) or date-time (ISO instant) as the user sees it. */
export function readStoredDate(text: string, timeZone: string): FormulaDate | undefined {
  if (ZONED_INSTANT.test(text.trim())) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : instantToLocal(ms, timeZone);
  }
  return parseLocalDateText(text);
}

/** What a formula date is stored as: `YYYY-MM-DD`, or a UTC ISO instant for date-times. */
export function writeStoredDate(d: FormulaDate, timeZone: string): string {
  if (!d.withTime) {
    const dt = new Date(Math.floor(d.days + 1e-9) * DAY_MS);
    return dt.toISOString().slice(0, 10);
  }
  return new Date(localToInstant(d, timeZone)).toISOString();
}

export interface YearMonthDay {
  y: number;
  m: number;
  d: number;
}

export function ymd(days: number): YearMonthDay {
  const dt = new Date(Math.floor(days + 1e-9) * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Excel's DATE: months and days overflow into the next year/month (DATE(2024,14,1) is 2025-02-01). */
export function dateFromParts(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, 1) / DAY_MS + (d - 1);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** EDATE: the same day `months` later, clamped to the month's end (Jan 31 + 1 month is Feb 28/29). */
export function addMonths(days: number, months: number): number {
  const { y, m, d } = ymd(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm))) ?? dateFromParts(ny, nm, 1);
}

/** EOMONTH: the last day of the month `months` after the month of `days`. */
export function endOfMonth(days: number, months: number): number {
  const { y, m } = ymd(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return dateFromParts(ny, nm, daysInMonth(ny, nm));
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(days: number): number {
  return (((Math.floor(days) + 4) % 7) + 7) % 7;
}

/** DATEDIF's whole completed months between two dates (start <= end). */
export function completedMonths(start: number, end: number): number {
  const a = ymd(start);
  const b = ymd(end);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (b.d < a.d) months -= 1;
  return months;
}

/** Working days (Monday–Friday, minus holidays) from start to end inclusive; negative when end < start. */
export function networkDays(start: number, end: number, holidays: ReadonlySet<number>): number {
  const from = Math.floor(Math.min(start, end));
  const to = Math.floor(Math.max(start, end));
  const sign = end < start ? -1 : 1;
  const fullWeeks = Math.floor((to - from + 1) / 7);
  let count = fullWeeks * 5;
  for (let day = from + fullWeeks * 7; day <= to; day++) {
    const w = dayOfWeek(day);
    if (w !== 0 && w !== 6) count++;
  }
  for (const h of holidays) {
    const w = dayOfWeek(h);
    if (h >= from && h <= to && w !== 0 && w !== 6) count--;
  }
  return sign * count;
}
