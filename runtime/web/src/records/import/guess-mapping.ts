import type { FieldColumn } from '../columns';

/** Column index → field key for the columns whose header is a field's label or key (case and spaces ignored). */
export function guessMapping(
  columns: readonly { index: number; header: string }[],
  fields: readonly FieldColumn[],
): Record<string, string> {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const column of columns) {
    const header = norm(column.header);
    const field = fields.find((f) => !used.has(f.key) && (norm(f.label) === header || norm(f.key) === header));
    if (field) {
      mapping[String(column.index)] = field.key;
      used.add(field.key);
    }
  }
  return mapping;
}
