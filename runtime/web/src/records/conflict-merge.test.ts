import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../api/types';
import { conflictRows, defaultChoices, mergeRecord } from './conflict-merge';

const definition: FormDefinition = {
  schema: {
    type: 'object',
    properties: { f_title: {}, f_price: {}, f_qty: {}, f_total: {}, f_note: {} },
  },
  uiSchema: { 'ui:order': ['f_title', 'f_price', 'f_qty', 'f_total', 'f_note', '*'] },
  fields: {
    f_title: { kind: 'text', label: '标题' },
    f_price: { kind: 'money', label: '单价' },
    f_qty: { kind: 'number', label: '数量' },
    f_total: { kind: 'formula', label: '金额', formula: '{f_qty}*{f_price}' },
    f_note: { kind: 'textarea', label: '备注' },
  },
};
const base = { f_title: '备货', f_price: 25, f_qty: 10, f_total: 250, f_note: '旧备注' };

describe('merging two edits of a record', () => {
  it('lists the differing fields with who changed them, leaving computed fields to the server', () => {
    const mine = { ...base, f_title: '备货（加急）', f_note: '我的备注' };
    const theirs = { ...base, f_price: 26, f_total: 260, f_note: '他们的备注' };
    expect(conflictRows(definition, base, mine, theirs)).toEqual([
      { key: 'f_title', label: '标题', changedByMe: true, changedByThem: false },
      { key: 'f_price', label: '单价', changedByMe: false, changedByThem: true },
      { key: 'f_note', label: '备注', changedByMe: true, changedByThem: true },
    ]);
  });

  it('keeps my changes and their changes by default, and mine where both changed', () => {
    const mine = { ...base, f_title: '备货（加急）', f_note: '我的备注' };
    const theirs = { ...base, f_price: 26, f_total: 260, f_note: '他们的备注' };
    const choices = defaultChoices(conflictRows(definition, base, mine, theirs));
    expect(choices).toEqual({ f_title: 'mine', f_price: 'theirs', f_note: 'mine' });
    expect(mergeRecord(theirs, mine, choices)).toEqual({ ...theirs, f_title: '备货（加急）', f_note: '我的备注' });
    expect(mergeRecord(theirs, mine, { ...choices, f_note: 'theirs' }).f_note).toBe('他们的备注');
  });

  it('sends a value I cleared as null so the merge clears it', () => {
    const mine: Record<string, unknown> = { ...base };
    delete mine.f_note;
    const theirs = { ...base, f_price: 26 };
    const rows = conflictRows(definition, base, mine, theirs);
    expect(rows.map((r) => r.key)).toEqual(['f_price', 'f_note']);
    expect(mergeRecord(theirs, mine, defaultChoices(rows))).toEqual({ ...theirs, f_note: null });
  });
});
