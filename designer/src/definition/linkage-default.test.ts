import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '@formloom/model';
import { validateFormDefinition } from '@formloom/engine/definitions';
import {
  columnTakesLinkage,
  emptyLinkageDefault,
  rowLinkageFieldOptions,
  valueFieldOptions,
  withColumnDefault,
  type LinkageDefault,
} from './linkage-default.js';
import { addField, emptyDefinition, updateMeta } from './definition-ops.js';

const labels = { row: (l: string) => `本行 · ${l}`, form: (l: string) => `表单 · ${l}` };

const fields: Record<string, FieldMeta> = {
  f_custom: { kind: 'text', label: '客户' },
  f_intro: { kind: 'description', label: '说明' },
  f_items: {
    kind: 'subform',
    label: '明细',
    subform: {
      fields: {
        c_phone: { kind: 'text', label: '电话' },
        c_stage: { kind: 'text', label: '阶段' },
        c_qty: { kind: 'number', label: '数量' },
      },
      minRows: 1,
    },
  },
  f_other: { kind: 'subform', label: '其他明细', subform: { fields: { c_x: { kind: 'text', label: 'X' } } } },
  f_total: { kind: 'number', label: '' },
};

const linkage = (formId: string, their: string, ours: string, sourceField: string): LinkageDefault => ({
  type: 'linkage',
  formId,
  sourceField,
  condition: { rel: 'and', cond: [{ field: their, method: 'eq', valueFrom: { field: ours } }] },
});

describe('the fields a linkage condition may read', () => {
  it('a top-level field reads the other value fields of the form, not layout, subforms or itself', () => {
    expect(valueFieldOptions(fields, 'f_custom')).toEqual([{ value: 'f_total', label: 'f_total' }]);
  });

  it("a column reads the row's other columns then the form's fields, labelled apart, by their plain keys", () => {
    expect(rowLinkageFieldOptions(fields, 'f_items', 'c_stage', labels)).toEqual([
      { value: 'c_phone', label: '本行 · 电话' },
      { value: 'c_qty', label: '本行 · 数量' },
      { value: 'f_custom', label: '表单 · 客户' },
      { value: 'f_total', label: '表单 · f_total' },
    ]);
  });

  it('a top-level key that a column of the row also has is offered once, as the column (the row wins)', () => {
    const clash = { ...fields, c_phone: { kind: 'text', label: '表头电话' } };
    const options = rowLinkageFieldOptions(clash, 'f_items', 'c_stage', labels);
    expect(options.filter((o) => o.value === 'c_phone')).toEqual([{ value: 'c_phone', label: '本行 · 电话' }]);
  });

  it('an unknown subform offers only the form fields', () => {
    expect(rowLinkageFieldOptions(fields, 'f_gone', 'c_stage', labels).map((o) => o.value)).toEqual([
      'f_custom',
      'f_total',
    ]);
  });
});

describe("a column's default", () => {
  const subform = fields.f_items.subform!;

  it('is written into that column only, as the server and the player read it, order kept', () => {
    const d = linkage('form_customers', 'f_phone', 'c_phone', 'f_stage');
    const next = withColumnDefault(subform, 'c_stage', d);
    expect(Object.keys(next.fields)).toEqual(['c_phone', 'c_stage', 'c_qty']);
    expect(next.fields.c_stage).toEqual({ kind: 'text', label: '阶段', default: d });
    expect(next.fields.c_phone).toBe(subform.fields.c_phone);
    expect(next.minRows).toBe(1);
    expect(subform.fields.c_stage.default).toBeUndefined();
  });

  it('is removed by none, leaving no default key behind', () => {
    const withOne = withColumnDefault(subform, 'c_stage', linkage('form_a', 'f_phone', 'f_custom', 'f_stage'));
    const cleared = withColumnDefault(withOne, 'c_stage', undefined);
    expect(cleared.fields.c_stage).toEqual({ kind: 'text', label: '阶段' });
    expect('default' in cleared.fields.c_stage).toBe(false);
  });

  it('for a column that does not exist changes nothing', () => {
    expect(withColumnDefault(subform, 'c_gone', emptyLinkageDefault())).toBe(subform);
  });

  it('is not offered on columns the server computes', () => {
    expect(columnTakesLinkage('text')).toBe(true);
    expect(columnTakesLinkage('formula')).toBe(false);
    expect(columnTakesLinkage('serial')).toBe(false);
  });

  it('starts empty, in the shape the editor fills in', () => {
    expect(emptyLinkageDefault()).toEqual({
      type: 'linkage',
      formId: '',
      sourceField: '',
      condition: { rel: 'and', cond: [] },
    });
  });

  it('keeps the definition valid for the engine once set on a real subform', () => {
    const first = addField(emptyDefinition(), { kind: 'text', label: '客户' }, 0);
    const second = addField(
      first.definition,
      {
        kind: 'subform',
        label: '明细',
        subform: { fields: { c_phone: { kind: 'text', label: '电话' }, c_stage: { kind: 'text', label: '阶段' } } },
      },
      1,
    );
    const d = linkage('form_customers', 'f_phone', 'c_phone', 'f_stage');
    const items = second.definition.fields[second.key].subform!;
    const def = updateMeta(second.definition, second.key, { subform: withColumnDefault(items, 'c_stage', d) });
    expect(validateFormDefinition(def)).toEqual([]);
    expect(def.fields[second.key].subform?.fields.c_stage.default).toEqual(d);
  });
});
