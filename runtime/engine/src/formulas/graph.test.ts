import { describe, expect, it } from 'vitest';
import { checkFormulaGraph, referencedFields } from './graph.js';

describe('referencedFields', () => {
  it('lists fields and subform columns once each', () => {
    expect(referencedFields('{a}+{a}*SUM({s.c})')).toEqual(['a', 's.c']);
    expect(referencedFields('SUM(')).toEqual([]);
  });
});

describe('checkFormulaGraph', () => {
  it('orders formulas after the formulas they read', () => {
    const g = checkFormulaGraph({ total: '{subtotal}+{tax}', tax: '{subtotal}*0.1', subtotal: '{price}*{qty}' });
    expect(g.cycles).toEqual([]);
    expect(g.order).toEqual(['subtotal', 'tax', 'total']);
  });

  it('finds cycles, including self-references, and leaves their members out of the order', () => {
    const g = checkFormulaGraph({ a: '{b}+1', b: '{c}+1', c: '{a}+1', d: '{d}', e: '{x}+1', f: '{a}' });
    expect(g.cycles.map((c) => [...c].sort())).toEqual([['a', 'b', 'c'], ['d']]);
    expect(g.order).toEqual(['e', 'f']);
  });

  it('follows subform column formulas', () => {
    const g = checkFormulaGraph({ 'items.line': '{items.qty}*{items.price}', total: 'SUM({items.line})' });
    expect(g.order).toEqual(['items.line', 'total']);
    const cyc = checkFormulaGraph({ 'items.line': '{total}', total: 'SUM({items.line})' });
    expect(cyc.cycles.map((c) => [...c].sort())).toEqual([['items.line', 'total']]);
  });
});
