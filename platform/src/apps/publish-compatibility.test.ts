import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { incompatibleChanges } from './publish-compatibility.js';
import { unstorableKeys } from './storable-keys.js';

function definition(fields: FormDefinition['fields']): FormDefinition {
  return { schema: { type: 'object', properties: {} }, uiSchema: {}, fields };
}

describe('incompatibleChanges', () => {
  it('allows new fields, removed fields and changed labels', () => {
    const before = definition({ f_a: { kind: 'text', label: 'A' }, f_b: { kind: 'number', label: 'B' } });
    const after = definition({ f_a: { kind: 'text', label: 'Renamed' }, f_c: { kind: 'date', label: 'C' } });
    expect(incompatibleChanges(before, after)).toEqual([]);
  });

  it('refuses changing the kind of a published field, naming it', () => {
    const before = definition({ f_a: { kind: 'text', label: 'A' } });
    const after = definition({ f_a: { kind: 'number', label: 'A' } });
    expect(incompatibleChanges(before, after)).toEqual([
      expect.objectContaining({ path: 'definition.fields.f_a.kind', rule: 'kindChange' }),
    ]);
  });

  it('refuses switching a link between one and several records, and checks subform columns', () => {
    const before = definition({
      f_l: { kind: 'link', label: 'L', link: { formId: 'x', displayFields: [] } },
      f_s: { kind: 'subform', label: 'S', subform: { fields: { qty: { kind: 'number', label: 'Q' } } } },
    });
    const after = definition({
      f_l: { kind: 'link', label: 'L', link: { formId: 'x', displayFields: [], multiple: true } },
      f_s: { kind: 'subform', label: 'S', subform: { fields: { qty: { kind: 'text', label: 'Q' } } } },
    });
    expect(incompatibleChanges(before, after).map((p) => p.path)).toEqual([
      'definition.fields.f_l.link.multiple',
      'definition.fields.f_s.subform.fields.qty.kind',
    ]);
  });
});

describe('unstorableKeys', () => {
  it('names keys MongoDB cannot store and prototype keys, wherever they are', () => {
    const value = JSON.parse('{"schema":{"$ref":"#/x","properties":{"a.b":{}}},"list":[{"__proto__":1}]}') as unknown;
    expect(unstorableKeys(value, 'definition').map((d) => `${d.path}:${d.rule}`)).toEqual([
      'definition.schema.$ref:storableKey',
      'definition.schema.properties.a.b:storableKey',
      'definition.list[0].__proto__:forbiddenKey',
    ]);
  });

  it('accepts ordinary definitions', () => {
    expect(unstorableKeys({ uiSchema: { 'ui:order': ['f_a', '*'] } }, 'definition')).toEqual([]);
  });
});
