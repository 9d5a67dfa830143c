import { isFormloomError, type FieldMeta, type RecordView, type StoredRecord } from '@formloom/model';
import { resolveLinkageCondition } from '../conditions/linkage-condition.js';
import { convertFieldValue } from '../fields/convert-value.js';
import type { CompiledForm } from './compiled-form.js';
import type { RecordServiceCore } from './record-service-core.js';
import type { RecordContext, RecordService } from './record-service.types.js';

type Reader = Pick<RecordService, 'get' | 'query'>;
type LinkageDefaultSpec = Extract<NonNullable<FieldMeta['default']>, { type: 'linkage' }>;
type Linked = (linkage: LinkageDefaultSpec, meta: FieldMeta, values: Record<string, unknown>) => Promise<unknown>;

const isRow = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Data-linkage defaults of subform columns: a NEW row (every row of a create; on an update a
 * row whose `_rowId` the stored record does not have) that leaves out a column with a linkage
 * default takes it from the other form, the condition resolved over the row's cells and then
 * the record's own values (a column key wins over a field key of the same name). Rows that
 * exist keep what they have, like top-level defaults on an update.
 */
async function fillRowLinkageDefaults(
  form: CompiledForm,
  current: () => Record<string, unknown>,
  existing: StoredRecord | null,
  mayWrite: (key: string) => boolean,
  set: (key: string, value: unknown) => void,
  linked: Linked,
): Promise<void> {
  for (const { key, meta } of form.valueFields.values()) {
    if (meta.kind !== 'subform') continue;
    const columns = Object.entries(meta.subform?.fields ?? {}).flatMap(([column, columnMeta]) =>
      columnMeta.default?.type === 'linkage' ? [{ column, columnMeta, linkage: columnMeta.default }] : [],
    );
    const given = current();
    const rows = given[key];
    if (columns.length === 0 || !Array.isArray(rows) || !mayWrite(key)) continue;
    const stored = new Set(
      Array.isArray(existing?.[key])
        ? (existing[key] as unknown[]).flatMap((r) => (isRow(r) && typeof r._rowId === 'string' ? [r._rowId] : []))
        : [],
    );
    const top: Record<string, unknown> = {
      ...Object.fromEntries(form.staticDefaults.map((d) => [d.key, d.value])),
      ...(existing === null ? {} : existing),
      ...given,
    };
    let next: unknown[] | null = null;
    for (const [i, row] of rows.entries()) {
      if (!isRow(row) || (typeof row._rowId === 'string' && stored.has(row._rowId))) continue;
      let filled: Record<string, unknown> | null = null;
      for (const { column, columnMeta, linkage } of columns) {
        if (Object.hasOwn(row, column) || columnMeta.kind === 'formula' || columnMeta.kind === 'serial') continue;
        const value = await linked(linkage, columnMeta, { ...top, ...row });
        if (value === undefined) continue;
        filled ??= { ...row };
        filled[column] = value;
      }
      if (filled === null) continue;
      next ??= [...rows];
      next[i] = filled;
    }
    if (next !== null) set(key, next);
  }
}

/**
 * Values a write takes from other forms, filled in before validation, with the writer's own
 * read permissions on those forms (`ctx.relatedForm`), the same rules as the player's
 * (runtime/web/src/form-renderer/logic/record-linkage.ts):
 *
 * - select-data (选择数据): when a create sets, or an update changes, a top-level select-data
 *   field, the picked record is read and its `link.copy` fields are copied into this form's
 *   fields that the request did not supply (a value the client sends wins), converted with
 *   `convertFieldValue`; incompatible values, computed fields and fields the writer may not
 *   write are skipped.
 * - data-linkage defaults (数据联动), on create only: a field with `default.type: 'linkage'`
 *   that the request omits takes `sourceField` of the newest readable record of the other form
 *   matching the condition, resolved over the values being written.
 * - the same for subform columns with a linkage default, per NEW row (all rows of a create, rows
 *   with an unknown `_rowId` on an update), resolved over the row's cells, then the record's.
 *
 * A form the writer may not read, a picked record they cannot see, or a condition the other
 * form refuses fills nothing; the write goes on with what the client sent.
 */
export async function fillLinkedValues(
  core: RecordServiceCore,
  reader: Reader,
  ctx: RecordContext,
  form: CompiledForm,
  input: unknown,
  existing: StoredRecord | null,
): Promise<unknown> {
  if (ctx.relatedForm === undefined || input === null || typeof input !== 'object' || Array.isArray(input))
    return input;
  const given = input as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const fillable = (key: string) => {
    const field = form.valueFields.get(key);
    const writable = ctx.access.writableFields;
    return (
      field !== undefined &&
      !field.spec.serverComputed &&
      !Object.hasOwn(given, key) &&
      (!writable || writable.has(key))
    );
  };
  const set = (key: string, value: unknown) => {
    out ??= { ...given };
    out[key] = value;
  };
  const related = async (formId: string) => {
    const other = await ctx.relatedForm!(formId);
    return { other, source: await core.forms.current(formId) };
  };

  for (const { key, meta } of form.valueFields.values()) {
    const copy = meta.link?.copy;
    if (meta.kind !== 'select_data' || !meta.link || !copy || !Object.hasOwn(given, key)) continue;
    // A pick the writer may not make copies nothing (the write is refused for it anyway).
    if (ctx.access.writableFields && !ctx.access.writableFields.has(key)) continue;
    const picked = given[key];
    if (typeof picked !== 'string' || existing?.[key] === picked) continue;
    const targets = Object.entries(copy).filter(([, to]) => fillable(to));
    if (targets.length === 0) continue;
    let record: RecordView;
    let source: CompiledForm;
    try {
      const { other, source: found } = await related(meta.link.formId);
      record = await reader.get(other, picked);
      source = found;
    } catch (e) {
      if (isFormloomError(e)) continue;
      throw e;
    }
    for (const [from, to] of targets) {
      const sourceMeta = source.valueFields.get(from)?.meta;
      if (!sourceMeta || !(from in record.data)) continue;
      const converted = convertFieldValue(record.data[from], sourceMeta, form.valueFields.get(to)!.meta);
      if (converted.ok && converted.value !== undefined) set(to, converted.value);
    }
  }

  /** The linkage's value for a field, or undefined (nothing found, not readable, incompatible). */
  const linked = async (linkage: LinkageDefaultSpec, meta: FieldMeta, values: Record<string, unknown>) => {
    const filter = resolveLinkageCondition(linkage.condition, values);
    if (filter === null) return undefined;
    try {
      const { other, source } = await related(linkage.formId);
      const sourceMeta = source.valueFields.get(linkage.sourceField)?.meta;
      if (!sourceMeta) return undefined;
      const page = await reader.query(other, { filter, fields: [linkage.sourceField], limit: 1, withTotal: false });
      const found = page.items[0];
      if (!found) return undefined;
      const converted = convertFieldValue(found.data[linkage.sourceField], sourceMeta, meta);
      return converted.ok ? converted.value : undefined;
    } catch (e) {
      if (!isFormloomError(e)) throw e;
      return undefined;
    }
  };

  if (existing === null) {
    for (const { key, meta } of form.valueFields.values()) {
      const linkage = meta.default?.type === 'linkage' ? meta.default : null;
      if (!linkage || !fillable(key)) continue;
      const values: Record<string, unknown> = {
        ...Object.fromEntries(form.staticDefaults.map((d) => [d.key, d.value])),
        ...(out ?? given),
      };
      const value = await linked(linkage, meta, values);
      if (value !== undefined) set(key, value);
    }
  }

  const mayWrite = (key: string) => !ctx.access.writableFields || ctx.access.writableFields.has(key);
  await fillRowLinkageDefaults(form, () => out ?? given, existing, mayWrite, set, linked);
  return out ?? given;
}
