import type { Condition, ConditionContext, FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { compileCondition } from './compile-condition.js';
import { evaluateCondition, filterMatcher } from './evaluate-condition.js';
import { fieldCatalogue } from './field-catalogue.js';
import { validateCondition } from './validate-condition.js';

const def: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_name: { type: 'string' },
      f_amount: { type: 'number' },
      f_stage: { type: 'string' },
      f_tags: { type: 'array', items: { type: 'string' } },
      f_due: { type: 'string', format: 'date' },
      f_at: { type: 'string', format: 'date-time' },
      f_secret: { type: 'string' },
      f_rep: { type: 'string' },
    },
  },
  uiSchema: {},
  fields: {
    f_name: { kind: 'text', label: 'Name' },
    f_amount: { kind: 'money', label: 'Amount' },
    f_stage: { kind: 'select', label: 'Stage', options: [{ value: 'won', label: 'Won' }] },
    f_tags: { kind: 'multiselect', label: 'Tags', allowOther: true },
    f_due: { kind: 'date', label: 'Due' },
    f_at: { kind: 'datetime', label: 'At' },
    f_secret: { kind: 'text', label: 'Secret' },
    f_rep: { kind: 'member', label: 'Rep' },
    s_1: { kind: 'section', label: 'Section' },
  },
};

const fields = fieldCatalogue(def, { readable: new Set(Object.keys(def.fields).filter((k) => k !== 'f_secret')) });
// 2026-11-23 is a Monday; 01:30 UTC is already 09:30 in Shanghai.
const ctx: ConditionContext = {
  userId: 'u1',
  deptIds: ['d1'],
  now: new Date('2026-11-23T01:30:00Z'),
  timeZone: 'Asia/Shanghai',
};

const records = [
  {
    _id: 'a',
    _owner: 'u1',
    _ownerDept: 'd1',
    _createdAt: '2026-11-22T17:00:00.000Z',
    f_name: 'Acme (Asia) Ltd',
    f_amount: 100,
    f_stage: 'won',
    f_tags: ['vip', 'new'],
    f_due: '2026-11-23',
    f_at: '2026-11-22T16:30:00.000Z',
    f_rep: 'u1',
  },
  {
    _id: 'b',
    _owner: 'u2',
    _ownerDept: 'd2',
    _createdAt: '2026-11-20T00:00:00.000Z',
    f_name: 'Beta',
    f_amount: 5000,
    f_stage: 'lost',
    f_tags: [],
    f_due: '2026-11-30',
    f_at: '2026-11-22T15:59:59.000Z',
    f_rep: 'u2',
  },
  {
    _id: 'c',
    _owner: 'u1',
    _ownerDept: 'd2',
    _createdAt: '2026-10-01T00:00:00.000Z',
    f_name: '',
    f_amount: 20000,
    f_due: '2026-12-01',
  },
];

const match = (cond: Condition) => {
  const test = filterMatcher(compileCondition(cond, fields, ctx));
  return records.filter((r) => test(r)).map((r) => r._id);
};
const leaf = (field: string, method: string, extra: Record<string, unknown> = {}) =>
  ({ rel: 'and', cond: [{ field, method, ...extra }] }) as Condition;

describe('condition language: matches', () => {
  const table: Array<[string, Condition, string[]]> = [
    ['eq', leaf('f_stage', 'eq', { value: 'won' }), ['a']],
    ['ne includes missing', leaf('f_stage', 'ne', { value: 'won' }), ['b', 'c']],
    ['in', leaf('f_stage', 'in', { value: ['won', 'lost'] }), ['a', 'b']],
    ['nin', leaf('f_stage', 'nin', { value: ['won'] }), ['b', 'c']],
    ['gt', leaf('f_amount', 'gt', { value: 100 }), ['b', 'c']],
    ['lte', leaf('f_amount', 'lte', { value: 5000 }), ['a', 'b']],
    ['range both ends', leaf('f_amount', 'range', { value: [100, 5000] }), ['a', 'b']],
    ['range open end', leaf('f_amount', 'range', { value: [5000, null] }), ['b', 'c']],
    ['like is literal and case-insensitive', leaf('f_name', 'like', { value: '(asia)' }), ['a']],
    ['like with regex characters', leaf('f_name', 'like', { value: '.*' }), []],
    ['empty text', leaf('f_name', 'empty'), ['c']],
    ['not_empty text', leaf('f_name', 'not_empty'), ['a', 'b']],
    ['empty array', leaf('f_tags', 'empty'), ['b', 'c']],
    ['not_empty array', leaf('f_tags', 'not_empty'), ['a']],
    ['array eq contains', leaf('f_tags', 'eq', { value: 'vip' }), ['a']],
    ['date eq today (Shanghai)', leaf('f_due', 'eq', { dynamic: 'today' }), ['a']],
    ['date this_week (Monday to Sunday)', leaf('f_due', 'eq', { dynamic: 'this_week' }), ['a']],
    ['date this_month', leaf('f_due', 'eq', { dynamic: 'this_month' }), ['a', 'b']],
    ['date after this month', leaf('f_due', 'gt', { dynamic: 'this_month' }), ['c']],
    ['datetime today in zone', leaf('f_at', 'eq', { dynamic: 'today' }), ['a']],
    ['datetime yesterday in zone', leaf('f_at', 'eq', { dynamic: 'yesterday' }), ['b']],
    ['system createdAt before now', leaf('createdAt', 'lt', { dynamic: 'now' }), ['a', 'b', 'c']],
    ['owner is current user', leaf('owner', 'eq', { dynamic: 'current_user' }), ['a', 'c']],
    ['ownerDept in my departments', leaf('ownerDept', 'in', { dynamic: 'current_dept' }), ['a']],
    ['member ne current user', leaf('f_rep', 'ne', { dynamic: 'current_user' }), ['b', 'c']],
    [
      'nested groups',
      {
        rel: 'or',
        cond: [
          { field: 'f_stage', method: 'eq', value: 'won' },
          {
            rel: 'and',
            cond: [
              { field: 'f_amount', method: 'gte', value: 10000 },
              { field: 'owner', method: 'eq', value: 'u1' },
            ],
          },
        ],
      },
      ['a', 'c'],
    ],
    ['empty group matches all', { rel: 'and', cond: [] }, ['a', 'b', 'c']],
  ];
  it.each(table)('%s', (_name, cond, expected) => {
    expect(match(cond)).toEqual(expected);
  });

  it('maps system fields to their stored names', () => {
    expect(compileCondition(leaf('createdAt', 'gte', { value: '2026-01-01T08:00:00+08:00' }), fields, ctx)).toEqual({
      _createdAt: { $gte: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('evaluates like the compiled filter', () => {
    expect(evaluateCondition(leaf('f_amount', 'gt', { value: 50 }), records[0], fields, ctx)).toBe(true);
    expect(evaluateCondition(leaf('f_amount', 'gt', { value: 500 }), records[0], fields, ctx)).toBe(false);
  });

  it('resolves current_user with no user to nothing', () => {
    const anonymous = { ...ctx, userId: null };
    const test = filterMatcher(compileCondition(leaf('owner', 'eq', { dynamic: 'current_user' }), fields, anonymous));
    expect(records.filter((r) => test(r))).toEqual([]);
  });
});

describe('condition language: rejections', () => {
  const rejects = (cond: unknown) => {
    const errors = validateCondition(cond, fields, 'filter');
    expect(errors.length).toBeGreaterThan(0);
    expect(() => compileCondition(cond, fields, ctx, { path: 'filter' })).toThrowError(/Invalid condition/);
    return errors;
  };

  it('names the path and rule of a bad method', () => {
    expect(rejects(leaf('f_amount', 'like', { value: 'x' }))[0]).toMatchObject({
      path: 'filter.cond[0].method',
      rule: 'operator',
    });
  });

  it('refuses unreadable and unknown fields', () => {
    expect(rejects(leaf('f_secret', 'eq', { value: 'x' }))[0].rule).toBe('unknownField');
    expect(rejects(leaf('s_1', 'empty'))[0].rule).toBe('unknownField');
    expect(rejects(leaf('_owner', 'eq', { value: 'x' }))[0].rule).toBe('unknownField');
  });

  it('refuses values of the wrong shape', () => {
    expect(rejects(leaf('f_amount', 'eq', { value: '100' }))[0].path).toBe('filter.cond[0].value');
    expect(rejects(leaf('f_due', 'eq', { value: '23/11/2026' }))[0].rule).toBe('type');
    expect(rejects(leaf('f_amount', 'range', { value: [null, null] }))[0].rule).toBe('type');
    expect(rejects(leaf('f_stage', 'in', { value: [] }))[0].rule).toBe('type');
    expect(rejects(leaf('f_name', 'empty', { value: 'x' }))[0].rule).toBe('unexpected');
    expect(rejects(leaf('f_stage', 'eq', { dynamic: 'today' }))[0].rule).toBe('enum');
    expect(rejects(leaf('f_due', 'range', { dynamic: 'today' }))[0].rule).toBe('operator');
  });

  it('limits depth and size', () => {
    let deep: Condition = { rel: 'and', cond: [] };
    for (let i = 0; i < 8; i++) deep = { rel: 'and', cond: [deep] };
    expect(rejects(deep).some((e) => e.rule === 'maxDepth')).toBe(true);
    const wide = {
      rel: 'or',
      cond: Array.from({ length: 250 }, () => ({ field: 'f_name', method: 'eq', value: 'x' })),
    };
    expect(rejects(wide).some((e) => e.rule === 'maxNodes')).toBe(true);
  });

  const injections: Array<[string, unknown]> = [
    ['$where at the root', { $where: 'sleep(1000)' }],
    ['$where in a group', { rel: 'and', cond: [], $where: '1' }],
    ['$expr leaf', { rel: 'and', cond: [{ $expr: { $gt: ['$f_amount', 0] } }] }],
    ['$ne as value', leaf('f_name', 'eq', { value: { $ne: null } })],
    ['$gt as value', leaf('f_amount', 'gt', { value: { $gt: 0 } })],
    ['$regex as value', leaf('f_name', 'like', { value: { $regex: '.*' } })],
    ['nested operator in list', leaf('f_stage', 'in', { value: [{ $ne: 'x' }] })],
    ['nested array in list', leaf('f_stage', 'in', { value: [['won']] })],
    ['operator as field', leaf('$where', 'eq', { value: '1' })],
    ['operator path as field', leaf('f_name.$ne', 'eq', { value: '1' })],
    ['dotted field', leaf('f_name.length', 'eq', { value: 1 })],
    ['operator as method', leaf('f_name', '$ne', { value: '1' })],
    ['operator as rel', { rel: '$or', cond: [] }],
    [
      'extra operator key in leaf',
      { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: 'x', $options: 'i' }] },
    ],
    ['__proto__ key', JSON.parse('{"rel":"and","cond":[],"__proto__":{"polluted":true}}')],
    [
      '__proto__ in leaf',
      JSON.parse('{"rel":"and","cond":[{"field":"f_name","method":"eq","value":"x","__proto__":{}}]}'),
    ],
    ['constructor field', leaf('constructor', 'eq', { value: 'x' })],
    ['prototype key', { rel: 'and', cond: [{ prototype: {}, field: 'f_name', method: 'empty' }] }],
    ['__proto__ field', leaf('__proto__', 'eq', { value: 'x' })],
    ['object in range', leaf('f_amount', 'range', { value: [{ $gt: 0 }, null] })],
    ['dynamic object', leaf('owner', 'eq', { dynamic: { $ne: null } })],
    ['cond not an array', { rel: 'and', cond: { $ne: null } }],
    ['leaf at the root', { field: 'f_name', method: 'eq', value: 'x' }],
    ['array root', [{ rel: 'and', cond: [] }]],
    ['string root', '{"$where":"1"}'],
  ];
  it.each(injections)('rejects %s', (_name, cond) => {
    rejects(cond);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
