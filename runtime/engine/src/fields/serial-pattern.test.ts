import { describe, expect, it } from 'vitest';
import { formatSerial, parseSerialPattern, serialDate, serialPeriod } from './serial-pattern.js';

describe('serial patterns', () => {
  it('formats date tokens and a padded counter', () => {
    const parsed = parseSerialPattern('CUS-{YYYY}{MM}-{0000}');
    if (!parsed.ok) throw new Error(parsed.message);
    const date = serialDate('2026-11-23');
    expect(formatSerial(parsed.tokens, date, 7)).toBe('CUS-202611-0007');
    expect(formatSerial(parsed.tokens, date, 12345)).toBe('CUS-202611-12345');
    expect(serialPeriod(parsed.tokens, date)).toBe('202611');
  });

  it('keeps one counter for patterns without dates', () => {
    const parsed = parseSerialPattern('NO.{000}');
    expect(parsed.ok && serialPeriod(parsed.tokens, serialDate('2026-01-01'))).toBe('all');
  });

  it.each(['CUS-{YYYY}', 'A{00}B{00}', 'X-{HH}-{000}', 'X-{000', 'X-}{000}'])('rejects %s', (pattern) => {
    expect(parseSerialPattern(pattern).ok).toBe(false);
  });
});
