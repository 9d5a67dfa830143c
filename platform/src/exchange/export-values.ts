import type { FieldMeta } from '@formloom/model';
import { isLinkField, LINK_SEPARATOR } from './link-labels.js';

/** Names a linked record (export: its display fields, see link-labels.ts). */
export interface LinkLabels {
  label(target: NonNullable<FieldMeta['link']>, id: string): string;
}

/**
 * A record value as an Excel cell value, by field kind: options by their label, dates as
 * Excel dates, numbers and money as numbers, switches as booleans, arrays joined, files by
 * name, rich text as plain text, linked records by their label when `links` names them. Strings are written as text cells (never formulas), so a
 * value such as `=HYPERLINK(…)` stays inert.
 */
export type CellValue = string | number | boolean | Date | null;

export interface CellFormat {
  numFmt?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function exportCell(value: unknown, meta: FieldMeta, links?: LinkLabels): CellValue {
  if (value === null || value === undefined) return null;
  if (links !== undefined && isLinkField(meta))
    return (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .map((id) => links.label(meta.link, id))
      .join(LINK_SEPARATOR);
  switch (meta.kind) {
    case 'radio':
    case 'select':
      return optionLabel(value, meta);
    case 'checkbox':
    case 'multiselect':
      return Array.isArray(value) ? value.map((v) => optionLabel(v, meta)).join(', ') : optionLabel(value, meta);
    case 'date':
    case 'datetime':
      return typeof value === 'string' ? toDate(value) : String(value);
    case 'number':
    case 'money':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : String(value);
    case 'switch':
      return typeof value === 'boolean' ? value : String(value);
    case 'image':
    case 'attachment':
    case 'signature':
      return Array.isArray(value) ? value.map((f) => fileName(f)).join(', ') : fileName(value);
    case 'richtext':
      return typeof value === 'string' ? plainText(value) : String(value);
    case 'address':
      return isRecord(value)
        ? ['province', 'city', 'district', 'detail']
            .map((k) => value[k])
            .filter((v) => typeof v === 'string' && v)
            .join(' ')
        : String(value);
    case 'location':
      return isRecord(value) ? [value.lat ?? value.latitude, value.lng ?? value.longitude].join(', ') : String(value);
    case 'subform':
      return Array.isArray(value) ? subformText(value, meta, links) : String(value);
    default:
      return scalarText(value);
  }
}

/** A spreadsheet reads text starting with these as a formula when the cell is typed in or saved as CSV. */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/**
 * Text a spreadsheet would take for a formula (`=HYPERLINK(…)`, `+1+1`, `@SUM(…)`, `-2+3`). Such
 * cells are written as text cells with the Text number format (`@`), so Excel shows them as
 * they are and keeps them text when someone edits the cell; the value itself is unchanged, so
 * it imports back as it was.
 */
export function isFormulaLike(value: CellValue): boolean {
  return typeof value === 'string' && FORMULA_START.test(value);
}

/** The Text number format: what is typed into the cell stays text. */
export const TEXT_FORMAT = '@';

export function cellFormat(meta: FieldMeta): CellFormat {
  if (meta.kind === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (meta.kind === 'datetime') return { numFmt: 'yyyy-mm-dd hh:mm:ss' };
  if (meta.kind === 'money') return { numFmt: '#,##0.00' };
  if (meta.kind === 'number' && meta.number?.precision !== undefined) {
    const p = meta.number.precision;
    return { numFmt: `${meta.number.thousands ? '#,##0' : '0'}${p > 0 ? '.' + '0'.repeat(p) : ''}` };
  }
  return {};
}

function optionLabel(value: unknown, meta: FieldMeta): string {
  const option = meta.options?.find((o) => o.value === value);
  return option ? option.label : String(value);
}

/** ISO date or date-time → a Date Excel shows as that date (dates: midnight UTC, which exceljs writes as the serial day). */
function toDate(value: string): Date | string {
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(date.getTime()) ? value : date;
}

function fileName(file: unknown): string {
  return isRecord(file) && typeof file.name === 'string' ? file.name : '';
}

function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function subformText(rows: unknown[], meta: FieldMeta, links: LinkLabels | undefined): string {
  const columns = meta.subform?.fields ?? {};
  return rows
    .filter(isRecord)
    .map((row) =>
      Object.entries(columns)
        .filter(([key]) => row[key] !== undefined && row[key] !== null)
        .map(([key, column]) => `${column.label}: ${String(exportCell(row[key], column, links) ?? '')}`)
        .join('; '),
    )
    .join('\n');
}

function scalarText(value: unknown): CellValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (isRecord(v) ? JSON.stringify(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
