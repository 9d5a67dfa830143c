import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '../definitions/validate-form-definition.js';

const definition = (fields: FormDefinition['fields'], types: Record<string, object>): FormDefinition => ({
  schema: { type: 'object', properties: types as FormDefinition['schema']['properties'] },
  uiSchema: {},
  fields,
});

describe('definitions with links to other forms', () => {
  it('accepts select-data copies into fillable fields and linkage conditions reading this form', () => {
    const def = definition(
      {
        f_pick: {
          kind: 'select_data',
          label: 'Pick',
          link: { formId: 'products', displayFields: [], copy: { p_code: 'f_code' } },
        },
        f_code: { kind: 'text', label: 'Code' },
        f_price: {
          kind: 'number',
          label: 'Price',
          default: {
            type: 'linkage',
            formId: 'products',
            sourceField: 'p_price',
            condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'f_code' } }] },
          },
        },
      },
      { f_pick: { type: 'string' }, f_code: { type: 'string' }, f_price: { type: 'number' } },
    );
    expect(validateFormDefinition(def)).toEqual([]);
  });

  it('names copies into unknown or computed fields, and linkage conditions reading unknown fields', () => {
    const def = definition(
      {
        f_pick: {
          kind: 'select_data',
          label: 'Pick',
          link: {
            formId: 'products',
            displayFields: [],
            copy: { p_code: 'f_nope', p_total: 'f_total', 'P-X': 'f_pick' },
          },
        },
        f_total: { kind: 'formula', label: 'Total', formula: '1' },
        f_price: {
          kind: 'number',
          label: 'Price',
          default: {
            type: 'linkage',
            formId: '',
            sourceField: 'p_price',
            condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'f_gone' } }] },
          },
        },
      },
      { f_pick: { type: 'string' }, f_total: {}, f_price: { type: 'number' } },
    );
    expect(validateFormDefinition(def).map((e) => `${e.path}:${e.rule}`)).toEqual([
      'fields.f_pick.link.copy.p_code:unknownField',
      'fields.f_pick.link.copy.p_total:unknownField',
      'fields.f_pick.link.copy.P-X:pattern',
      'fields.f_pick.link.copy.P-X:self',
      'fields.f_price.default.formId:required',
      'fields.f_price.default.condition.cond.0.valueFrom.field:unknownField',
    ]);
  });

  describe('on subform columns', () => {
    /** Items rows with a code and a stage looked up in the stages form; `stage` overrides the stage column's default. */
    const withColumnDefault = (stage: Record<string, unknown>): FormDefinition =>
      definition(
        {
          f_customer: { kind: 'text', label: 'Customer' },
          items: {
            kind: 'subform',
            label: 'Items',
            subform: {
              fields: {
                code: { kind: 'text', label: 'Code' },
                stage: {
                  kind: 'text',
                  label: 'Stage',
                  default: {
                    type: 'linkage',
                    formId: 'stages',
                    sourceField: 's_name',
                    condition: {
                      rel: 'and',
                      cond: [
                        { field: 's_code', method: 'eq', valueFrom: { field: 'code' } },
                        { field: 's_customer', method: 'eq', valueFrom: { field: 'f_customer' } },
                      ],
                    },
                    ...stage,
                  } as never,
                },
              },
            },
          },
        },
        { f_customer: { type: 'string' }, items: { type: 'array', items: { type: 'object' } } },
      );
    const rulesOf = (def: FormDefinition) => validateFormDefinition(def).map((e) => `${e.path}:${e.rule}`);
    const at = 'fields.items.subform.fields.stage.default';
    const reading = (field: string) => ({
      condition: { rel: 'and', cond: [{ field: 's_code', method: 'eq', valueFrom: { field } }] },
    });

    it('accepts a default whose condition reads a column of the row and a field of the form', () => {
      expect(validateFormDefinition(withColumnDefault({}))).toEqual([]);
    });

    it('names the column and the rule of an empty form or source field', () => {
      expect(rulesOf(withColumnDefault({ formId: '' }))).toEqual([`${at}.formId:required`]);
      expect(rulesOf(withColumnDefault({ sourceField: '' }))).toEqual([`${at}.sourceField:required`]);
      expect(rulesOf(withColumnDefault({ sourceField: 'not a key' }))).toEqual([`${at}.sourceField:required`]);
    });

    it('refuses a condition reading neither another column of the row nor a field of the form', () => {
      for (const field of ['f_gone', 'stage', 'items'])
        expect(rulesOf(withColumnDefault(reading(field))), field).toEqual([
          `${at}.condition.cond.0.valueFrom.field:unknownRowField`,
        ]);
      expect(rulesOf(withColumnDefault({ condition: [] }))).toEqual([`${at}.condition:type`]);
    });
  });
});
