import { linkageInputs, resolveLinkageCondition } from '@formloom/engine/conditions/linkage-condition';
import { convertFieldValue } from '@formloom/engine/fields/convert-value';
import type { Condition, FieldMeta, FormDefinition, LinkageCondition } from '@formloom/model';

/**
 * What links a form being filled to other forms' records, without React or the network:
 * data-linkage defaults (数据联动: a field takes `sourceField` of the newest record of another
 * form that matches a condition over this form's values) and select-data copying (选择数据:
 * picking a record copies some of its fields into this form). Subform columns may have linkage
 * defaults too, per row. The server applies the same rules on create (see
 * runtime/engine/src/records/README.md).
 */
export interface LinkageDefault {
  /** This form's field that receives the value. */
  key: string;
  formId: string;
  condition: LinkageCondition;
  sourceField: string;
  /** This form's fields the condition reads. */
  inputs: string[];
}

const cache = new WeakMap<FormDefinition, LinkageDefault[]>();

/** The form's top-level fields with a data-linkage default. */
export function linkageDefaultsOf(definition: FormDefinition): LinkageDefault[] {
  let found = cache.get(definition);
  if (found === undefined) {
    found = [];
    for (const [key, meta] of Object.entries(definition.fields)) {
      const d = meta.default;
      if (d?.type !== 'linkage' || typeof d.formId !== 'string' || typeof d.sourceField !== 'string') continue;
      found.push({
        key,
        formId: d.formId,
        condition: d.condition,
        sourceField: d.sourceField,
        inputs: linkageInputs(d.condition),
      });
    }
    cache.set(definition, found);
  }
  return found;
}

/** A subform column with a data-linkage default: `key` is the column, `subform` the field holding the rows. */
export interface RowLinkageDefault extends LinkageDefault {
  subform: string;
  /** The column's own metadata (the converted value's kind). */
  meta: FieldMeta;
}

const rowCache = new WeakMap<FormDefinition, RowLinkageDefault[]>();

/** The subform columns with a data-linkage default, per subform field. */
export function rowLinkageDefaultsOf(definition: FormDefinition): RowLinkageDefault[] {
  let found = rowCache.get(definition);
  if (found === undefined) {
    found = [];
    for (const [subform, meta] of Object.entries(definition.fields)) {
      if (meta.kind !== 'subform') continue;
      for (const [key, column] of Object.entries(meta.subform?.fields ?? {})) {
        const d = column.default;
        if (d?.type !== 'linkage' || typeof d.formId !== 'string' || typeof d.sourceField !== 'string') continue;
        if (column.kind === 'formula' || column.kind === 'serial') continue;
        found.push({
          subform,
          key,
          meta: column,
          formId: d.formId,
          condition: d.condition,
          sourceField: d.sourceField,
          inputs: linkageInputs(d.condition),
        });
      }
    }
    rowCache.set(definition, found);
  }
  return found;
}

/** A subform row: its cells and its stable id. */
export type Row = Record<string, unknown> & { _rowId: string };

/** The rows of a subform value that have a row id (others cannot be followed). */
export function rowsOf(values: Record<string, unknown>, subform: string): Row[] {
  const rows = values[subform];
  if (!Array.isArray(rows)) return [];
  return rows.filter(
    (r): r is Row => typeof r === 'object' && r !== null && typeof (r as { _rowId?: unknown })._rowId === 'string',
  );
}

/** What a row's linkage condition reads: the row's cells over the record's values (the same rule as the server). */
export function rowInputs(values: Record<string, unknown>, row: Row): Record<string, unknown> {
  return { ...values, ...row };
}

/** The record's values with one cell of one row set (`undefined` removes it); unchanged when the row is gone. */
export function withCell(
  values: Record<string, unknown>,
  subform: string,
  rowId: string,
  column: string,
  value: unknown,
): Record<string, unknown> {
  const rows = values[subform];
  if (!Array.isArray(rows)) return values;
  let found = false;
  const next = rows.map((r: unknown) => {
    if (typeof r !== 'object' || r === null || (r as { _rowId?: unknown })._rowId !== rowId) return r;
    found = true;
    const copy = { ...(r as Record<string, unknown>) };
    if (value === undefined) delete copy[column];
    else copy[column] = value;
    return copy;
  });
  return found ? { ...values, [subform]: next } : values;
}

/** A signature of the linkage's inputs in `values`: the linkage re-runs when it changes. */
export function linkageSignature(linkage: LinkageDefault, values: Record<string, unknown>): string {
  return JSON.stringify(linkage.inputs.map((k) => values[k] ?? null));
}

/** The condition to query the other form with, or null while an input is empty. */
export function linkageFilter(linkage: LinkageDefault, values: Record<string, unknown>): Condition | null {
  return resolveLinkageCondition(linkage.condition, values);
}

/** The value a linkage gives this form's field: the found record's source value converted, or undefined (nothing found or incompatible). */
export function linkedValue(
  found: { data: Record<string, unknown> } | null,
  sourceField: string,
  sourceMeta: FieldMeta | undefined,
  targetMeta: FieldMeta,
): unknown {
  if (found === null || sourceMeta === undefined) return undefined;
  const converted = convertFieldValue(found.data[sourceField] ?? null, sourceMeta, targetMeta);
  return converted.ok ? converted.value : undefined;
}

/**
 * The values select-data copies from a picked record (`link.copy`: its field → this form's
 * field), converted to this form's kinds; incompatible, unreadable and computed targets skipped.
 */
export function copiedValues(
  definition: FormDefinition,
  fieldKey: string,
  picked: { data: Record<string, unknown> },
  sourceFields: Record<string, FieldMeta>,
): Record<string, unknown> {
  const copy = definition.fields[fieldKey]?.link?.copy ?? {};
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(copy)) {
    const target = definition.fields[to];
    const source = sourceFields[from];
    if (target === undefined || source === undefined || target.kind === 'formula' || target.kind === 'serial') continue;
    if (!(from in picked.data)) continue;
    const converted = convertFieldValue(picked.data[from], source, target);
    if (converted.ok) out[to] = converted.value;
  }
  return out;
}
