import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../../api/types';
import { bulkFields, bulkFormulaValues, checkBulkFormula } from './bulk-edit';

const definition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_name: { type: 'string' },
      f_amount: { type: 'number' },
      f_qty: { type: 'number' },
      f_stage: { type: 'string' },
      f_due: { type: 'string', format: 'date' },
    },
  },
  uiSchema: {},
  fields: {
    f_name: { kind: 'text', label: '名称' },
    f_amount: { kind: 'money', label: '金额' },
    f_qty: { kind: 'number', label: '数量' },
    f_stage: {
      kind: 'select',
      label: '阶段',
      options: [
        { value: 'big', label: '大' },
        { value: 'small', label: '小' },
      ],
    },
    f_due: { kind: 'date', label: '到期' },
  },
};
const target = (key: string) => bulkFields(definition).find((f) => f.key === key)!;
const mismatch = (type: string) => `gives ${type}`;
const row = (id: string, data: Record<string, unknown>, version = 1) => ({ id, version, data }) as RecordView;
const clock = { now: new Date('2026-03-01T08:00:00Z'), timeZone: 'Asia/Shanghai' };

describe('checking a bulk-edit formula', () => {
  it('reads field labels and gives the stored formula', () => {
    expect(checkBulkFormula('{金额} * 1.1', definition, target('f_amount'), 'zh-CN', mismatch)).toEqual({
      stored: '{f_amount} * 1.1',
      errors: [],
    });
    expect(checkBulkFormula('  ', definition, target('f_amount'), 'en', mismatch)).toEqual({
      stored: null,
      errors: [],
    });
  });

  it('reports parse, reference and type errors in the UI language, naming fields by label', () => {
    const unknown = checkBulkFormula('{价格} * 2', definition, target('f_amount'), 'en', mismatch);
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors[0]).toContain('价格');
    const broken = checkBulkFormula('SUM({金额}', definition, target('f_amount'), 'zh-CN', mismatch);
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.errors[0]).not.toMatch(/^[A-Za-z]/);
    const typed = checkBulkFormula('{金额} > 100', definition, target('f_qty'), 'en', mismatch);
    expect(typed.errors).toEqual(['gives boolean']);
  });
});

describe('computing a bulk-edit formula per row', () => {
  it('evaluates over each row’s own values and converts to the field’s kind', () => {
    const rows = [row('a', { f_amount: 100, f_qty: 3 }), row('b', { f_amount: 2.5 }), row('c', {})];
    const { values, problems } = bulkFormulaValues(definition, rows, target('f_amount'), '{f_amount} * {f_qty}', clock);
    expect(problems).toEqual([]);
    expect(Object.fromEntries(values)).toEqual({ a: 300, b: 0, c: 0 });
  });

  it('turns text results into options and dates, and blank results into clearing', () => {
    const rows = [row('a', { f_amount: 5000 }), row('b', { f_amount: 10 }), row('c', { f_name: 'x' })];
    const stage = bulkFormulaValues(definition, rows, target('f_stage'), 'IF({f_amount}>1000,"big","small")', clock);
    expect(Object.fromEntries(stage.values)).toEqual({ a: 'big', b: 'small', c: 'small' });
    const due = bulkFormulaValues(definition, rows.slice(0, 1), target('f_due'), 'TODAY()+30', clock);
    expect(due.values.get('a')).toBe('2026-03-31');
    const blank = bulkFormulaValues(definition, rows.slice(2), target('f_name'), 'IF(FALSE,"x","")', clock);
    expect(blank.values.get('c')).toBeNull();
  });

  it('names the rows whose result is an error or does not fit, and computes nothing for them', () => {
    const rows = [
      row('a', { f_amount: 10, f_qty: 0 }),
      row('b', { f_amount: 10, f_qty: 2 }),
      row('c', { f_name: 'huge' }),
    ];
    const { values, problems } = bulkFormulaValues(definition, rows, target('f_amount'), '{f_amount}/{f_qty}', clock);
    expect(problems.map((p) => [p.row.id, p.problem])).toEqual([
      ['a', '#DIV/0!'],
      ['c', '#DIV/0!'],
    ]);
    expect(Object.fromEntries(values)).toEqual({ b: 5 });
    const options = bulkFormulaValues(definition, rows.slice(2), target('f_stage'), '{f_name}', clock);
    expect(options.problems.map((p) => p.problem)).toEqual(['"huge"']);
  });
});
