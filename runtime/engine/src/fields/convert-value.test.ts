import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { convertFieldValue } from './convert-value.js';

const f = (kind: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({ kind, label: kind, ...extra });
const stages = f('select', {
  options: [
    { value: 'won', label: 'Won' },
    { value: 'lost', label: 'Lost' },
  ],
});
const tags = f('multiselect', {
  options: [
    { value: 'a', label: 'A' },
    { value: 'b', label: 'B' },
  ],
});

describe('convertFieldValue', () => {
  it.each([
    ['text ← number', 12.5, f('number'), f('text'), '12.5'],
    ['text ← select: the option label', 'won', stages, f('textarea'), 'Won'],
    ['text ← multiselect: labels', ['a', 'b'], tags, f('text'), 'A, B'],
    ['number ← numeric text', ' 1,200.5 ', f('text'), f('money'), 1200.5],
    ['date ← datetime', '2026-03-04T22:10:00.000Z', f('datetime'), f('date'), '2026-03-04'],
    ['datetime ← date', '2026-03-04', f('date'), f('datetime'), '2026-03-04T00:00:00.000Z'],
    ['select ← a text that is an option', 'lost', f('text'), stages, 'lost'],
    ['multiselect ← options, unknown dropped', ['a', 'x', 'a'], f('checkbox'), tags, ['a']],
    ['members ← member', 'u1', f('member'), f('members'), ['u1']],
    ['member ← members', ['u1', 'u2'], f('members'), f('member'), 'u1'],
    ['switch ← "true"', 'true', f('text'), f('switch'), true],
    ['same kind as is', { province: 'x' }, f('address'), f('address'), { province: 'x' }],
    ['empty stays empty', null, f('number'), f('text'), undefined],
  ])('%s', (_name, value, from, to, expected) => {
    expect(convertFieldValue(value, from, to)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['number ← words', 'twelve', f('text'), f('number')],
    ['select ← not an option', 'maybe', f('text'), stages],
    ['text ← a file list', [{ id: 'b1', name: 'x.png' }], f('attachment'), f('text')],
    ['number ← address', { province: 'x' }, f('address'), f('number')],
    ['date ← text', 'soon', f('text'), f('date')],
    [
      'link ← link of another form',
      'r1',
      f('link', { link: { formId: 'a', displayFields: [] } }),
      f('link', { link: { formId: 'b', displayFields: [] } }),
    ],
    ['email ← number', 5, f('number'), f('email')],
  ])('refuses %s', (_name, value, from, to) => {
    expect(convertFieldValue(value, from, to)).toEqual({ ok: false });
  });

  it('keeps links to the same form, one ↔ many', () => {
    const one = f('select_data', { link: { formId: 'c', displayFields: [] } });
    const many = f('link', { link: { formId: 'c', displayFields: [], multiple: true } });
    expect(convertFieldValue('r1', one, many)).toEqual({ ok: true, value: ['r1'] });
    expect(convertFieldValue(['r2', 'r3'], many, one)).toEqual({ ok: true, value: 'r2' });
  });
});
