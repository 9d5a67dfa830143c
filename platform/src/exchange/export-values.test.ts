import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { cellFormat, exportCell, isFormulaLike } from './export-values.js';
import { importCell } from './import-values.js';

const stage: FieldMeta = { kind: 'radio', label: 'Stage', options: [{ value: 'won', label: 'Won' }] };

describe('exportCell', () => {
  it('formats values per kind', () => {
    expect(exportCell('won', stage)).toBe('Won');
    expect(exportCell(['won', 'gone'], { ...stage, kind: 'checkbox' })).toBe('Won, gone');
    expect(exportCell('2026-03-01', { kind: 'date', label: 'D' })).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(exportCell(12.5, { kind: 'money', label: 'M' })).toBe(12.5);
    expect(
      exportCell([{ blobId: 'b', name: 'a.pdf', size: 1, type: 'application/pdf' }], {
        kind: 'attachment',
        label: 'F',
      }),
    ).toBe('a.pdf');
    expect(exportCell('<p>Hello &amp; <b>bye</b></p>', { kind: 'richtext', label: 'R' })).toBe('Hello & bye');
    expect(exportCell(null, stage)).toBeNull();
    expect(cellFormat({ kind: 'number', label: 'N', number: { precision: 2, thousands: true } })).toEqual({
      numFmt: '#,##0.00',
    });
  });

  it('round-trips through importCell for the importable kinds', () => {
    const cases: Array<[unknown, FieldMeta]> = [
      ['won', stage],
      ['2026-03-01', { kind: 'date', label: 'D' }],
      [7.25, { kind: 'number', label: 'N' }],
      [false, { kind: 'switch', label: 'S' }],
      ['plain', { kind: 'text', label: 'T' }],
    ];
    for (const [value, meta] of cases) {
      const cell = exportCell(value, meta);
      const asRead = cell instanceof Date ? cell.toISOString() : cell;
      expect(importCell(asRead, meta, 'f')).toEqual({ value });
    }
  });

  it('tells text a spreadsheet would run as a formula from ordinary text', () => {
    for (const text of ['=1+1', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '=HYPERLINK("http://x")'])
      expect(isFormulaLike(text), text).toBe(true);
    for (const value of ['Acme', ' =1', '1+1', 'a=b', '', 12, -3, true, null, new Date(0)])
      expect(isFormulaLike(value), String(value)).toBe(false);
  });
});
