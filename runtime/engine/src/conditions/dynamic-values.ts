/**
 * Calendar arithmetic for dynamic condition values (`today`, `this_week` …) in an IANA time
 * zone, with Intl only. Weeks start on Monday.
 */
export interface DatePeriod {
  /** First day, `YYYY-MM-DD`, inclusive. */
  start: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  end: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
function wallClock(instant: Date, timeZone: string) {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return { y: out.year, m: out.month, d: out.day, h: out.hour, mi: out.minute, s: out.second };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const fromUtcDay = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const DAY = 86_400_000;

/** `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone = 'UTC'): string {
  const { y, m, d } = wallClock(instant, timeZone);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return fromUtcDay(Date.UTC(y, m - 1, d) + days * DAY);
}

/** The UTC instant (ISO) at which `date` begins in `timeZone`. */
export function startOfDayUtc(date: string, timeZone = 'UTC'): string {
  const [y, m, d] = date.split('-').map(Number);
  const wallAsUtc = Date.UTC(y, m - 1, d);
  let guess = wallAsUtc;
  // Two rounds settle the offset also across a DST change.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), timeZone);
    const offset = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - guess;
    guess = wallAsUtc - offset;
  }
  return new Date(guess).toISOString();
}

export type PeriodName = 'today' | 'yesterday' | 'tomorrow' | 'this_week' | 'this_month' | 'this_year';

/** The days a dynamic period covers, seen from `now` in `timeZone`. */
export function periodOf(name: PeriodName, now: Date, timeZone = 'UTC'): DatePeriod {
  const today = localDate(now, timeZone);
  const [y, m] = today.split('-').map(Number);
  switch (name) {
    case 'today':
      return { start: today, end: today };
    case 'yesterday': {
      const day = addDays(today, -1);
      return { start: day, end: day };
    }
    case 'tomorrow': {
      const day = addDays(today, 1);
      return { start: day, end: day };
    }
    case 'this_week': {
      const [yy, mm, dd] = today.split('-').map(Number);
      const weekday = (new Date(Date.UTC(yy, mm - 1, dd)).getUTCDay() + 6) % 7; // Monday = 0
      const start = addDays(today, -weekday);
      return { start, end: addDays(start, 6) };
    }
    case 'this_month':
      return { start: `${pad(y, 4)}-${pad(m)}-01`, end: fromUtcDay(Date.UTC(y, m, 0)) };
    case 'this_year':
      return { start: `${pad(y, 4)}-01-01`, end: `${pad(y, 4)}-12-31` };
  }
}
