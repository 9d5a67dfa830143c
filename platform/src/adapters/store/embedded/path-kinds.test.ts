import { describe, expect, it } from 'vitest';
import { collectPathKinds, PathKindRegistry } from './path-kinds.js';

describe('PathKindRegistry.addDocument', () => {
  it('records the same pairs as collectPathKinds and reports only what is new', () => {
    const doc = { _id: 'a', n: 1, tags: ['x'], addr: { city: 'Paris', geo: { lat: 1 } }, 'bad key': 1, nil: null };
    const registry = new PathKindRegistry();
    expect(registry.addDocument(doc)).toEqual(collectPathKinds(doc));
    expect(registry.addDocument({ _id: 'b', n: 2, addr: { city: 'Rome' } })).toEqual([]);
    expect(registry.addDocument({ _id: 'c', n: 'two', addr: { city: ['Rome'] } })).toEqual([
      ['n', 'string'],
      ['addr.city', 'array'],
    ]);
    expect(registry.arrayAtOrAbove('addr.city')).toBe(true);
  });
});
