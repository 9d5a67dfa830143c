import type { LinkedRecord } from './lookup-api';

/** How a linked record is named in the picker: its display fields' values, or its id. */
export function linkedRecordLabel(record: LinkedRecord, displayFields: readonly string[]): string {
  const parts = displayFields
    .map((key) => record.data[key])
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return parts.length > 0 ? parts.join(' · ') : record.id;
}
