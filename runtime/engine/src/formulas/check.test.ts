import { describe, expect, it } from 'vitest';
import { checkFormula } from './check.js';
import { formulaMessages } from './messages.js';
import { fields } from './test-fixtures.js';

const codes = (formula: string, options = {}) => checkFormula(formula, fields, options).errors.map((e) => e.code);

describe('checkFormula', () => {
  it('accepts a valid formula and infers its result type and references', () => {
    const r = checkFormula('ROUND({f_qty}*{f_price},2)', fields);
    expect(r.errors).toEqual([]);
    expect(r.resultType).toBe('number');
    expect(r.references.sort()).toEqual(['f_price', 'f_qty']);
  });

  it.each([
    ['IF({f_qty}>1,"a","b")', 'text'],
    ['{f_start}+30', 'date'],
    ['{f_end}-{f_start}', 'number'],
    ['{f_qty}>1', 'boolean'],
    ['{f_name}&"x"', 'text'],
    ['{f_items.f_count}*2', 'list'],
    ['TODAY()', 'date'],
  ])('infers %s as %s', (formula, type) => {
    const r = checkFormula(formula, fields);
    expect(r.errors).toEqual([]);
    expect(r.resultType).toBe(type);
  });

  it('reports a syntax error at its position', () => {
    const [e] = checkFormula('SUM(1,2', fields).errors;
    expect(e).toMatchObject({ rule: 'syntax', code: 'missingParen', start: 7, end: 7 });
    const [u] = checkFormula('1 + * 2', fields).errors;
    expect(u).toMatchObject({ code: 'unexpectedToken', start: 4, end: 5, params: { found: '*' } });
    expect(codes('"abc')).toEqual(['unclosedString']);
    expect(codes('')).toEqual(['emptyFormula']);
  });

  it('reports unknown fields, columns and functions with their positions', () => {
    const r = checkFormula('{f_nope}+FOO(1)+{f_items.f_nope}', fields);
    expect(r.errors.map((e) => [e.code, e.start, e.end])).toEqual([
      ['unknownField', 0, 8],
      ['unknownFunction', 9, 12],
      ['unknownColumn', 16, 32],
    ]);
    expect(r.errors[2].message).toBe('The subform "明细" has no column "f_nope"');
  });

  it('asks for a column when a whole subform is referenced, and rejects columns of non-subforms', () => {
    expect(codes('SUM({f_items})')).toEqual(['subformNeedsColumn']);
    expect(codes('{f_qty.x}')).toEqual(['notSubform']);
  });

  it('reports argument counts', () => {
    expect(codes('ROUND()')).toEqual(['tooFewArguments']);
    const [e] = checkFormula('NOT(TRUE,FALSE)', fields).errors;
    expect(e).toMatchObject({ code: 'tooManyArguments', start: 9, end: 14, params: { name: 'NOT', max: '1' } });
  });

  it('reports text where a number is needed, naming the field by its label', () => {
    const [e] = checkFormula('{f_name}*2', fields).errors;
    expect(e).toMatchObject({ rule: 'type', code: 'expectsNumber', start: 0, end: 8 });
    expect(e.message).toBe('{姓名} is text, but * needs a number');
    expect(codes('ROUND("abc",2)')).toEqual(['expectsNumber']);
    expect(codes('"12"*2')).toEqual([]);
    expect(codes('{f_start}+1')).toEqual([]);
  });

  it('reports a list where a single value is needed', () => {
    expect(codes('ROUND({f_items.f_unit},1)')).toEqual(['expectsSingleValue']);
    expect(codes('SUM({f_items.f_unit})')).toEqual([]);
  });

  it('treats a subform column as one value inside that subform’s column formula', () => {
    expect(codes('ROUND({f_items.f_unit}*{f_items.f_count},2)', { rowOf: 'f_items' })).toEqual([]);
  });

  it('reports a formula that refers to its own field', () => {
    expect(codes('{f_qty}+1', { self: 'f_qty' })).toEqual(['selfReference']);
  });

  it('checks display text with labels, positions referring to that text', () => {
    const r = checkFormula('{数量}*{单价}+{明细.数量}*0+{不存在}', fields, { references: 'label' });
    expect(r.errors.map((e) => [e.code, e.params.name, e.start])).toEqual([['unknownField', '不存在', 20]]);
    expect(r.references.sort()).toEqual(['f_items.f_count', 'f_price', 'f_qty'].sort());
  });

  it('localises messages through a translator', () => {
    const [e] = checkFormula('{f_name}*2', fields, { t: formulaMessages('zh-CN') }).errors;
    expect(e.message).toBe('{姓名} 是文本，但 * 需要数字');
    const custom = checkFormula('FOO()', fields, { t: (code, params) => `${code}:${params.name}` });
    expect(custom.errors[0].message).toBe('unknownFunction:FOO');
  });
});

describe('checkFormula with formula fields', () => {
  const withFormulas = {
    ...fields,
    f_total: { kind: 'formula', label: '合计', formula: '{f_qty}*{f_price}' },
    f_title: { kind: 'formula', label: '标题', formula: '"订单"&{f_name}' },
    f_loop: { kind: 'formula', label: '循环', formula: '{f_loop2}+1' },
    f_loop2: { kind: 'formula', label: '循环2', formula: '{f_loop}+1' },
  };

  it('infers a formula field’s type from its own formula', () => {
    expect(checkFormula('{f_total}*2', withFormulas).errors).toEqual([]);
    expect(checkFormula('{f_total}', withFormulas).resultType).toBe('number');
    expect(checkFormula('{f_title}*2', withFormulas).errors.map((e) => e.message)).toEqual([
      '{标题} is text, but * needs a number',
    ]);
  });

  it('stops inferring at a cycle', () => {
    expect(checkFormula('{f_loop}', withFormulas).resultType).toBe('any');
  });
});
