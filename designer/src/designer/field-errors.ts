import type { ErrorDetail } from '@formloom/model';

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
