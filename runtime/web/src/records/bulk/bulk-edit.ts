import type { FieldMeta, FormDefinition } from '@formloom/model';
import type { ConditionValueType } from '@formloom/engine/fields/field-kind.types';
import { fieldKinds } from '@formloom/engine/fields/registry';
import { ApiError } from '../../api/client';
import { batchUpdate, getRecord } from '../../api/endpoints';
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
export async function applyBulkEdit(
  formId: string,
  rows: readonly RecordView[],
  field: string,
  value: unknown,
): Promise<BulkEditResult> {
  try {
    const { updated } = await batchUpdate(
      formId,
      rows.map((r) => ({ id: r.id, baseVersion: r.version, data: { [field]: value } })),
    );
    return { ok: true, count: updated.length };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    const current = await Promise.all(rows.map((r) => getRecord(formId, r.id).catch(() => null)));
    const changed = rows.filter((r, i) => current[i] === null || current[i].version !== r.version);
    return { ok: false, changed };
  }
}
