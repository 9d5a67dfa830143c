import type { DefaultValue, FieldMeta } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';

type Subform = NonNullable<FieldMeta['subform']>;

/** A data-linkage default (数据联动) as the server and the player read it. */
export type LinkageDefault = Extract<DefaultValue, { type: 'linkage' }>;

/** A field a linkage condition may take its value from: the key written into `valueFrom.field`, and what the builder reads. */
export interface LinkageFieldOption {
  value: string;
  label: string;
}

/** A linkage default with nothing chosen yet (the builder picks the form, the conditions and the field). */
export const emptyLinkageDefault = (): LinkageDefault => ({
  type: 'linkage',
  formId: '',
  sourceField: '',
  condition: { rel: 'and', cond: [] },
});

/** Value fields of a definition (no layout, no subforms), as select options; `except` is left out (the field itself). */
export function valueFieldOptions(fields: Record<string, FieldMeta>, except?: string): LinkageFieldOption[] {
  return Object.entries(fields)
    .filter(([key, meta]) => {
      if (key === except || !fieldKinds.has(meta.kind)) return false;
      const spec = fieldKinds.get(meta.kind);
      return !spec.layoutOnly && meta.kind !== 'subform';
    })
    .map(([key, meta]) => ({ value: key, label: meta.label || key }));
}

/**
 * The fields a subform column's linkage condition may read: the other columns of the same row,
 * then the form's top-level value fields, labelled so the builder tells them apart ("本行 · 电话",
 * "表单 · 客户"). Values are plain keys, as the server and the player resolve them: the row's
 * cells over the record's values, so a top-level key that a column also has is not offered twice.
 */
export function rowLinkageFieldOptions(
  fields: Record<string, FieldMeta>,
  subformKey: string,
  columnKey: string,
  labels: { row: (label: string) => string; form: (label: string) => string },
): LinkageFieldOption[] {
  const columns = fields[subformKey]?.subform?.fields ?? {};
  const row = valueFieldOptions(columns, columnKey).map((o) => ({ value: o.value, label: labels.row(o.label) }));
  const form = valueFieldOptions(fields, subformKey)
    .filter((o) => !Object.hasOwn(columns, o.value))
    .map((o) => ({ value: o.value, label: labels.form(o.label) }));
  return [...row, ...form];
}

/** Kinds whose value the server computes: a linkage default never applies to them. */
const COMPUTED_COLUMN_KINDS = new Set(['formula', 'serial']);

/** Whether a column of this kind may take a data-linkage default. */
export const columnTakesLinkage = (kind: string) => !COMPUTED_COLUMN_KINDS.has(kind);

/** The subform with one column's default set (`undefined` removes it); other columns and their order unchanged. */
export function withColumnDefault(subform: Subform, columnKey: string, value: DefaultValue | undefined): Subform {
  if (!Object.hasOwn(subform.fields, columnKey)) return subform;
  const fields = Object.fromEntries(
    Object.entries(subform.fields).map(([key, column]): [string, FieldMeta] => {
      if (key !== columnKey) return [key, column];
      const { default: _dropped, ...rest } = column;
      return [key, value === undefined ? rest : { ...rest, default: value }];
    }),
  );
  return { ...subform, fields };
}
