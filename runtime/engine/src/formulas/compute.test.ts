import { describe, expect, it } from 'vitest';
import { computeFormulaFields, type FormulaFieldMeta, formulaDefinitionIssues } from './compute.js';

const order: Record<string, FormulaFieldMeta> = {
  price: { kind: 'number', label: '单价' },
  qty: { kind: 'number', label: '数量' },
  // Declared before what it reads: order comes from dependencies, not from the definition.
  total: { kind: 'formula', label: '合计', formula: '{subtotal}+{tax}' },
  tax: { kind: 'formula', label: '税', formula: 'ROUND({subtotal}*0.13,2)' },
  subtotal: { kind: 'formula', label: '小计', formula: '{price}*{qty}+SUM({lines.amount})' },
  lines: {
    kind: 'subform',
    label: '明细',
    subform: {
      fields: {
        unit: { kind: 'number', label: '单价' },
        n: { kind: 'number', label: '数量' },
        amount: { kind: 'formula', label: '金额', formula: '{lines.unit}*{lines.n}' },
      },
    },
  },
  due: { kind: 'formula', label: '到期', formula: 'TODAY()+30' },
};

describe('computeFormulaFields', () => {
  it('fills formula fields and subform formula columns in dependency order', () => {
    const { values, errors } = computeFormulaFields(
      order,
      {
        price: 10,
        qty: 2,
        total: 999, // a client-sent value is recomputed
        lines: [
          { _id: 'a', unit: 1.5, n: 2 },
          { _id: 'b', unit: 2, n: 3 },
        ],
      },
      { now: new Date('2024-01-31T18:00:00Z'), timeZone: 'Asia/Shanghai' },
    );
    expect(errors).toEqual([]);
    expect(values).toMatchObject({
      subtotal: 29,
      tax: 3.77,
      total: 32.77,
      due: '2024-03-02',
      lines: [
        { _id: 'a', amount: 3 },
        { _id: 'b', amount: 6 },
      ],
    });
  });

  it('stores null for a failing formula, reports it, and propagates the error to its readers', () => {
    const { values, errors } = computeFormulaFields(
      {
        a: { kind: 'number' },
        ratio: { kind: 'formula', formula: '1/{a}' },
        pct: { kind: 'formula', formula: '{ratio}*100' },
      },
      { a: 0 },
    );
    expect(values).toMatchObject({ ratio: null, pct: null });
    expect(errors.map((e) => [e.path, e.error.code])).toEqual([
      ['ratio', '#DIV/0!'],
      ['pct', '#DIV/0!'],
    ]);
  });

  it('marks every member of a circular reference as #REF! instead of looping', () => {
    const { values, errors } = computeFormulaFields(
      { x: { kind: 'formula', formula: '{y}+1' }, y: { kind: 'formula', formula: '{x}+1' } },
      { x: 5, y: 6 },
    );
    expect(values).toEqual({ x: null, y: null });
    expect(errors.map((e) => e.error.code)).toEqual(['#REF!', '#REF!']);
  });
});

describe('formulaDefinitionIssues', () => {
  it('names the field path and rule of each problem', () => {
    const issues = formulaDefinitionIssues({
      a: { kind: 'number', label: 'A' },
      bad: { kind: 'formula', formula: 'SUM({a}' },
      ghost: { kind: 'formula', formula: '{missing}*2' },
      d: { kind: 'number', default: { type: 'formula', formula: 'FOO()' } },
      p: { kind: 'formula', formula: '{q}' },
      q: { kind: 'formula', formula: '{p}' },
    });
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['fields.bad.formula', 'formula.missingParen'],
      ['fields.ghost.formula', 'formula.unknownField'],
      ['fields.d.default.formula', 'formula.unknownFunction'],
      ['fields.p.formula', 'formula.circularReference'],
    ]);
  });

  it('has nothing to say about a valid definition', () => {
    expect(formulaDefinitionIssues(order)).toEqual([]);
  });
});
