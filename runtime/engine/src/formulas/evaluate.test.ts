import { describe, expect, it } from 'vitest';
import { checkFormula } from './check.js';
import { evaluateFormula } from './evaluate.js';

describe('evaluateFormula on hostile or odd input', () => {
  const odd: Record<string, unknown> = {
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    obj: { nested: { deep: true } },
    member: { id: 'u1', name: '李四' },
    address: { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园' },
    deep: [[1, [2, [3]]]],
    rows: 'not rows',
    long: 'x'.repeat(100_000),
  };

  it.each([
    ['{nan}+1', { ok: true, value: 1 }],
    ['{inf}+1', { ok: true, value: 1 }],
    ['{member}&"审批"', { ok: true, value: '李四审批' }],
    ['{address}', { ok: true, value: '广东省深圳市南山区科技园' }],
    ['SUM({deep})', { ok: true, value: 6 }],
    ['LEN({long})', { ok: true, value: 100_000 }],
  ])('%s', (formula, expected) => {
    expect(evaluateFormula(formula, { values: odd })).toEqual(expected);
  });

  it.each(['{obj}+1', '{rows.x}', '{__proto__}', '{constructor}', '{toString.x}'])(
    '%s is an error value, not an exception',
    (f) => {
      const r = evaluateFormula(f, { values: odd, fields: { obj: { kind: 'text' }, rows: { kind: 'text' } } });
      expect(r.ok).toBe(false);
    },
  );

  it('does not find prototype properties as fields or labels', () => {
    const r = checkFormula('{__proto__}+{constructor}', {}, { references: 'label' });
    expect(r.errors.map((e) => e.code)).toEqual(['unknownField', 'unknownField']);
  });

  it('is deterministic for a fixed now and time zone', () => {
    const opts = {
      values: { d: '2024-02-29T23:30:00Z' },
      now: new Date('2024-02-29T23:30:00Z'),
      timeZone: 'Asia/Tokyo',
    };
    const f = 'TEXT({d},"yyyy-mm-dd hh:mm")&" / "&TEXT(TODAY(),"yyyy-mm-dd")&" / "&DATEDIF("2024-01-31",TODAY(),"MD")';
    expect(evaluateFormula(f, opts)).toEqual({ ok: true, value: '2024-03-01 08:30 / 2024-03-01 / 1' });
  });
});
