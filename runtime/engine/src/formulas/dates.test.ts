import { describe, expect, it } from 'vitest';
import { instantToLocal, localToInstant, readStoredDate, writeStoredDate } from './dates.js';
import { evaluateFormula } from './evaluate.js';
import { makeDate } from './values.js';

describe('dates in the user’s time zone', () => {
  it('reads a stored instant as the wall clock of the zone and writes it back unchanged', () => {
    const stored = '2024-03-10T06:30:00.000Z';
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe']) {
      const local = readStoredDate(stored, zone)!;
      expect(writeStoredDate(local, zone), zone).toBe(stored);
    }
    expect(writeStoredDate(readStoredDate(stored, 'America/New_York')!, 'UTC')).toBe('2024-03-10T01:30:00.000Z');
  });

  it('adds calendar days across a daylight-saving change (a day is not always 24 hours)', () => {
    // 2024-03-09 12:00 in New York is 17:00Z; a day later the clocks have sprung forward.
    const r = evaluateFormula('{at}+1', {
      values: { at: '2024-03-09T17:00:00Z' },
      fields: { at: { kind: 'datetime' } },
      timeZone: 'America/New_York',
    });
    expect(r).toEqual({ ok: true, value: '2024-03-10T16:00:00.000Z' });
  });

  it('answers TODAY() by the zone’s calendar, not the server’s', () => {
    const now = new Date('2024-12-31T17:00:00Z');
    expect(evaluateFormula('TODAY()', { values: {}, now, timeZone: 'Asia/Shanghai' })).toEqual({
      ok: true,
      value: '2025-01-01',
    });
    expect(evaluateFormula('TODAY()', { values: {}, now, timeZone: 'America/Los_Angeles' })).toEqual({
      ok: true,
      value: '2024-12-31',
    });
  });

  it('keeps date-only values as dates, whatever the zone', () => {
    expect(writeStoredDate(makeDate(19_753, false), 'Pacific/Kiritimati')).toBe('2024-01-31');
    expect(instantToLocal(localToInstant(makeDate(19_753.5, true), 'Asia/Kolkata'), 'Asia/Kolkata').days).toBeCloseTo(
      19_753.5,
      9,
    );
  });

  it('reads ISO text as a date only for date fields when kinds are known', () => {
    const values = { d: '2024-01-31', t: '2024-01-31' };
    const fields = { d: { kind: 'date' }, t: { kind: 'text' } };
    expect(evaluateFormula('{d}+1', { values, fields })).toEqual({ ok: true, value: '2024-02-01' });
    expect(evaluateFormula('{t}&"!"', { values, fields })).toEqual({ ok: true, value: '2024-01-31!' });
  });
});
