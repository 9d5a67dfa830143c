import type { ErrorDetail, FormDefinition } from '@formloom/model';

/**
 * Groups the server's validation details by the field they name: paths such as
 * `definition.fields.f_abc.options` or `definition.schema.properties.f_abc.type`. Problems
 * that name no field are kept under `''` (shown above the canvas).
 */
export function errorsByField(details: ErrorDetail[]): Map<string, ErrorDetail[]> {
  const grouped = new Map<string, ErrorDetail[]>();
  for (const detail of details) {
    const match = /(?:^|\.)(?:fields|properties)\.([a-z][a-z0-9_]*)/.exec(detail.path);
    const required = /(?:^|\.)schema\.required\.\d+$/.test(detail.path);
    const key = match && !required ? match[1] : '';
    grouped.set(key, [...(grouped.get(key) ?? []), detail]);
  }
  return grouped;
}

/** Drops the problems of fields that changed since the definition the server checked. */
export function currentErrors(
  grouped: Map<string, ErrorDetail[]>,
  checked: FormDefinition | null,
  now: FormDefinition,
): Map<string, ErrorDetail[]> {
  if (!checked) return grouped;
  const same = (key: string) =>
    JSON.stringify([checked.fields[key], checked.schema.properties[key]]) ===
    JSON.stringify([now.fields[key], now.schema.properties[key]]);
  return new Map([...grouped].filter(([key]) => key === '' || (Object.hasOwn(now.fields, key) && same(key))));
}

const COLUMN_PATH = /(?:^|\.)fields\.[a-z][a-z0-9_]*\.subform\.fields\.([a-z][a-z0-9_]*)(?:\.|$)/;

/**
 * The subform column a problem names (`definition.fields.items.subform.fields.stage.default.formId`
 * → `stage`), or null for a problem of the field itself. Such problems are grouped under the
 * subform (errorsByField); the canvas says the column's name and its settings show them.
 */
export function errorColumn(detail: ErrorDetail): string | null {
  return COLUMN_PATH.exec(detail.path)?.[1] ?? null;
}

/** The problems of one field that name this subform column. */
export function columnErrors(details: ErrorDetail[], column: string): ErrorDetail[] {
  return details.filter((detail) => errorColumn(detail) === column);
}
