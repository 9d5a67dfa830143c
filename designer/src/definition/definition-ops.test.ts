import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from '@formloom/engine/definitions';
import { paletteKindGroups } from './palette.js';
import { newFieldMeta } from './new-field.js';
import {
  addField,
  duplicateField,
  emptyDefinition,
  isRequired,
  moveField,
  removeField,
  setRequired,
  setRules,
  setWidth,
  updateMeta,
} from './definition-ops.js';
import { widthOf } from './layout.js';

const meta = (kind: string, label = kind) => newFieldMeta(kind, label, (n) => `Option ${n}`);

describe('definition edits', () => {
  it('gives every palette kind a definition the engine accepts (link kinds need their target form)', () => {
    let def = emptyDefinition();
    for (const group of paletteKindGroups())
      for (const kind of group.kinds) def = addField(def, meta(kind), Object.keys(def.fields).length).definition;
    const problems = validateFormDefinition(def);
    expect(problems.map((p) => `${def.fields[p.path.split('.')[1]]?.kind}:${p.rule}`).sort()).toEqual([
      'link:required',
      'select_data:required',
    ]);
  });

  it('keeps the key when the label changes and mirrors the label into the schema title', () => {
    const { definition, key } = addField(emptyDefinition(), meta('text', 'Name'), 0);
    expect(key).toMatch(/^f_[a-z0-9]{6}$/);
    const renamed = updateMeta(definition, key, { label: 'Customer name' });
    expect(Object.keys(renamed.fields)).toEqual([key]);
    expect(renamed.schema.properties[key]).toMatchObject({ type: 'string', title: 'Customer name' });
  });

  it('orders fields, schema properties and ui:order together, layout kinds only in fields', () => {
    let def = emptyDefinition();
    const a = addField(def, meta('text', 'A'), 0);
    const b = addField(a.definition, meta('section', 'S'), 1);
    const c = addField(b.definition, meta('number', 'C'), 2);
    def = moveField(c.definition, c.key, 0);
    expect(Object.keys(def.fields)).toEqual([c.key, a.key, b.key]);
    expect(Object.keys(def.schema.properties)).toEqual([c.key, a.key]);
    expect(def.uiSchema['ui:order']).toEqual([c.key, a.key, '*']);
  });

  it('removes a field from required, properties and uiSchema', () => {
    const { definition, key } = addField(emptyDefinition(), meta('text'), 0);
    const removed = removeField(setWidth(setRequired(definition, key, true), key, 'half'), key);
    expect(removed.schema.required).toBeUndefined();
    expect(removed.schema.properties).toEqual({});
    expect(removed.uiSchema[key]).toBeUndefined();
  });

  it('duplicates with a new key right after the original, keeping rules, width and required', () => {
    const { definition, key } = addField(emptyDefinition(), meta('text', 'Phone'), 0);
    const prepared = setWidth(setRules(setRequired(definition, key, true), key, { maxLength: 11 }), key, 'half');
    const { definition: copied, key: copy } = duplicateField(prepared, key);
    expect(copy).not.toBe(key);
    expect(Object.keys(copied.fields)).toEqual([key, copy]);
    expect(copied.schema.properties[copy]).toMatchObject({ maxLength: 11, title: 'Phone' });
    expect(isRequired(copied, copy)).toBe(true);
    expect(widthOf(copied, copy)).toBe('half');
  });

  it('writes validation keywords and a static default onto the schema property', () => {
    const { definition, key } = addField(emptyDefinition(), meta('number'), 0);
    const ruled = setRules(definition, key, { minimum: 0, maximum: 10 });
    const withDefault = updateMeta(ruled, key, { default: { type: 'static', value: 5 } });
    expect(withDefault.schema.properties[key]).toMatchObject({ type: 'number', minimum: 0, maximum: 10, default: 5 });
    const cleared = setRules(withDefault, key, { minimum: 0 });
    expect(cleared.schema.properties[key].maximum).toBeUndefined();
  });
});
