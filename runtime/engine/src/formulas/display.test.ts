import { describe, expect, it } from 'vitest';
import { formulaReferenceLabels, fromDisplay, toDisplay } from './display.js';
import { fields } from './test-fixtures.js';

const { labelsByKey, keysByLabel } = formulaReferenceLabels(fields);

describe('stored ↔ display formulas', () => {
  it('shows keys as labels and reads labels back as keys', () => {
    const stored = 'IF({f_amount}>1000,SUM({f_items.f_count}),{f_qty})';
    const display = toDisplay(stored, labelsByKey);
    expect(display).toBe('IF({金额}>1000,SUM({明细.数量}),{数量})');
    expect(fromDisplay(display, keysByLabel)).toBe(stored);
  });

  it('leaves braces inside string literals alone', () => {
    const stored = '"{f_amount}"&{f_amount}&"say ""{f_qty}"""';
    expect(toDisplay(stored, labelsByKey)).toBe('"{f_amount}"&{金额}&"say ""{f_qty}"""');
    expect(fromDisplay(toDisplay(stored, labelsByKey), keysByLabel)).toBe(stored);
  });

  it('keeps unknown references and unfinished text as typed', () => {
    expect(fromDisplay('{不存在}+{金额', keysByLabel)).toBe('{不存在}+{金额');
    expect(toDisplay('{f_gone}+1', labelsByKey)).toBe('{f_gone}+1');
  });

  it('accepts keys typed in display form', () => {
    expect(fromDisplay('{f_qty}*{单价}', keysByLabel)).toBe('{f_qty}*{f_price}');
  });

  it('shows fields with duplicate or unusable labels by key, so the round trip stays exact', () => {
    const maps = formulaReferenceLabels({
      a: { label: '金额' },
      b: { label: '金额' },
      c: { label: 'x.y' },
      d: { label: '总计' },
    });
    const stored = '{a}+{b}+{c}+{d}';
    expect(toDisplay(stored, maps.labelsByKey)).toBe('{a}+{b}+{c}+{总计}');
    expect(fromDisplay(toDisplay(stored, maps.labelsByKey), maps.keysByLabel)).toBe(stored);
  });

  it('round-trips every field of a form', () => {
    for (const key of Object.keys(labelsByKey)) {
      const stored = `{${key}}`;
      expect(fromDisplay(toDisplay(stored, labelsByKey), keysByLabel)).toBe(stored);
    }
  });
});
