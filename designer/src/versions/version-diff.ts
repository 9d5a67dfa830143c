import type { FormDefinition } from '@formloom/model';

export interface FieldChange {
  key: string;
  label: string;
  kind: string;
  /** For changed fields: which parts differ (`label`, `options`, `required`, `schema.maxLength` …). */
  parts: string[];
}

export interface DefinitionDiff {
  added: FieldChange[];
  removed: FieldChange[];
  changed: FieldChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Field-level differences from `before` to `after`, matched by field key (labels may change). */
export function diffDefinitions(before: FormDefinition, after: FormDefinition): DefinitionDiff {
  const diff: DefinitionDiff = { added: [], removed: [], changed: [] };
  const requiredIn = (d: FormDefinition, key: string) => (d.schema.required ?? []).includes(key);
  for (const [key, meta] of Object.entries(after.fields)) {
    const old = before.fields[key];
    if (!old) {
      diff.added.push({ key, label: meta.label, kind: meta.kind, parts: [] });
      continue;
    }
    const parts = new Set<string>();
    for (const name of new Set([...Object.keys(old), ...Object.keys(meta)]) as Set<keyof typeof meta>)
      if (!same(old[name], meta[name])) parts.add(name);
    if (requiredIn(before, key) !== requiredIn(after, key)) parts.add('required');
    const oldProp = before.schema.properties[key] ?? {};
    const newProp = after.schema.properties[key] ?? {};
    for (const name of new Set([...Object.keys(oldProp), ...Object.keys(newProp)]))
      if (name !== 'title' && name !== 'description' && !same(oldProp[name], newProp[name]))
        parts.add(`schema.${name}`);
    if (!same(before.uiSchema[key], after.uiSchema[key])) parts.add('layout');
    const beforeIndex = Object.keys(before.fields).indexOf(key);
    const afterIndex = Object.keys(after.fields).indexOf(key);
    if (beforeIndex !== afterIndex) parts.add('position');
    if (parts.size > 0) diff.changed.push({ key, label: meta.label, kind: meta.kind, parts: [...parts] });
  }
  for (const [key, meta] of Object.entries(before.fields))
    if (!after.fields[key]) diff.removed.push({ key, label: meta.label, kind: meta.kind, parts: [] });
  return diff;
}
