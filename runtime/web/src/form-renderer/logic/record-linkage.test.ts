import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { copiedValues, linkageDefaultsOf, linkageFilter, linkageSignature, linkedValue } from './record-linkage';

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
