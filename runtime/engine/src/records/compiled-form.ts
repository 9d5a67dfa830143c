import { notFound, type Condition, type FieldMeta, type Filter, type PublishedFormVersion } from '@formloom/model';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../ajv.js';
import { fieldCatalogue, type FieldCatalogue } from '../conditions/field-catalogue.js';
import { filterMatcher } from '../conditions/evaluate-condition.js';
import { compileCondition } from '../conditions/compile-condition.js';
import type { FieldKindSpec } from '../fields/field-kind.types.js';
import type { FieldKindRegistry } from '../fields/registry.js';
import { parseSerialPattern, type SerialToken } from '../fields/serial-pattern.js';
import type { FormCatalog } from './record-service.types.js';

export interface ValueField {
  key: string;
  meta: FieldMeta;
  spec: FieldKindSpec;
}

export interface VisibilityRule {
  key: string;
  condition: Condition;
  keepHiddenValue: boolean;
  /** Precompiled when the condition uses no dynamic values. */
  test: ((record: Record<string, unknown>) => boolean) | null;
}

/** A field that stores ids of records of another form: a link or select-data field, or such a subform column. */
export interface LinkField {
  /** The top-level field key. */
  key: string;
  /** The subform column, or null for a top-level field. */
  column: string | null;
  /** The stored path: `key` or `key.column` (inside the rows). */
  path: string;
  label: string;
  targetFormId: string;
  multiple: boolean;
  /** What deleting a linked record does: refuse (default) or clear the link. */
  onDelete: 'block' | 'clear';
}

/** Everything the records service needs about one published form version, computed once. */
export interface CompiledForm {
  published: PublishedFormVersion;
  formId: string;
  version: number;
  /** Fields that hold a value (not layout-only), by key. */
  valueFields: Map<string, ValueField>;
  catalogue: FieldCatalogue;
  /** ajv validator of the record data (serverComputed fields are not required from the client). */
  validate: ValidateFunction;
  serials: Array<{ key: string; tokens: SerialToken[] }>;
  /** Formula fields, and subforms with formula columns: recomputed by the server on every write. */
  formulaKeys: string[];
  uniqueKeys: string[];
  visibility: VisibilityRule[];
  searchableKeys: string[];
  sortableKeys: string[];
  staticDefaults: Array<{ key: string; value: unknown }>;
  links: LinkField[];
}

const LINK_KINDS = new Set(['link', 'select_data']);

function linkField(key: string, column: string | null, meta: FieldMeta, parentLabel?: string): LinkField | null {
  if (!LINK_KINDS.has(meta.kind) || !meta.link?.formId) return null;
  return {
    key,
    column,
    path: column === null ? key : `${key}.${column}`,
    label: parentLabel === undefined ? meta.label : `${parentLabel} / ${meta.label}`,
    targetFormId: meta.link.formId,
    multiple: meta.link.multiple === true,
    onDelete: meta.link.onDelete === 'clear' ? 'clear' : 'block',
  };
}

/** The link fields of a definition, subform columns included. */
export function linkFieldsOf(fields: Record<string, FieldMeta>): LinkField[] {
  const out: LinkField[] = [];
  for (const [key, meta] of Object.entries(fields)) {
    const top = linkField(key, null, meta);
    if (top) out.push(top);
    if (meta.kind !== 'subform') continue;
    for (const [column, columnMeta] of Object.entries(meta.subform?.fields ?? {})) {
      const nested = linkField(key, column, columnMeta, meta.label);
      if (nested) out.push(nested);
    }
  }
  return out;
}

const usesDynamic = (c: unknown): boolean => JSON.stringify(c).includes('"dynamic"');

export function compileForm(published: PublishedFormVersion, kinds: FieldKindRegistry): CompiledForm {
  const def = published.definition;
  const valueFields = new Map<string, ValueField>();
  const serials: CompiledForm['serials'] = [];
  const formulaKeys: string[] = [];
  const staticDefaults: CompiledForm['staticDefaults'] = [];
  for (const [key, meta] of Object.entries(def.fields)) {
    const spec = kinds.get(meta.kind);
    if (spec.layoutOnly) continue;
    valueFields.set(key, { key, meta, spec });
    if (meta.kind === 'serial' && meta.serial) {
      const parsed = parseSerialPattern(meta.serial.pattern);
      if (parsed.ok) serials.push({ key, tokens: parsed.tokens });
    }
    const hasFormulaColumns =
      meta.kind === 'subform' && Object.values(meta.subform?.fields ?? {}).some((column) => column.kind === 'formula');
    if (meta.kind === 'formula' || hasFormulaColumns) formulaKeys.push(key);
    if (meta.default?.type === 'static' && !spec.serverComputed)
      staticDefaults.push({ key, value: meta.default.value });
  }
  const computed = new Set([...valueFields.values()].filter((f) => f.spec.serverComputed).map((f) => f.key));
  const schema = {
    ...def.schema,
    required: (def.schema.required ?? []).filter((k) => !computed.has(k)),
    properties: Object.fromEntries(Object.entries(def.schema.properties).filter(([k]) => !computed.has(k))),
  };
  const catalogue = fieldCatalogue(def, { fieldKinds: kinds });
  const visibility: VisibilityRule[] = [];
  for (const { key, meta } of valueFields.values()) {
    if (!meta.visibility) continue;
    const fixed = !usesDynamic(meta.visibility);
    visibility.push({
      key,
      condition: meta.visibility,
      keepHiddenValue: meta.keepHiddenValue === true,
      test: fixed
        ? filterMatcher(compileCondition(meta.visibility, catalogue, { userId: null, deptIds: [], now: new Date(0) }))
        : null,
    });
  }
  const fields = [...valueFields.values()];
  return {
    published,
    formId: published.formId,
    version: published.version,
    valueFields,
    catalogue,
    validate: createAjv().compile(schema),
    serials,
    formulaKeys,
    uniqueKeys: fields.filter((f) => f.meta.unique && f.spec.uniqueAllowed).map((f) => f.key),
    visibility,
    searchableKeys: fields.filter((f) => f.spec.searchable).map((f) => f.key),
    sortableKeys: fields.filter((f) => f.spec.sortable).map((f) => f.key),
    staticDefaults,
    links: linkFieldsOf(def.fields),
  };
}

const MAX_CACHED_FORMS = 2000;

/** Compiled forms by form id and version; a new published version compiles once, on first use. */
export function createFormCache(catalog: FormCatalog, kinds: FieldKindRegistry) {
  const cache = new Map<string, CompiledForm>();
  const compiled = (published: PublishedFormVersion) => {
    const cacheKey = `${published.formId}@${published.version}`;
    let form = cache.get(cacheKey);
    if (!form) {
      form = compileForm(published, kinds);
      if (cache.size >= MAX_CACHED_FORMS) cache.delete(cache.keys().next().value as string);
      cache.set(cacheKey, form);
    }
    return form;
  };
  return {
    /** The compiled current published version; NOT_FOUND when the form has none. */
    async current(formId: string): Promise<CompiledForm> {
      const published = await catalog.getPublished(formId);
      if (!published) throw notFound('Form');
      return compiled(published);
    },
    compiled,
  };
}
export type FormCache = ReturnType<typeof createFormCache>;

/** A filter matching stored records at `prefix` (e.g. `record.` inside recycle-bin entries). */
export function prefixFilter(filter: Filter, prefix: string): Filter {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('$')) out[k] = k === '$and' || k === '$or' || k === '$nor' ? walk(v) : v;
      else out[prefix + k] = v;
    }
    return out;
  };
  return walk(filter) as Filter;
}
