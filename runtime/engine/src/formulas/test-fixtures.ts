/**
 * A small form used by the formula tests: one field of most kinds, a subform, and a record.
 * Kept out of the test files so the table, checker and compute tests read the same form.
 */
import type { FormulaFieldMeta } from './compute.js';

export const fields: Record<string, FormulaFieldMeta> = {
  f_amount: { kind: 'money', label: '金额' },
  f_qty: { kind: 'number', label: '数量' },
  f_price: { kind: 'number', label: '单价' },
  f_zero: { kind: 'number', label: '零' },
  f_empty: { kind: 'number', label: '空值' },
  f_name: { kind: 'text', label: '姓名' },
  f_note: { kind: 'textarea', label: '备注' },
  f_num_text: { kind: 'text', label: '数字文本' },
  f_start: { kind: 'date', label: '开始日期' },
  f_end: { kind: 'date', label: '结束日期' },
  f_due: { kind: 'date', label: '到期日' },
  f_at: { kind: 'datetime', label: '提交时间' },
  f_done: { kind: 'switch', label: '已完成' },
  f_tags: { kind: 'checkbox', label: '标签' },
  f_items: {
    kind: 'subform',
    label: '明细',
    subform: {
      fields: {
        f_product: { kind: 'text', label: '产品' },
        f_unit: { kind: 'number', label: '单价' },
        f_count: { kind: 'number', label: '数量' },
      },
    },
  },
};

export const values: Record<string, unknown> = {
  f_amount: 1234.5,
  f_qty: 3,
  f_price: 19.99,
  f_zero: 0,
  f_empty: null,
  f_name: '张三',
  f_note: '  hello   world  ',
  f_num_text: '42',
  f_start: '2024-01-31',
  f_end: '2024-03-01',
  f_due: '2024-02-29',
  f_at: '2024-06-15T01:30:00Z',
  f_done: true,
  f_tags: ['红', '蓝'],
  f_items: [
    { _id: 'r1', f_product: '苹果', f_unit: 2.5, f_count: 4 },
    { _id: 'r2', f_product: '香蕉', f_unit: 1.2, f_count: 10 },
    { _id: 'r3', f_product: '苹果', f_unit: 3, f_count: null },
  ],
};

/** 2024-06-15 20:00 UTC is 2024-06-16 04:00 in Shanghai: TODAY() there is the 16th. */
export const now = new Date('2024-06-15T20:00:00Z');
export const timeZone = 'Asia/Shanghai';
