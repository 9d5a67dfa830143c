import { SYSTEM_FIELDS, type FieldMeta, type FormDefinition, type SystemFieldName } from '@formloom/model';
import type { FieldKindSpec } from '../fields/field-kind.types.js';
import { fieldKinds as defaultKinds, type FieldKindRegistry } from '../fields/registry.js';

/** What the condition compiler, sorting and keyword search know about one field. */
export interface CatalogueEntry {
  /** The name callers use: a field key, or a system field name such as `createdAt`. */
  name: string;
  /** Where the value lives in the stored record (`f_amount`, `_createdAt`). */
  path: string;
  kind: string;
  spec: FieldKindSpec;
  /** The field's metadata; null for system fields. */
  meta: FieldMeta | null;
  system: boolean;
}

/** The fields a caller may use in conditions, sorts and searches, by name. */
export type FieldCatalogue = ReadonlyMap<string, CatalogueEntry>;

/** The kind each system field behaves like in conditions and sorting. */
const SYSTEM_FIELD_KINDS: Record<SystemFieldName, string> = {
  id: 'text',
  version: 'number',
  formVersion: 'number',
  createdAt: 'datetime',
  createdBy: 'member',
  updatedAt: 'datetime',
  updatedBy: 'member',
  owner: 'member',
  ownerDept: 'department',
  flowState: 'text',
};

function systemEntries(kinds: FieldKindRegistry): CatalogueEntry[] {
  return (Object.keys(SYSTEM_FIELDS) as SystemFieldName[]).map((name) => {
    const kind = SYSTEM_FIELD_KINDS[name];
    const spec = kinds.get(kind);
    // System fields are never searched by keyword; ids and versions sort but are matched exactly.
    const systemSpec: FieldKindSpec = { ...spec, searchable: false, sortable: true };
    return { name, path: SYSTEM_FIELDS[name], kind, spec: systemSpec, meta: null, system: true };
  });
}

export interface CatalogueOptions {
  /** Field keys the caller may read; absent or null = every field. System fields are always included. */
  readable?: ReadonlySet<string> | null;
  fieldKinds?: FieldKindRegistry;
}

/** The catalogue of a published definition: its value fields (not layout-only ones) plus the system fields. */
export function fieldCatalogue(def: FormDefinition, options: CatalogueOptions = {}): FieldCatalogue {
  const kinds = options.fieldKinds ?? defaultKinds;
  const catalogue = new Map<string, CatalogueEntry>();
  for (const entry of systemEntries(kinds)) catalogue.set(entry.name, entry);
  for (const [key, meta] of Object.entries(def.fields)) {
    const spec = kinds.get(meta.kind);
    if (spec.layoutOnly) continue;
    if (options.readable && !options.readable.has(key)) continue;
    catalogue.set(key, { name: key, path: key, kind: meta.kind, spec, meta, system: false });
  }
  return catalogue;
}

/** Only system fields: for conditions that can only refer to them (e.g. default permission scopes). */
export function systemCatalogue(kinds: FieldKindRegistry = defaultKinds): FieldCatalogue {
  return new Map(systemEntries(kinds).map((e) => [e.name, e]));
}

/** The same catalogue with form fields limited to `readable` (null = unchanged). */
export function restrictCatalogue(catalogue: FieldCatalogue, readable: ReadonlySet<string> | null): FieldCatalogue {
  if (!readable) return catalogue;
  const out = new Map<string, CatalogueEntry>();
  for (const [name, entry] of catalogue) if (entry.system || readable.has(name)) out.set(name, entry);
  return out;
}
