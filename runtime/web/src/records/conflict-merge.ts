import type { FormDefinition, RecordData } from '../api/types';
import { fieldColumns } from './columns';

/** Whose value a field keeps when two edits of a record are merged. */
export type Side = 'mine' | 'theirs';

/** A field where my edit and the other person's current record differ. */
export interface ConflictRow {
  key: string;
  label: string;
  /** I changed it from the version my edit started from. */
  changedByMe: boolean;
  /** They changed it from that version. */
  changedByThem: boolean;
}

/** Kinds the server computes on every write: never chosen, always recomputed from the merged values. */
const COMPUTED = new Set(['formula', 'serial']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields where `mine` (my edit, started from `base`) and `theirs` (the record as it is now)
 * differ, in form order, each with who changed it since `base`.
 */
export function conflictRows(
  definition: FormDefinition,
  base: RecordData,
  mine: RecordData,
  theirs: RecordData,
): ConflictRow[] {
  return fieldColumns(definition)
    .filter((c) => !COMPUTED.has(definition.fields[c.key]?.kind ?? '') && !same(mine[c.key], theirs[c.key]))
    .map((c) => ({
      key: c.key,
      label: c.label,
      changedByMe: !same(mine[c.key], base[c.key]),
      changedByThem: !same(theirs[c.key], base[c.key]),
    }));
}

/** What a merge keeps unless the user says otherwise: my change where I made one, theirs elsewhere. */
export function defaultChoices(rows: ConflictRow[]): Record<string, Side> {
  return Object.fromEntries(rows.map((r) => [r.key, r.changedByMe ? 'mine' : 'theirs']));
}

/**
 * The record to save: their current values, with mine for every field chosen as mine (a value
 * I cleared is sent as null, which clears it).
 */
export function mergeRecord(theirs: RecordData, mine: RecordData, choices: Record<string, Side>): RecordData {
  const merged: RecordData = { ...theirs };
  for (const [key, side] of Object.entries(choices)) if (side === 'mine') merged[key] = mine[key] ?? null;
  return merged;
}
