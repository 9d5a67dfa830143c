import type { LinkageCondition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { linkageInputs, resolveLinkageCondition } from './linkage-condition.js';

const condition: LinkageCondition = {
  rel: 'and',
  cond: [
    { field: 'p_code', method: 'eq', valueFrom: { field: 'f_product' } },
    { rel: 'or', cond: [{ field: 'p_region', method: 'in', valueFrom: { field: 'f_region' } }] },
    { field: 'p_active', method: 'eq', value: true },
  ],
};

describe('linkage conditions', () => {
  it('lists the fields of this form the condition reads', () => {
    expect(linkageInputs(condition)).toEqual(['f_product', 'f_region']);
  });

  it('puts the current values in place of valueFrom (a list for in)', () => {
    expect(resolveLinkageCondition(condition, { f_product: 'A-1', f_region: 'north' })).toEqual({
      rel: 'and',
      cond: [
        { field: 'p_code', method: 'eq', value: 'A-1' },
        { rel: 'or', cond: [{ field: 'p_region', method: 'in', value: ['north'] }] },
        { field: 'p_active', method: 'eq', value: true },
      ],
    });
  });

  it('yields nothing while a field it reads is empty', () => {
    expect(resolveLinkageCondition(condition, { f_product: 'A-1', f_region: '' })).toBeNull();
    expect(resolveLinkageCondition(condition, { f_region: ['x'] })).toBeNull();
  });
});
