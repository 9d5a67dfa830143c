import { CronExpressionParser } from 'cron-parser';

/**
 * Next fire time (epoch ms) of a 5- or 6-field cron pattern strictly after `afterMs`, in the
 * IANA zone `tz`. Computed the same way BullMQ's default repeat strategy does, so both
 * adapters fire on the same instants.
 */
export function nextCronTime(pattern: string, tz: string, afterMs: number): number {
  return CronExpressionParser.parse(pattern, { tz, currentDate: new Date(afterMs) })
    .next()
    .getTime();
}
