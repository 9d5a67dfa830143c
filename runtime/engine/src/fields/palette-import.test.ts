import { FIELD_KINDS } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { createFieldKindRegistry, importCellType, paletteGroups } from './registry.js';

const rating = {
  kind: 'acme.rating',
  jsonSchema: () => ({ type: 'number' }),
  methods: ['eq'],
  sortable: true,
  importAs: 'number' as const,
};

describe('kind lists derived from the registry', () => {
  it('puts every built-in kind in the palette once, in the order users know, layout kinds last', () => {
    const groups = paletteGroups(createFieldKindRegistry());
    expect(groups.map((g) => g.id)).toEqual(['basic', 'advanced', 'layout']);
    expect(groups.flatMap((g) => g.kinds)).toEqual([...FIELD_KINDS]);
    expect(groups[0].kinds.slice(0, 3)).toEqual(['text', 'textarea', 'number']);
    expect(groups[2].kinds).toEqual(['section', 'divider', 'description']);
  });

  it('shows a plugin kind in the palette and lets the import fill it', () => {
    const registry = createFieldKindRegistry();
    expect(importCellType('acme.rating', registry)).toBeUndefined();
    registry.register(rating);
    expect(paletteGroups(registry)[1].kinds.at(-1)).toBe('acme.rating');
    expect(importCellType('acme.rating', registry)).toBe('number');
  });

  it('imports plain values, options and linked records, not computed, people, files or structured kinds', () => {
    const registry = createFieldKindRegistry();
    expect(importCellType('money', registry)).toBe('number');
    expect(importCellType('multiselect', registry)).toBe('options');
    expect(importCellType('switch', registry)).toBe('boolean');
    expect(importCellType('link', registry)).toBe('record');
    expect(importCellType('select_data', registry)).toBe('record');
    for (const kind of ['formula', 'serial', 'member', 'attachment', 'subform', 'address', 'section'])
      expect(importCellType(kind, registry), kind).toBeUndefined();
  });
});
