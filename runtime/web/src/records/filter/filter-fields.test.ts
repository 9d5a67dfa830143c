import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '@formloom/model';
import { filterFields } from './filter-fields';

const definition: FormDefinition = {
  schema: { type: 'object', properties: { f_qty: {}, f_price: {}, f_total: {}, f_big: {}, f_tag: {} } },
  uiSchema: {},
  fields: {
    f_qty: { kind: 'number', label: '数量' },
    f_price: { kind: 'money', label: '单价' },
    f_total: { kind: 'formula', label: '金额', formula: '{f_qty}*{f_price}' },
    f_big: { kind: 'formula', label: '大单', formula: '{f_total}>1000' },
    f_tag: { kind: 'formula', label: '标签', formula: 'CONCATENATE("A", {f_qty})' },
  },
};

describe('what the filter builder asks for a formula field', () => {
  const byName = Object.fromEntries(filterFields(definition).map((f) => [f.name, f]));

  it('takes a number for a formula that computes a number, and yes/no for one that computes a boolean', () => {
    expect(byName.f_total.valueType).toBe('number');
    expect(byName.f_big.valueType).toBe('boolean');
  });

  it('keeps the kind’s own value type where the result is text', () => {
    expect(byName.f_tag.valueType).toBe('scalar');
    expect(byName.f_qty.valueType).toBe('number');
  });
});
