import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { orderForm } from './fixture-definition';
import { formLayout } from './layout';

const everything = () => true;

describe('form layout', () => {
  it('follows the key order of fields, pairs consecutive half-width fields and groups under sections', () => {
    expect(formLayout(orderForm, everything)).toEqual([
      { section: null, rows: [{ keys: ['f_customer'], half: false }] },
      {
        section: 's_order',
        rows: [
          { keys: ['f_price', 'f_qty'], half: true },
          { keys: ['f_total'], half: false },
          { keys: ['d_line'], half: false },
          { keys: ['f_invoice'], half: false },
          { keys: ['f_title'], half: false },
          { keys: ['x_hint'], half: false },
          { keys: ['f_note'], half: true },
        ],
      },
    ]);
  });

  it('pairs the half-width fields that are left when one between them is hidden', () => {
    const def: FormDefinition = {
      schema: { type: 'object', properties: { a: {}, b: {}, c: {} } },
      uiSchema: { a: { 'ui:options': { width: 'half' } }, c: { 'ui:options': { width: 'half' } } },
      fields: { a: { kind: 'text', label: 'A' }, b: { kind: 'text', label: 'B' }, c: { kind: 'text', label: 'C' } },
    };
    expect(formLayout(def, everything)[0].rows.map((r) => r.keys)).toEqual([['a'], ['b'], ['c']]);
    expect(formLayout(def, (k) => k !== 'b')[0].rows.map((r) => r.keys)).toEqual([['a', 'c']]);
  });

  it('leaves out a section whose fields are all hidden, but keeps an empty one the builder just added', () => {
    const def: FormDefinition = {
      schema: { type: 'object', properties: { a: {} } },
      uiSchema: {},
      fields: {
        s1: { kind: 'section', label: 'One' },
        a: { kind: 'text', label: 'A' },
        s2: { kind: 'section', label: 'Two' },
      },
    };
    expect(formLayout(def, () => false).map((g) => g.section)).toEqual(['s2']);
    expect(formLayout(def, everything).map((g) => g.section)).toEqual(['s1', 's2']);
  });
});
