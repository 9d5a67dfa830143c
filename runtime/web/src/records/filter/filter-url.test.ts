import { describe, expect, it } from 'vitest';
import { errorsAt, nodePath, unplacedErrors } from './filter-errors';
import { readFilter, writeFilter } from './filter-url';

describe('filter in the URL', () => {
  const filter = {
    rel: 'and' as const,
    cond: [
      { field: 'f_stage', method: 'eq' as const, value: 'won' },
      { rel: 'or' as const, cond: [{ field: 'createdBy', method: 'eq' as const, dynamic: 'current_user' as const }] },
    ],
  };

  it('survives a round trip and keeps other parameters', () => {
    const search = writeFilter('?tab=1', filter);
    expect(new URLSearchParams(search).get('tab')).toBe('1');
    expect(readFilter(search)).toEqual(filter);
  });

  it('drops an empty filter and ignores garbage', () => {
    expect(writeFilter('?filter=x', { rel: 'and', cond: [] })).toBe('');
    expect(readFilter('?filter=%7Bnot json')).toBeUndefined();
    expect(readFilter('?filter=%7B%22rel%22%3A%22xor%22%2C%22cond%22%3A%5B1%5D%7D')).toBeUndefined();
  });
});

describe('server errors placed on conditions', () => {
  const details = [
    { path: 'filter.cond[1].cond[0].value', rule: 'type', message: 'must be a number' },
    { path: 'filter.cond[0].method', rule: 'operator', message: 'no like here' },
    { path: 'filter.cond[10].value', rule: 'type', message: 'other' },
    { path: 'filter', rule: 'maxNodes', message: 'too big' },
  ];

  it('gives each condition only its own messages', () => {
    expect(errorsAt(details, nodePath([1, 0])).map((d) => d.message)).toEqual(['must be a number']);
    expect(errorsAt(details, nodePath([0])).map((d) => d.message)).toEqual(['no like here']);
    expect(errorsAt(details, nodePath([1])).map((d) => d.message)).toEqual(['must be a number']);
  });

  it('keeps messages no shown condition claims for the top of the builder', () => {
    expect(unplacedErrors(details, [nodePath([0]), nodePath([1, 0])]).map((d) => d.message)).toEqual([
      'other',
      'too big',
    ]);
  });
});
