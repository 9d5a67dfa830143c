import type { FieldMeta, FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value';
import { serverErrorsToErrorSchema } from './server-errors';
import { buildUiSchema } from './ui-schema';

const yesNo: [string, string] = ['Yes', 'No'];

describe('server errors on fields', () => {
  it('puts data.<field> details under their field and keeps the rest as general messages', () => {
    const { errorSchema, general } = serverErrorsToErrorSchema(
      [
        { path: 'data.f_phone', rule: 'phone', message: 'Must be a mobile number' },
        { path: 'data.f_tags.1', rule: 'option', message: '"x" is not one of the options' },
        { path: 'data.f_phone', rule: 'unique', message: 'Already used' },
        { path: 'baseVersion', rule: 'version', message: 'The current version is 3' },
      ],
      ['f_phone', 'f_tags'],
    );
    expect(errorSchema).toEqual({
      f_phone: { __errors: ['Must be a mobile number', 'Already used'] },
      f_tags: { __errors: ['"x" is not one of the options'] },
    });
    expect(general).toEqual(['The current version is 3']);
  });
});

describe('formatValue', () => {
  const money: FieldMeta = { kind: 'money', label: 'Amount', number: { precision: 2, thousands: true, unit: '元' } };
  const stage: FieldMeta = { kind: 'select', label: 'Stage', options: [{ value: 'won', label: '成交' }] };

  it('shows numbers with precision, thousands and unit, and options by their label', () => {
    expect(formatValue(money, 1234567.5, yesNo)).toBe('1,234,567.50 元');
    expect(formatValue(stage, 'won', yesNo)).toBe('成交');
    expect(formatValue(stage, ['won', 'gone'], yesNo)).toBe('成交, gone');
    expect(formatValue({ kind: 'switch', label: 'VIP' }, false, yesNo)).toBe('No');
  });

  it('shows addresses, locations, rich text and subform rows as one line of text', () => {
    expect(
      formatValue({ kind: 'address', label: 'A' }, { province: '北京市', district: '海淀区', detail: '1 号' }, yesNo),
    ).toBe('北京市 海淀区 1 号');
    expect(formatValue({ kind: 'location', label: 'L' }, { lat: 39.9, lng: 116.4 }, yesNo)).toBe('39.9, 116.4');
    expect(formatValue({ kind: 'richtext', label: 'R' }, '<p>Hello <b>world</b></p><script>x</script>', yesNo)).toBe(
      'Hello world x',
    );
    const items: FieldMeta = {
      kind: 'subform',
      label: 'Items',
      subform: { fields: { c_name: { kind: 'text', label: 'Name' }, c_qty: { kind: 'number', label: 'Qty' } } },
    };
    expect(
      formatValue(
        items,
        [
          { _rowId: 'a', c_name: 'Pen', c_qty: 3 },
          { _rowId: 'b', c_qty: 1 },
        ],
        yesNo,
      ),
    ).toBe('Pen / 3; 1');
  });

  it('treats empty values as empty', () => {
    expect(formatValue(money, null, yesNo)).toBeNull();
    expect(formatValue(stage, [], yesNo)).toBeNull();
    expect(formatValue(undefined, '', yesNo)).toBeNull();
  });
});

describe('buildUiSchema', () => {
  const definition: FormDefinition = {
    schema: { type: 'object', properties: { f_a: { type: 'string' }, f_b: { type: 'string' }, f_c: {} } },
    uiSchema: { f_a: { 'ui:options': { rows: 2 } } },
    fields: {
      f_a: { kind: 'text', label: 'Name', placeholder: 'Your name' },
      f_b: { kind: 'serial', label: 'No.' },
      f_c: { kind: 'signature', label: 'Sign here', hidden: true },
    },
  };

  it('chooses the widget by kind, takes labels from fields and makes computed fields read-only', () => {
    const ui = buildUiSchema(definition) as Record<string, Record<string, unknown>>;
    expect(ui.f_a).toMatchObject({ 'ui:widget': 'text', 'ui:title': 'Name', 'ui:placeholder': 'Your name' });
    expect(ui.f_a['ui:options']).toMatchObject({ rows: 2, kind: 'text' });
    expect(ui.f_b).toMatchObject({ 'ui:widget': 'serial', 'ui:readonly': true });
    expect(ui.f_c['ui:widget']).toBe('hidden');
  });
});
