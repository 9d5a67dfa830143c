import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import {
  copiedValues,
  linkageDefaultsOf,
  linkageFilter,
  linkageSignature,
  linkedValue,
  rowInputs,
  rowLinkageDefaultsOf,
  rowsOf,
  withCell,
} from './record-linkage';

const definition: FormDefinition = {
  schema: { type: 'object', properties: {} },
  uiSchema: {},
  fields: {
    f_product: {
      kind: 'select_data',
      label: 'Product',
      link: {
        formId: 'products',
        displayFields: ['p_code'],
        copy: { p_code: 'f_code', p_price: 'f_price', p_tags: 'f_count', p_gone: 'f_missing', p_no: 'f_serial' },
      },
    },
    f_code: { kind: 'text', label: 'Code' },
    f_price: { kind: 'money', label: 'Price' },
    f_count: { kind: 'number', label: 'Count' },
    f_serial: { kind: 'serial', label: 'No.', serial: { pattern: '{0000}' } },
    f_lookup: { kind: 'text', label: 'Lookup' },
    f_list: {
      kind: 'number',
      label: 'List price',
      default: {
        type: 'linkage',
        formId: 'products',
        condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'f_lookup' } }] },
        sourceField: 'p_price',
      },
    },
  },
};
const productFields = {
  p_code: { kind: 'text', label: 'Code' },
  p_price: { kind: 'text', label: 'Price as text' },
  p_tags: { kind: 'multiselect', label: 'Tags', options: [{ value: 'a', label: 'A' }] },
  p_no: { kind: 'text', label: 'No.' },
};

describe('select-data copying in the player', () => {
  it('copies mapped values converted to this form’s kinds, skipping incompatible, missing and computed targets', () => {
    const picked = { id: 'r1', data: { p_code: 'H-1', p_price: '12.50', p_tags: ['a'], p_no: '7' } };
    expect(copiedValues(definition, 'f_product', picked, productFields)).toEqual({ f_code: 'H-1', f_price: 12.5 });
  });

  it('leaves fields alone whose source value the user may not read', () => {
    const picked = { id: 'r1', data: { p_code: 'H-1' } };
    expect(copiedValues(definition, 'f_product', picked, productFields)).toEqual({ f_code: 'H-1' });
  });
});

describe('data-linkage defaults in the player', () => {
  const [linkage] = linkageDefaultsOf(definition);

  it('lists the linkage with the fields its condition reads', () => {
    expect(linkage).toMatchObject({ key: 'f_list', formId: 'products', sourceField: 'p_price', inputs: ['f_lookup'] });
  });

  it('re-queries only when an input changes, and not while it is empty', () => {
    expect(linkageSignature(linkage, { f_lookup: 'A', f_code: 'x' })).toBe(
      linkageSignature(linkage, { f_lookup: 'A' }),
    );
    expect(linkageSignature(linkage, { f_lookup: 'B' })).not.toBe(linkageSignature(linkage, { f_lookup: 'A' }));
    expect(linkageFilter(linkage, { f_lookup: 'A' })).toEqual({
      rel: 'and',
      cond: [{ field: 'p_code', method: 'eq', value: 'A' }],
    });
    expect(linkageFilter(linkage, {})).toBeNull();
  });

  it('takes the found record’s source value converted to the field’s kind', () => {
    const target = definition.fields.f_list;
    expect(linkedValue({ data: { p_price: '9.5' } }, 'p_price', productFields.p_price, target)).toBe(9.5);
    expect(linkedValue({ data: { p_price: 'n/a' } }, 'p_price', productFields.p_price, target)).toBeUndefined();
    expect(linkedValue(null, 'p_price', productFields.p_price, target)).toBeUndefined();
  });
});

describe('linkage defaults of subform columns', () => {
  const withRows: FormDefinition = {
    schema: { type: 'object', properties: {} },
    uiSchema: {},
    fields: {
      f_currency: { kind: 'text', label: 'Currency' },
      f_items: {
        kind: 'subform',
        label: 'Items',
        subform: {
          fields: {
            c_code: { kind: 'text', label: 'Code' },
            c_price: {
              kind: 'number',
              label: 'Price',
              default: {
                type: 'linkage',
                formId: 'products',
                condition: {
                  rel: 'and',
                  cond: [
                    { field: 'p_code', method: 'eq', valueFrom: { field: 'c_code' } },
                    { field: 'p_currency', method: 'eq', valueFrom: { field: 'f_currency' } },
                  ],
                },
                sourceField: 'p_price',
              },
            },
            c_total: {
              kind: 'formula',
              label: 'Total',
              default: { type: 'linkage', formId: 'x', condition: { rel: 'and', cond: [] }, sourceField: 'y' },
            },
          },
        },
      },
    },
  };

  it('lists the columns with a linkage default (not computed ones) and the inputs they read', () => {
    const found = rowLinkageDefaultsOf(withRows);
    expect(found.map((l) => [l.subform, l.key, l.formId, l.sourceField, l.inputs])).toEqual([
      ['f_items', 'c_price', 'products', 'p_price', ['c_code', 'f_currency']],
    ]);
    expect(found[0].meta.kind).toBe('number');
  });

  it('a row’s condition reads its own cells over the record’s values', () => {
    const [linkage] = rowLinkageDefaultsOf(withRows);
    const values = { f_currency: 'EUR', f_items: [{ _rowId: 'r1', c_code: 'H-1' }, { _rowId: 'r2' }, 'junk'] };
    const rows = rowsOf(values, 'f_items');
    expect(rows.map((r) => r._rowId)).toEqual(['r1', 'r2']);
    expect(linkageFilter(linkage, rowInputs(values, rows[0]))).toEqual({
      rel: 'and',
      cond: [
        { field: 'p_code', method: 'eq', value: 'H-1' },
        { field: 'p_currency', method: 'eq', value: 'EUR' },
      ],
    });
    // An empty input: no query yet.
    expect(linkageFilter(linkage, rowInputs(values, rows[1]))).toBeNull();
    expect(linkageSignature(linkage, rowInputs(values, rows[0]))).not.toBe(
      linkageSignature(linkage, rowInputs(values, rows[1])),
    );
  });

  it('sets or removes one cell of one row, leaving the other rows and a removed row alone', () => {
    const values = {
      f_items: [
        { _rowId: 'r1', c_code: 'A' },
        { _rowId: 'r2', c_price: 3 },
      ],
    };
    const set = withCell(values, 'f_items', 'r1', 'c_price', 7);
    expect(set.f_items).toEqual([{ _rowId: 'r1', c_code: 'A', c_price: 7 }, values.f_items[1]]);
    expect((set.f_items as unknown[])[1]).toBe(values.f_items[1]);
    expect(withCell(values, 'f_items', 'r2', 'c_price', undefined).f_items).toEqual([
      values.f_items[0],
      { _rowId: 'r2' },
    ]);
    expect(withCell(values, 'f_items', 'gone', 'c_price', 1)).toBe(values);
  });
});
