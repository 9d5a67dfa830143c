import type { FormDefinition } from '@formloom/model';

/**
 * The form's layout as the designer writes it: display order = key order of `fields` (layout-only
 * kinds included); two consecutive half-width fields (`uiSchema[key]['ui:options'].width ===
 * 'half'`) share a row; a `section` starts a titled group holding what follows it up to the next
 * section; `divider` and `description` are drawn where they stand. Pure, so it is unit-tested.
 */
export const LAYOUT_KINDS: ReadonlySet<string> = new Set(['section', 'divider', 'description']);

export interface LayoutRow {
  /** One key (full width, or a half-width field without a partner) or two half-width keys. */
  keys: string[];
  half: boolean;
}

export interface LayoutGroup {
  /** The section heading this group sits under; null for what comes before the first section. */
  section: string | null;
  rows: LayoutRow[];
}

export function isHalfWidth(definition: FormDefinition, key: string): boolean {
  const ui = definition.uiSchema[key] as { 'ui:options'?: { width?: unknown } } | undefined;
  return ui?.['ui:options']?.width === 'half';
}

/**
 * Groups the fields to show into sections and rows. `shown(key)` says whether a data field is
 * drawn now (not hidden by a rule, not `hidden`); layout-only items are always drawn, except a
 * section whose fields are all hidden, which is left out with them.
 */
export function formLayout(definition: FormDefinition, shown: (key: string) => boolean): LayoutGroup[] {
  const groups: (LayoutGroup & { dataFields: number; shownFields: number })[] = [
    { section: null, rows: [], dataFields: 0, shownFields: 0 },
  ];
  const orderedKeys = [
    ...Object.keys(definition.fields),
    ...Object.keys(definition.schema.properties).filter((key) => !Object.hasOwn(definition.fields, key)),
  ];
  for (const key of orderedKeys) {
    const kind = definition.fields[key]?.kind;
    if (kind === 'section') {
      groups.push({ section: key, rows: [], dataFields: 0, shownFields: 0 });
      continue;
    }
    const group = groups[groups.length - 1];
    const layoutOnly = kind !== undefined && LAYOUT_KINDS.has(kind);
    if (!layoutOnly) {
      group.dataFields += 1;
      if (!shown(key)) continue;
      group.shownFields += 1;
    }
    const half = !layoutOnly && isHalfWidth(definition, key);
    const last = group.rows[group.rows.length - 1];
    if (half && last?.half && last.keys.length === 1) last.keys.push(key);
    else group.rows.push({ keys: [key], half });
  }
  return groups
    .filter((group) =>
      group.section === null ? group.rows.length > 0 : group.dataFields === 0 || group.shownFields > 0,
    )
    .map(({ section, rows }) => ({ section, rows }));
}
