import { FormloomError, isDuplicateKeyError, type DuplicateKeyError, type RecordView } from '@formloom/model';
import type { CompiledForm } from './compiled-form.js';

/** Index name of a unique field's index; the field can be read back from it. */
export const uniqueIndexName = (key: string) => `unique_${key}`;

/** The field keys a DuplicateKeyError on a records collection is about. */
function duplicateFields(error: DuplicateKeyError, form: CompiledForm): string[] {
  const keys = error.keys.filter((k) => form.valueFields.has(k));
  if (keys.length) return keys;
  const fromName = error.indexName?.startsWith('unique_') ? error.indexName.slice('unique_'.length) : null;
  return fromName && form.valueFields.has(fromName) ? [fromName] : [];
}

/** Maps a unique-index violation on the form's records to DUPLICATE naming the field; anything else passes through. */
export function mapDuplicate(error: unknown, form: CompiledForm, collection: string): unknown {
  if (!isDuplicateKeyError(error) || error.collection !== collection) return error;
  const fields = duplicateFields(error, form);
  if (!fields.length)
    return new FormloomError('DUPLICATE', 'A record with the same value already exists', [
      { path: 'data', rule: 'unique', message: 'A unique value is already taken' },
    ]);
  return new FormloomError(
    'DUPLICATE',
    `Another record already has this ${fields.map((f) => form.valueFields.get(f)?.meta.label ?? f).join(', ')}`,
    fields.map((f) => ({ path: `data.${f}`, rule: 'unique', message: 'This value is already used by another record' })),
  );
}

export function versionConflict(current: RecordView, baseVersion: number | undefined): FormloomError {
  return new FormloomError(
    'VERSION_CONFLICT',
    `The record changed since version ${baseVersion ?? '?'}; it is now at version ${current.version}`,
    [{ path: 'baseVersion', rule: 'version', message: `The current version is ${current.version}` }],
    { current },
  );
}

/** Prefixes detail paths of a per-item error of a batch (`items.3.data.f_name`). */
export function inItem(error: unknown, index: number): unknown {
  if (!(error instanceof FormloomError)) return error;
  return new FormloomError(
    error.code,
    `Item ${index}: ${error.message}`,
    error.details.map((d) => ({ ...d, path: `items.${index}.${d.path}` })),
    error.extra,
  );
}
