import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportCell } from './import-store.js';

/**
 * Reading an uploaded workbook with exceljs's streaming reader: the first worksheet only,
 * row 1 is the header, every later non-empty row is data. Cells become JSON values (dates as
 * ISO strings; rich text, hyperlinks and formulas by their text or result).
 */
function reader(content: AsyncIterable<Uint8Array>) {
  const input = content instanceof Readable ? content : Readable.from(content);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  return { input, workbook };
}

/** The header cells of the first worksheet (trimmed text; empty string for a blank header cell). */
export async function readHeader(content: AsyncIterable<Uint8Array>): Promise<string[]> {
  const { input, workbook } = reader(content);
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        if (row.number !== 1) return [];
        return rowCells(row.values).map((c) => (c === null ? '' : String(c).trim()));
      }
      return [];
    }
    return [];
  } finally {
    input.destroy();
  }
}

/** Calls `onRows` with the data rows in batches of `batchSize` (row 1, the header, skipped). */
export async function readDataRows(
  content: AsyncIterable<Uint8Array>,
  batchSize: number,
  onRows: (rows: Array<{ row: number; cells: ImportCell[] }>) => Promise<void>,
  maxRows: number,
): Promise<number> {
  const { input, workbook } = reader(content);
  let batch: Array<{ row: number; cells: ImportCell[] }> = [];
  let count = 0;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        if (row.number === 1) continue;
        const cells = rowCells(row.values);
        if (cells.every((c) => c === null || c === '')) continue;
        if (++count > maxRows) throw new Error(`The workbook has more than ${maxRows} data rows`);
        batch.push({ row: row.number, cells });
        if (batch.length === batchSize) {
          await onRows(batch);
          batch = [];
        }
      }
      break;
    }
    if (batch.length) await onRows(batch);
    return count;
  } finally {
    input.destroy();
  }
}

/** exceljs row values are 1-based and sparse. */
function rowCells(values: unknown): ImportCell[] {
  if (!Array.isArray(values)) return [];
  const out: ImportCell[] = [];
  for (let i = 1; i < values.length; i++) out.push(cellValue(values[i]));
  while (out.length && out[out.length - 1] === null) out.pop();
  return out;
}

function cellValue(value: unknown): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
    if ('result' in v) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(value);
}
