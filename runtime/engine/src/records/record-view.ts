import type { RecordView, StoredRecord } from '@formloom/model';

/** A stored record as the API returns it, with `data` limited to readable (and selected) fields. */
export function toRecordView(
  doc: StoredRecord,
  formId: string,
  readable: ReadonlySet<string> | null,
  selected: ReadonlySet<string> | null = null,
): RecordView {
  const data: Record<string, unknown> = {};
  for (const key in doc) {
    if (key.charCodeAt(0) === 95 /* _ */) continue;
    if (readable && !readable.has(key)) continue;
    if (selected && !selected.has(key)) continue;
    data[key] = doc[key];
  }
  return {
    id: doc._id,
    formId,
    version: doc._version,
    formVersion: doc._formVersion,
    createdAt: doc._createdAt,
    createdBy: doc._createdBy,
    updatedAt: doc._updatedAt,
    updatedBy: doc._updatedBy,
    owner: doc._owner,
    ownerDept: doc._ownerDept,
    flowState: doc._flowState,
    data,
  };
}
