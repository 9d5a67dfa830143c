import { isLayoutOnlyKind } from '@formloom/engine';
import type { FieldMeta, FormDefinition } from '@formloom/model';

export interface FieldColumn {
  key: string;
  label: string;
  meta: FieldMeta;
}

/**
 * The form's value fields in display order (`ui:order`, with `*` standing for the rest in
 * definition order), limited to `allowed` (the caller's readable or writable fields; null =
 * every field) and, when given, to `selected` in the order given.
 */
export function fieldColumns(
  definition: FormDefinition,
  allowed: Set<string> | null,
  selected?: string[],
): FieldColumn[] {
  const valueKeys = Object.keys(definition.fields).filter((key) => {
    const meta = definition.fields[key];
    // Layout-only kinds hold no value; they never become columns.
    return meta !== undefined && !isLayoutOnlyKind(meta.kind) && (allowed === null || allowed.has(key));
  });
  const order = definition.uiSchema['ui:order'];
  let ordered = valueKeys;
  if (Array.isArray(order)) {
    const listed = order.filter((k): k is string => typeof k === 'string' && k !== '*' && valueKeys.includes(k));
    const rest = valueKeys.filter((k) => !listed.includes(k));
    const star = order.indexOf('*');
    ordered = star < 0 ? [...listed, ...rest] : [...listed.slice(0, star), ...rest, ...listed.slice(star)];
  }
  if (selected) ordered = selected.filter((k) => ordered.includes(k));
  return ordered.map((key) => ({ key, label: definition.fields[key]?.label ?? key, meta: definition.fields[key]! }));
}
