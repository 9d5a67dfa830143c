import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { createFormulaErrorStore, storedFormulaErrors } from './formula-errors';

const definition: FormDefinition = {
  schema: { type: 'object', properties: { f_a: {}, f_b: {}, f_ratio: {}, f_items: {} } },
  uiSchema: {},
  fields: {
    f_a: { kind: 'number', label: 'A' },
    f_b: { kind: 'number', label: 'B' },
    f_ratio: { kind: 'formula', label: 'Ratio', formula: '{f_a}/{f_b}' },
    f_items: {
      kind: 'subform',
      label: 'Items',
      subform: {
        fields: {
          c_qty: { kind: 'number', label: 'Qty' },
          c_each: { kind: 'formula', label: 'Each', formula: '100/{f_items.c_qty}' },
        },
      },
    },
  },
};

describe('formula errors', () => {
  it('tells a failed formula of a stored record from an empty one, by field and by subform cell', () => {
    const errors = storedFormulaErrors(definition, {
      f_a: 1,
      f_b: 0,
      f_items: [
        { _rowId: 'a', c_qty: 4 },
        { _rowId: 'b', c_qty: 0 },
      ],
    });
    expect(errors?.get('f_ratio')?.code).toBe('#DIV/0!');
    expect(errors?.get('f_items[1].c_each')?.code).toBe('#DIV/0!');
    expect(errors?.has('f_items[0].c_each')).toBe(false);
    expect(storedFormulaErrors(definition, { f_a: 1, f_b: 2 })?.has('f_ratio')).toBe(false);
    expect(storedFormulaErrors({ ...definition, fields: { f_a: { kind: 'number', label: 'A' } } }, {})).toBeNull();
  });

  it('notifies the widgets only when the set of errors changes', () => {
    const store = createFormulaErrorStore();
    let calls = 0;
    store.subscribe(() => calls++);
    const divide = { kind: 'error', code: '#DIV/0!', message: 'Division by zero' } as const;
    store.publish([{ path: 'f_ratio', error: divide }]);
    store.publish([{ path: 'f_ratio', error: { ...divide } }]);
    expect(calls).toBe(1);
    expect(store.get('f_ratio')?.code).toBe('#DIV/0!');
    store.publish([]);
    expect(calls).toBe(2);
    expect(store.get('f_ratio')).toBeUndefined();
  });
});
