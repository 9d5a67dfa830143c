/**
 * The next run times of a schedule trigger, for the preview under its cron field. A small
 * reading of cron (5 fields, or 6 with seconds first): numbers, names, `*`, ranges, steps and
 * lists; day of month and day of week match either when both are restricted (classic cron).
 * The server's queue decides the real instants; this only shows the builder what they wrote.
 */
interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> | null {
  const values = new Set<number>();
  const toNumber = (s: string): number | null => {
    const i = names.indexOf(s.toUpperCase());
    if (i >= 0) return i + nameBase;
    return /^\d+$/.test(s) ? Number(s) : null;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    let from: number | null;
    let to: number | null;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [toNumber(a), toNumber(b)];
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    if (from === null || to === null || from < min || to > max || from > to) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values.size > 0 ? values : null;
}

export function parseCron(pattern: string): CronSpec | null {
  const parts = pattern.trim().split(/\s+/);
  if (parts.length === 6) parts.shift();
  if (parts.length !== 5) return null;
  const [m, h, dom, mon, dow] = parts;
  const minutes = parseField(m, 0, 59);
  const hours = parseField(h, 0, 23);
  const days = parseField(dom, 1, 31);
  const months = parseField(mon, 1, 12, MONTHS, 1);
  const weekdaysRaw = parseField(dow, 0, 7, WEEKDAYS, 0);
  if (!minutes || !hours || !days || !months || !weekdaysRaw) return null;
  const weekdays = new Set([...weekdaysRaw].map((d) => d % 7));
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: dom !== '*' && dom !== '?',
    weekdaysRestricted: dow !== '*' && dow !== '?',
  };
}

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

function wallClock(format: Intl.DateTimeFormat, ms: number): WallClock {
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: WEEKDAYS.indexOf(parts.weekday.slice(0, 3).toUpperCase()),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
  };
}

const MINUTE = 60_000;
const MAX_STEPS = 200_000;

/** The next `count` run times (epoch ms) after `afterMs` in zone `tz`; null for a pattern or zone we cannot read. */
export function nextCronRuns(pattern: string, tz: string, afterMs: number, count = 3): number[] | null {
  const spec = parseCron(pattern);
  if (!spec) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz || 'UTC',
      hourCycle: 'h23',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    return null;
  }
  const runs: number[] = [];
  let at = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  for (let steps = 0; steps < MAX_STEPS && runs.length < count; steps += 1) {
    const w = wallClock(format, at);
    const dayOk =
      spec.daysRestricted && spec.weekdaysRestricted
        ? spec.days.has(w.day) || spec.weekdays.has(w.weekday)
        : spec.days.has(w.day) && spec.weekdays.has(w.weekday);
    if (!spec.months.has(w.month) || !dayOk) {
      at += ((23 - w.hour) * 60 + (60 - w.minute)) * MINUTE;
      continue;
    }
    if (!spec.hours.has(w.hour)) {
      at += (60 - w.minute) * MINUTE;
      continue;
    }
    if (spec.minutes.has(w.minute)) runs.push(at);
    at += MINUTE;
  }
  return runs;
}
