/** Durations are stored in milliseconds and entered as an amount of minutes, hours or days. */
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const UNIT_MS: Record<DurationUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export interface DurationParts {
  amount: number;
  unit: DurationUnit;
}

/**
 * The largest unit that divides `ms` evenly (2 days, not 48 hours), else minutes rounded to
 * two decimals. Negative durations keep their sign on the amount.
 */
export function splitDuration(ms: number): DurationParts {
  const abs = Math.abs(ms);
  if (abs === 0) return { amount: 0, unit: 'hours' };
  for (const unit of ['days', 'hours', 'minutes'] as const)
    if (abs % UNIT_MS[unit] === 0) return { amount: ms / UNIT_MS[unit], unit };
  return { amount: Math.round((ms / UNIT_MS.minutes) * 100) / 100, unit: 'minutes' };
}

/** Milliseconds of an amount in a unit, rounded to whole milliseconds. */
export function toMs(amount: number, unit: DurationUnit): number {
  return Math.round(amount * UNIT_MS[unit]);
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "2 d", "90 min", "3 小时" in the user's language. */
export function formatDuration(ms: number, t: Translate): string {
  const { amount, unit } = splitDuration(ms);
  return t(`flowPanels.duration.short.${unit}`, { count: amount });
}
