import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { importCell } from './import-values.js';

const stage: FieldMeta = {
  kind: 'select',
  label: 'Stage',
  options: [
    { value: 'lead', label: 'Lead' },
    { value: 'won', label: '赢单' },
  ],
};
const tags: FieldMeta = { ...stage, kind: 'multiselect' };

describe('importCell', () => {
  it('reads options by label or value, and refuses others with the enum rule', () => {
    expect(importCell('赢单', stage, 'f')).toEqual({ value: 'won' });
    expect(importCell('lead', stage, 'f')).toEqual({ value: 'lead' });
    expect(importCell('LEAD', stage, 'f')).toEqual({ value: 'lead' });
    expect(importCell('Maybe', stage, 'f')).toMatchObject({ error: { field: 'f', rule: 'enum' } });
    expect(importCell('Maybe', { ...stage, allowOther: true }, 'f')).toEqual({ value: 'Maybe' });
    expect(importCell('Lead、赢单, lead', tags, 'f')).toEqual({ value: ['lead', 'won'] });
  });

  it('reads dates from Excel dates, serial numbers and text, refusing impossible ones', () => {
    const date: FieldMeta = { kind: 'date', label: 'D' };
    expect(importCell('2026-03-01T00:00:00.000Z', date, 'd')).toEqual({ value: '2026-03-01' });
    expect(importCell(46082, date, 'd')).toEqual({ value: '2026-03-01' });
    expect(importCell('2026/3/1', date, 'd')).toEqual({ value: '2026-03-01' });
    expect(importCell('2026-02-30', date, 'd')).toMatchObject({ error: { rule: 'format' } });
    expect(importCell('2026-03-01 08:30', { kind: 'datetime', label: 'T' }, 't')).toEqual({
      value: '2026-03-01T08:30:00.000Z',
    });
  });

  it('reads numbers with thousands separators and yes/no words, and skips empty cells', () => {
    const money: FieldMeta = { kind: 'money', label: 'M' };
    expect(importCell('1,234.50', money, 'm')).toEqual({ value: 1234.5 });
    expect(importCell('abc', money, 'm')).toMatchObject({ error: { rule: 'type' } });
    expect(importCell(true, money, 'm')).toMatchObject({ error: { rule: 'type' } });
    const on: FieldMeta = { kind: 'switch', label: 'S' };
    expect(importCell('是', on, 's')).toEqual({ value: true });
    expect(importCell('No', on, 's')).toEqual({ value: false });
    expect(importCell('  ', money, 'm')).toEqual({ skip: true });
    expect(importCell(null, on, 's')).toEqual({ skip: true });
    expect(importCell(42, { kind: 'text', label: 'T' }, 't')).toEqual({ value: '42' });
  });
});
