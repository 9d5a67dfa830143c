import { describe, expect, it } from 'vitest';
import { guessMapping } from './guess-mapping';

describe('import column mapping guess', () => {
  const fields = [
    { key: 'f_name', label: '客户名称' },
    { key: 'f_amount', label: 'Expected amount' },
  ];

  it('maps headers equal to a label or key, each field once, and leaves the rest unmapped', () => {
    const columns = [
      { index: 0, header: ' 客户名称 ' },
      { index: 1, header: 'expected  AMOUNT' },
      { index: 2, header: 'Created at' },
      { index: 3, header: 'f_name' },
    ];
    expect(guessMapping(columns, fields)).toEqual({ '0': 'f_name', '1': 'f_amount' });
  });
});
