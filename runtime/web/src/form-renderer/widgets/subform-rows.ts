/** Rows of a subform as stored: `{_rowId, <column>: value, …}`, each with a stable id. */
export type SubformRow = Record<string, unknown> & { _rowId: string };

/** A new row id: 16 random hex digits from Web Crypto (also available outside secure contexts). */
export function newRowId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `r${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The stored rows, each given an id if it lacks one (rows typed in before ids existed, imports). */
export function rowsOf(value: unknown): SubformRow[] {
  if (!Array.isArray(value)) return [];
  return value.map((row: unknown) => {
    const cells = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    return typeof cells._rowId === 'string' ? (cells as SubformRow) : { ...cells, _rowId: newRowId() };
  });
}

/** Sets one cell of the row with `rowId`; an empty value removes the cell. Other rows are kept as they are. */
export function setCell(rows: readonly SubformRow[], rowId: string, column: string, value: unknown): SubformRow[] {
  return rows.map((row) => {
    if (row._rowId !== rowId) return row;
    const next: SubformRow = { ...row };
    if (value === undefined || value === null) delete next[column];
    else next[column] = value;
    return next;
  });
}
