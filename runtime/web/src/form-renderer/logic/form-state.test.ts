import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { orderForm } from './fixture-definition';
import { kindsForm } from './fixture-kinds';
import {
  deriveFormState,
  deriveNext,
  initialValues,
  schemaForRender,
  type Derivation,
  type RenderContext,
} from './form-state';

const ctx: RenderContext = { userId: 'u1', deptIds: [], now: new Date('2026-03-01T08:00:00Z'), timeZone: 'UTC' };

describe('visibility rules while typing', () => {
  it('hides the invoice title until an invoice is wanted, and clears what was typed in it', () => {
    const off = deriveFormState(orderForm, { f_customer: 'ACME', f_invoice: false, f_title: 'ACME Ltd' }, ctx);
    expect([...off.hidden]).toEqual(['f_title']);
    expect(off.values).not.toHaveProperty('f_title');

    const on = deriveFormState(orderForm, { f_customer: 'ACME', f_invoice: true, f_title: 'ACME Ltd' }, ctx);
    expect(on.hidden.size).toBe(0);
    expect(on.values.f_title).toBe('ACME Ltd');
  });

  it('keeps a hidden value when the field says keepHiddenValue', () => {
    const keeping: FormDefinition = {
      ...orderForm,
      fields: { ...orderForm.fields, f_title: { ...orderForm.fields.f_title, keepHiddenValue: true } },
    };
    const state = deriveFormState(keeping, { f_title: 'ACME Ltd' }, ctx);
    expect(state.hidden.has('f_title')).toBe(true);
    expect(state.values.f_title).toBe('ACME Ltd');
  });

  it('compares with the signed-in user for rules with a dynamic value', () => {
    const mine: FormDefinition = {
      schema: { type: 'object', properties: { f_owner: { type: 'string' }, f_secret: { type: 'string' } } },
      uiSchema: {},
      fields: {
        f_owner: { kind: 'member', label: 'Owner' },
        f_secret: {
          kind: 'text',
          label: 'Secret',
          visibility: { rel: 'and', cond: [{ field: 'f_owner', method: 'eq', dynamic: 'current_user' }] },
        },
      },
    };
    expect(deriveFormState(mine, { f_owner: 'u1' }, ctx).hidden.has('f_secret')).toBe(false);
    expect(deriveFormState(mine, { f_owner: 'u1' }, { ...ctx, userId: 'u2' }).hidden.has('f_secret')).toBe(true);
  });

  it('hides nothing for a rule naming a field that no longer exists (the server reports it)', () => {
    const broken: FormDefinition = {
      ...orderForm,
      fields: {
        ...orderForm.fields,
        f_note: {
          kind: 'textarea',
          label: 'Note',
          visibility: { rel: 'and', cond: [{ field: 'f_gone', method: 'empty' }] },
        },
      },
    };
    expect(deriveFormState(broken, { f_note: 'x' }, ctx).hidden.has('f_note')).toBe(false);
  });
});

describe('required fields of the rendered schema', () => {
  it('drops hidden fields from properties and required, leaving the others required', () => {
    const schema = schemaForRender(orderForm.schema, new Set(['f_title']));
    expect(schema.required).toEqual(['f_customer']);
    expect(schema.properties).not.toHaveProperty('f_title');
    expect(orderForm.schema.required).toEqual(['f_customer', 'f_title']);
  });

  it('gives the untyped formula property a schema @rjsf/core renders', () => {
    expect(schemaForRender(orderForm.schema, new Set()).properties.f_total).toEqual({ readOnly: true });
  });

  it('checks a subform row count against its min and max rows', () => {
    const schema = schemaForRender(
      { type: 'object', properties: { f_items: { type: 'array', items: { type: 'object' } } } },
      new Set(),
      { f_items: { kind: 'subform', label: 'Items', subform: { minRows: 1, maxRows: 3, fields: {} } } },
    );
    expect(schema.properties.f_items).toMatchObject({ minItems: 1, maxItems: 3 });
  });
});

describe('live formulas', () => {
  it('recomputes the total as price and quantity change', () => {
    expect(deriveFormState(orderForm, { f_price: 12.5, f_qty: 4 }, ctx).values.f_total).toBe(50);
    expect(deriveFormState(orderForm, { f_price: 12.5, f_qty: 5 }, ctx).values.f_total).toBe(62.5);
  });

  it('ignores a total typed by the client and leaves a failed formula empty with its error', () => {
    const dividing: FormDefinition = {
      ...orderForm,
      fields: { ...orderForm.fields, f_total: { kind: 'formula', label: 'Total', formula: '{f_price}/{f_qty}' } },
    };
    const state = deriveFormState(dividing, { f_price: 10, f_qty: 0, f_total: 99 }, ctx);
    expect(state.values.f_total).toBeNull();
    expect(state.formulaErrors.map((e) => [e.path, e.error.code])).toEqual([['f_total', '#DIV/0!']]);
  });
});

describe('defaults of a new record', () => {
  it('applies static values and evaluates formula defaults', () => {
    expect(initialValues(orderForm, ctx)).toEqual({ f_customer: 'Walk-in', f_qty: 2 });
  });

  it('starts a subform with its minimum of empty rows, each with a row id', () => {
    const def: FormDefinition = {
      schema: { type: 'object', properties: { f_items: { type: 'array', items: { type: 'object' } } } },
      uiSchema: {},
      fields: { f_items: { kind: 'subform', label: 'Items', subform: { minRows: 2, fields: {} } } },
    };
    const rows = initialValues(def, ctx).f_items as { _rowId: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[0]._rowId).not.toBe(rows[1]._rowId);
  });

  it('evaluates TODAY() in the user zone', () => {
    const dated: FormDefinition = {
      schema: { type: 'object', properties: { f_day: { type: 'string' } } },
      uiSchema: {},
      fields: { f_day: { kind: 'date', label: 'Day', default: { type: 'formula', formula: 'TODAY()' } } },
    };
    expect(initialValues(dated, { ...ctx, now: new Date('2026-03-01T20:00:00Z'), timeZone: 'Asia/Shanghai' })).toEqual({
      f_day: '2026-03-02',
    });
  });
});

describe('deriving only what a change affects while typing', () => {
  /** Each input in turn through deriveNext, checked against a full derivation of the same input. */
  function typeThrough(definition: FormDefinition, inputs: Record<string, unknown>[], context = ctx) {
    let previous: Derivation | null = null;
    return inputs.map((input) => {
      previous = deriveNext(previous, definition, input, context);
      const full = deriveFormState(definition, input, context);
      expect(previous.state.values).toEqual(full.values);
      expect([...previous.state.hidden]).toEqual([...full.hidden]);
      expect(previous.state.formulaErrors).toEqual(full.formulaErrors);
      return previous.state;
    });
  }

  it('gives what a full derivation gives, as fields that formulas and rules read change or not', () => {
    const states = typeThrough(orderForm, [
      { f_customer: 'A', f_price: 2, f_qty: 3 },
      { f_customer: 'AC', f_price: 2, f_qty: 3 },
      { f_customer: 'AC', f_price: 2, f_qty: 4 },
      { f_customer: 'AC', f_price: 2, f_qty: 4, f_note: 'n' },
      { f_customer: 'AC', f_price: 2, f_qty: 4, f_note: 'n', f_invoice: true },
      { f_customer: 'AC', f_price: 2, f_qty: 4, f_note: 'n', f_invoice: true, f_title: 'T' },
      { f_customer: 'AC', f_price: 2, f_qty: 4, f_note: 'n', f_invoice: false, f_title: 'T' },
      { f_customer: 'ACM', f_price: 2, f_qty: 4, f_note: 'n', f_invoice: false, f_title: 'T' },
      { f_customer: 'ACM', f_price: 2, f_note: 'n', f_invoice: false },
    ]);
    expect(states.map((s) => s.values.f_total)).toEqual([6, 6, 8, 8, 8, 8, 8, 8, 0]);
    expect(states.map((s) => s.hidden.has('f_title'))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(states[7].values).not.toHaveProperty('f_title');
  });

  it('clears a value the host puts into a hidden field', () => {
    const [, second] = typeThrough(orderForm, [{ f_customer: 'A' }, { f_customer: 'A', f_title: 'from a linkage' }]);
    expect(second.values).not.toHaveProperty('f_title');
  });

  it('recomputes subform column formulas and their total when a row changes', () => {
    const rows = (qty: number) => [{ _rowId: 'r1', c_qty: qty, c_price: 2.5 }];
    const states = typeThrough(kindsForm, [
      { f_items: rows(1) },
      { f_items: rows(4) },
      { f_items: rows(4), f_body: 'x' },
    ]);
    expect(states.map((s) => s.values.f_sum)).toEqual([2.5, 10, 10]);
  });

  it('derives everything again for a form whose formula reads the clock', () => {
    const dated: FormDefinition = {
      schema: { type: 'object', properties: { f_day: {}, f_note: { type: 'string' } } },
      uiSchema: {},
      fields: { f_day: { kind: 'formula', label: 'Day', formula: 'TODAY()' }, f_note: { kind: 'text', label: 'Note' } },
    };
    const first = deriveNext(null, dated, { f_note: 'a' }, ctx);
    const nextDay = deriveNext(
      first,
      dated,
      { ...first.state.values, f_note: 'ab' },
      {
        ...ctx,
        now: new Date('2026-03-02T08:00:00Z'),
      },
    );
    expect(nextDay.state.values.f_day).not.toEqual(first.state.values.f_day);
  });

  it('derives everything again for another user (rules comparing with the current user)', () => {
    const mine: FormDefinition = {
      schema: { type: 'object', properties: { f_owner: { type: 'string' }, f_secret: { type: 'string' } } },
      uiSchema: {},
      fields: {
        f_owner: { kind: 'member', label: 'Owner' },
        f_secret: {
          kind: 'text',
          label: 'Secret',
          visibility: { rel: 'and', cond: [{ field: 'f_owner', method: 'eq', dynamic: 'current_user' }] },
        },
      },
    };
    const first = deriveNext(null, mine, { f_owner: 'u1' }, ctx);
    expect(deriveNext(first, mine, { f_owner: 'u1' }, { ...ctx, userId: 'u2' }).state.hidden.has('f_secret')).toBe(
      true,
    );
  });
});
