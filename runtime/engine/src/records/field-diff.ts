import { isDeepStrictEqual } from 'node:util';
import type { FieldChange } from '@formloom/model';

/** Field-level changes between two versions of a record over `keys` (missing = null). */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  keys: Iterable<string>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const from = before?.[field] ?? null;
    const to = after[field] ?? null;
    if (!isDeepStrictEqual(from, to)) changes.push({ field, from, to });
  }
  return changes;
}
