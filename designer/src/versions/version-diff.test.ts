import { describe, expect, it } from 'vitest';
import { addField, emptyDefinition, removeField, setRequired, updateMeta } from '../definition/definition-ops.js';
import { newFieldMeta } from '../definition/new-field.js';
import { diffDefinitions } from './version-diff.js';

const meta = (kind: string, label: string) => newFieldMeta(kind, label, (n) => `Option ${n}`);

describe('field-level diff between versions', () => {
  it('names added, removed and changed fields by label and says what changed', () => {
    const a = addField(emptyDefinition(), meta('text', 'Name'), 0);
    const b = addField(a.definition, meta('number', 'Age'), 1);
    const v1 = b.definition;
    const c = addField(removeField(v1, b.key), meta('email', 'Email'), 1);
    const v2 = setRequired(updateMeta(c.definition, a.key, { label: 'Full name' }), a.key, true);
    const diff = diffDefinitions(v1, v2);
    expect(diff.added.map((f) => f.label)).toEqual(['Email']);
    expect(diff.removed.map((f) => f.label)).toEqual(['Age']);
    expect(diff.changed).toEqual([{ key: a.key, label: 'Full name', kind: 'text', parts: ['label', 'required'] }]);
  });

  it('finds nothing between equal definitions', () => {
    const { definition } = addField(emptyDefinition(), meta('radio', 'Level'), 0);
    expect(diffDefinitions(definition, structuredClone(definition))).toEqual({ added: [], removed: [], changed: [] });
  });
});
