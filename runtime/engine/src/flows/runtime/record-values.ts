import type { StoredRecord } from '@formloom/model';

export type { StoredRecord };

/** System fields of a stored record start with `_`; field keys never do. */
export const SYSTEM_PATHS_PREFIX = '_';

/** The field values of a stored record (no system fields). */
export function fieldValuesOf(record: StoredRecord | null): Record<string, unknown> {
  if (!record) return {};
  return Object.fromEntries(Object.entries(record).filter(([k]) => !k.startsWith(SYSTEM_PATHS_PREFIX)));
}

/** A short title for inboxes: the first non-empty text value of the record. */
export function recordTitle(record: StoredRecord | null, fieldOrder: string[]): string {
  if (!record) return '';
  for (const key of fieldOrder) {
    const v = record[key];
    if (typeof v === 'string' && v.trim().length > 0) return v.trim().slice(0, 80);
    if (typeof v === 'number') return String(v);
  }
  return '';
}
