import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';
import { parseFormula } from './parser.js';

const shape = (text: string): unknown => {
  const r = parseFormula(text);
  if (!r.ok) return r.error.code;
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strip);
    if (n && typeof n === 'object') {
      const { start: _s, end: _e, nameEnd: _n, ...rest } = n as Record<string, unknown>;
      return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strip(v)]));
    }
    return n;
  };
  return strip(r.ast);
};

describe('parseFormula', () => {
  it('gives negation precedence over ^, and ^ over * and +', () => {
    expect(shape('-2^2')).toEqual({
      type: 'binary',
      op: '^',
      left: { type: 'unary', op: '-', operand: { type: 'number', value: 2 } },
      right: { type: 'number', value: 2 },
    });
    expect(shape('1+2*3^2')).toMatchObject({ op: '+', right: { op: '*', right: { op: '^' } } });
  });

  it('puts & below + and comparisons below &', () => {
    expect(shape('1+2&3=4')).toMatchObject({ op: '=', left: { op: '&', left: { op: '+' } } });
  });

  it('reads field references, subform columns, strings with doubled quotes and booleans', () => {
    expect(shape('{ f_a }&{f_s.f_c}&"a""b"&true')).toMatchObject({
      left: {
        left: { left: { type: 'field', key: 'f_a' }, right: { key: 'f_s', column: 'f_c' } },
        right: { value: 'a"b' },
      },
      right: { type: 'boolean', value: true },
    });
  });

  it('records source positions for the checker', () => {
    const r = parseFormula('SUM( {a} , 2)');
    expect(r.ok && r.ast).toMatchObject({
      start: 0,
      end: 13,
      nameEnd: 3,
      args: [
        { start: 5, end: 8 },
        { start: 11, end: 12 },
      ],
    });
  });

  it.each([
    ['', 'emptyFormula'],
    ['=', 'emptyFormula'],
    ['1+', 'unexpectedEnd'],
    ['(1', 'missingParen'],
    ['1)', 'unexpectedToken'],
    ['"open', 'unclosedString'],
    ['{open', 'unclosedField'],
    ['{}', 'emptyField'],
    ['1 # 2', 'badCharacter'],
    ['SUM(1,,2)', 'unexpectedToken'],
  ])('rejects %j as %s', (text, code) => {
    expect(shape(text)).toBe(code);
  });

  it('returns the cached tree for the same text', () => {
    expect(parseFormula('{x}*2+1')).toBe(parseFormula('{x}*2+1'));
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const c = new LruCache<string, number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1);
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.size).toBe(2);
  });
});
