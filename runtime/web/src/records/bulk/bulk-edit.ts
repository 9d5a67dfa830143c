import type { FieldMeta, FormDefinition } from '@formloom/model';
import { convertFieldValue } from '@formloom/engine/fields/convert-value';
import type { ConditionValueType } from '@formloom/engine/fields/field-kind.types';
import {
  checkFormula,
  evaluateFormula,
  formulaMessages,
  formulaReferenceLabels,
  fromDisplay,
  type FormulaFieldInfo,
  type StaticType,
} from '@formloom/engine/formulas';
import { fieldKinds } from '@formloom/engine/fields/registry';
import { ApiError } from '../../api/client';
import { batchUpdate, getRecord, queryRecords } from '../../api/endpoints';
import type { RecordView } from '../../api/types';
import { fieldColumns } from '../columns';

/** Fields a bulk edit may set: user-entered scalars and option lists (not computed, not structured). */
export interface BulkField {
  key: string;
  label: string;
  meta: FieldMeta;
  /** Checkbox / multi-select: the value is a list of options. */
  multiple: boolean;
  valueType: ConditionValueType;
}

const PLAIN_KINDS = new Set(['text', 'textarea', 'phone', 'email', 'url', 'number', 'money', 'rating', 'switch']);

export function bulkFields(definition: FormDefinition): BulkField[] {
  return fieldColumns(definition).flatMap(({ key, label }) => {
    const meta = definition.fields[key];
    if (!meta || !fieldKinds.has(meta.kind) || meta.readOnly) return [];
    const spec = fieldKinds.get(meta.kind);
    if (spec.serverComputed || spec.layoutOnly) return [];
    const multiple = spec.valueShape?.(meta) === 'array';
    const editable =
      (meta.options && meta.options.length > 0) ||
      spec.valueType === 'date' ||
      spec.valueType === 'datetime' ||
      (!multiple && PLAIN_KINDS.has(meta.kind));
    return editable ? [{ key, label, meta, multiple, valueType: spec.valueType ?? 'string' }] : [];
  });
}

export type BulkEditResult = { ok: true; count: number } | { ok: false; changed: RecordView[] };

/**
 * Sets (or clears, with `null`) one field on every selected row, each based on the version the
 * user saw. The server applies all or nothing; on a 409 this finds every row that moved on
 * meanwhile (not just the first the server met) so the user can be told which ones.
 */
export function applyBulkEdit(
  formId: string,
  rows: readonly RecordView[],
  field: string,
  value: unknown,
): Promise<BulkEditResult> {
  return applyBulkEditWith(formId, rows, () => ({ [field]: value }));
}

/** One all-or-nothing batch update of `data(row)` on every row, based on the version the user saw. */
async function applyBulkEditWith(
  formId: string,
  rows: readonly RecordView[],
  data: (row: RecordView) => Record<string, unknown>,
): Promise<BulkEditResult> {
  try {
    const { updated } = await batchUpdate(
      formId,
      rows.map((r) => ({ id: r.id, baseVersion: r.version, data: data(r) })),
    );
    return { ok: true, count: updated.length };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const current = await Promise.all(rows.map((r) => getRecord(formId, r.id).catch(() => null)));
    const changed = rows.filter((r, i) => current[i] === null || current[i].version !== r.version);
    return { ok: false, changed };
  }
}

/** A formula as the user typed it (`{金额} * 1.1`), checked against the form. */
export interface BulkFormulaCheck {
  /** The formula with field references as keys (`{f_amount} * 1.1`), or null while empty. */
  stored: string | null;
  /** Parse, reference, argument and type problems, fields named by label, in the UI language. */
  errors: string[];
}

/** Result types of the checker that can never go into a field of these kinds. */
const INCOMPATIBLE_RESULTS: Record<string, readonly StaticType[]> = {
  number: ['boolean', 'date', 'list'],
  money: ['boolean', 'date', 'list'],
  date: ['boolean', 'number', 'list'],
  datetime: ['boolean', 'number', 'list'],
  switch: ['date', 'list'],
};

/**
 * Checks a bulk-edit formula with the engine's own checker (the one the designer uses), plus
 * whether its result type can go into the target field at all.
 */
export function checkBulkFormula(
  text: string,
  definition: FormDefinition,
  target: BulkField,
  language: string,
  typeMismatch: (resultType: string) => string,
): BulkFormulaCheck {
  if (text.trim() === '') return { stored: null, errors: [] };
  const fields = definition.fields as Record<string, FormulaFieldInfo>;
  const t = formulaMessages(language === 'en' ? 'en' : 'zh-CN');
  const checked = checkFormula(text, fields, { references: 'label', t });
  const errors = checked.errors.map((e) => e.message);
  if (errors.length === 0 && INCOMPATIBLE_RESULTS[target.meta.kind]?.includes(checked.resultType))
    errors.push(typeMismatch(checked.resultType));
  const { keysByLabel } = formulaReferenceLabels(definition.fields);
  return { stored: fromDisplay(text, keysByLabel), errors };
}

export interface BulkFormulaProblem {
  row: RecordView;
  /** The formula's error (`#DIV/0!`) or the value that does not fit the field. */
  problem: string;
}

const FORMULA_RESULT: FieldMeta = { kind: 'formula', label: '' };

/**
 * The formula's value for each row, computed over that row's values with the engine's
 * evaluator and converted to the target field's kind (`convertFieldValue`); a blank result
 * clears the field. Rows whose result is an error or does not fit are returned as problems.
 */
export function bulkFormulaValues(
  definition: FormDefinition,
  rows: readonly RecordView[],
  target: BulkField,
  stored: string,
  clock: { now: Date; timeZone: string },
): { values: Map<string, unknown>; problems: BulkFormulaProblem[] } {
  const fields = definition.fields as Record<string, FormulaFieldInfo>;
  const values = new Map<string, unknown>();
  const problems: BulkFormulaProblem[] = [];
  for (const row of rows) {
    const result = evaluateFormula(stored, { values: row.data, fields, now: clock.now, timeZone: clock.timeZone });
    if (!result.ok) {
      problems.push({ row, problem: result.error.code });
      continue;
    }
    if (result.value === null || result.value === '') {
      values.set(row.id, null);
      continue;
    }
    const converted = convertFieldValue(result.value, FORMULA_RESULT, target.meta);
    if (converted.ok) values.set(row.id, converted.value ?? null);
    else problems.push({ row, problem: JSON.stringify(result.value) });
  }
  return { values, problems };
}

export type BulkFormulaResult = BulkEditResult | { ok: false; problems: BulkFormulaProblem[] };

/**
 * Sets the target field of every selected row to the formula's value over that row. The rows
 * are read again in full (the table loads only its visible columns); a row that moved on since
 * the user saw it is reported as changed, and nothing is written unless every row computes. Then
 * one all-or-nothing batch update with each row's base version, as for a plain value.
 */
export async function applyBulkFormula(
  formId: string,
  definition: FormDefinition,
  rows: readonly RecordView[],
  target: BulkField,
  stored: string,
  clock: { now: Date; timeZone: string },
): Promise<BulkFormulaResult> {
  const page = await queryRecords(formId, {
    filter: { rel: 'and', cond: [{ field: 'id', method: 'in', value: rows.map((r) => r.id) }] },
    limit: Math.min(500, Math.max(1, rows.length)),
    withTotal: false,
  });
  const full = new Map(page.items.map((r) => [r.id, r]));
  const changed = rows.filter((r) => full.get(r.id)?.version !== r.version);
  if (changed.length > 0) return { ok: false, changed };
  const { values, problems } = bulkFormulaValues(
    definition,
    rows.map((r) => full.get(r.id)!),
    target,
    stored,
    clock,
  );
  if (problems.length > 0) return { ok: false, problems };
  return applyBulkEditWith(formId, rows, (row) => ({ [target.key]: values.get(row.id) ?? null }));
}
