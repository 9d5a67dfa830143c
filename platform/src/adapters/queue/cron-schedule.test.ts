import { describe, expect, it } from 'vitest';
import { nextCronTime } from './cron-schedule.js';

describe('nextCronTime', () => {
  const at = (iso: string) => Date.parse(iso);

  it('reads 6-field patterns with seconds and returns a time strictly after the given one', () => {
    expect(nextCronTime('* * * * * *', 'UTC', at('2026-03-01T10:00:00.000Z'))).toBe(at('2026-03-01T10:00:01.000Z'));
    expect(nextCronTime('*/15 * * * * *', 'UTC', at('2026-03-01T10:00:07.500Z'))).toBe(at('2026-03-01T10:00:15.000Z'));
  });

  it('reads 5-field patterns as minutes', () => {
    expect(nextCronTime('30 9 * * 1', 'UTC', at('2026-03-01T10:00:00Z'))).toBe(at('2026-03-02T09:30:00Z'));
  });

  it('fires on the wall clock of the given zone', () => {
    // 09:00 in Shanghai (UTC+8) is 01:00 UTC.
    expect(nextCronTime('0 9 * * *', 'Asia/Shanghai', at('2026-03-01T02:00:00Z'))).toBe(at('2026-03-02T01:00:00Z'));
  });
});
