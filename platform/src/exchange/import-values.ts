import { importCellType } from '@formloom/engine';
import type { FieldMeta } from '@formloom/model';
import type { ImportCell, RowError } from './import-store.js';

/**
 * A spreadsheet cell as a record value, by how the field's kind says it is imported (its
 * `importAs` in the field-kind registry, so plugin kinds import too) — the inverse of export-values.ts:
 * options by label or value, dates from Excel dates or `YYYY-MM-DD`, numbers from numbers or
 * numeric text, switches from yes/no words. Empty cells are left out (the engine then applies
 * defaults and `required`). A cell that cannot be read gives a RowError naming the rule.
 */
export type ImportResult = { value: unknown } | { skip: true } | { error: RowError };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', '是', '√', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', '否', '×']);
const DAY_MS = 24 * 3600 * 1000;
/** Excel's day 0 (serial dates, 1900 system with its leap-year quirk). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function importCell(cell: ImportCell, meta: FieldMeta, field: string): ImportResult {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { skip: true };
  const fail = (rule: string, message: string): ImportResult => ({ error: { field, rule, message } });
  switch (importCellType(meta.kind)) {
    case 'number': {
      const n = typeof cell === 'number' ? cell : Number(String(cell).replace(/[,\s]/g, ''));
      return typeof cell !== 'boolean' && Number.isFinite(n) ? { value: n } : fail('type', `"${cell}" is not a number`);
    }
    case 'date': {
      const date = toDate(cell);
      return date ? { value: date.toISOString().slice(0, 10) } : fail('format', `"${cell}" is not a date (YYYY-MM-DD)`);
    }
    case 'datetime': {
      const date = toDate(cell);
      return date ? { value: date.toISOString() } : fail('format', `"${cell}" is not a date and time`);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return { value: cell };
      const word = String(cell).trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return fail('type', `"${cell}" is not yes or no`);
    }
    case 'option': {
      const value = optionValue(String(cell).trim(), meta);
      return value !== null ? { value } : fail('enum', `"${cell}" is not one of the options`);
    }
    case 'options': {
      const parts = String(cell)
        .split(/[,，、;；\n]/)
        .map((p) => p.trim())
        .filter(Boolean);
      const values: string[] = [];
      for (const part of parts) {
        const value = optionValue(part, meta);
        if (value === null) return fail('enum', `"${part}" is not one of the options`);
        if (!values.includes(value)) values.push(value);
      }
      return { value: values };
    }
    default:
      return { value: typeof cell === 'string' ? cell : String(cell) };
  }
}

function optionValue(text: string, meta: FieldMeta): string | null {
  const options = meta.options ?? [];
  const byLabel = options.find((o) => o.label === text) ?? options.find((o) => o.value === text);
  if (byLabel) return byLabel.value;
  const lower = text.toLowerCase();
  const loose = options.find((o) => o.label.toLowerCase() === lower);
  if (loose) return loose.value;
  return meta.allowOther ? text : null;
}

/** ISO strings (what the reader makes of date cells), `YYYY-MM-DD`/`YYYY/MM/DD[ HH:mm[:ss]]` (UTC) and Excel serial numbers. */
function toDate(cell: ImportCell): Date | null {
  if (typeof cell === 'number') {
    if (cell < 1 || cell > 2_958_465) return null;
    return new Date(EXCEL_EPOCH_MS + Math.round(cell * DAY_MS));
  }
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((p) => (p === undefined ? 0 : Number(p))) as number[];
    const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
    return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! ? date : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}
