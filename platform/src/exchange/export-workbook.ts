import { PassThrough } from 'node:stream';
import type { RecordContext, RecordQuery, RecordService } from '@formloom/engine';
import ExcelJS from 'exceljs';
import type { FieldColumn } from './exchange-columns.js';
import { cellFormat, exportCell, isFormulaLike, TEXT_FORMAT } from './export-values.js';
import { LinkLabeler } from './link-labels.js';

const PAGE = 500;

export interface ExportRequest {
  records: RecordService;
  ctx: RecordContext;
  query: Pick<RecordQuery, 'filter' | 'keyword' | 'sort'>;
  columns: FieldColumn[];
  sheetName: string;
  /** The language of the columns the workbook adds. */
  language: 'en' | 'zh-CN';
}

const SYSTEM_HEADERS = {
  en: { createdAt: 'Created at', updatedAt: 'Updated at' },
  'zh-CN': { createdAt: '创建时间', updatedAt: '更新时间' },
};

/**
 * Streams an .xlsx of every record matching the query that the caller may read: the engine's
 * RecordService.query page by page (row scopes and field limits apply), one worksheet with a
 * header row of field labels, then created and updated at (in the request's language). Linked
 * records are written by their label, read per page with the exporter's read access on the
 * target form (link-labels.ts). The first page is read
 * before anything is sent, so a bad filter or a missing permission is still a JSON error.
 */
export async function streamExport(request: ExportRequest): Promise<PassThrough> {
  const { records, ctx, columns } = request;
  const fields = columns.map((c) => c.key);
  const pageQuery = (cursor?: string): RecordQuery => ({
    ...request.query,
    fields,
    limit: PAGE,
    withTotal: false,
    ...(cursor === undefined ? {} : { cursor }),
  });
  const first = await records.query(ctx, pageQuery());
  const system = SYSTEM_HEADERS[request.language];

  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetTitle(request.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...columns.map((c) => ({ header: c.label, key: c.key, width: 20, style: cellFormat(c.meta) })),
    { header: system.createdAt, key: '_createdAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: system.updatedAt, key: '_updatedAt', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
  ];
  sheet.getRow(1).font = { bold: true };
  keepTextAsText(sheet.getRow(1));

  const links = new LinkLabeler(records, ctx);
  const write = async () => {
    let page = first;
    for (;;) {
      await links.prefetch(
        columns,
        page.items.map((r) => r.data),
      );
      for (const record of page.items) {
        const values = columns.map((c) => exportCell(record.data[c.key], c.meta, links));
        const row = sheet.addRow([...values, new Date(record.createdAt), new Date(record.updatedAt)]);
        keepTextAsText(row);
        row.commit();
      }
      if (page.nextCursor === null) break;
      page = await records.query(ctx, pageQuery(page.nextCursor));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}

/** Cells whose text looks like a formula get the Text format, so they stay inert text in Excel. */
function keepTextAsText(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (isFormulaLike(typeof cell.value === 'string' ? cell.value : null)) cell.numFmt = TEXT_FORMAT;
  });
}

/** Excel sheet names: at most 31 characters, none of `\ / ? * [ ] :`. */
function sheetTitle(name: string): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Records' : cleaned;
}

/** `<form name>-<YYYY-MM-DD>.xlsx` for the download. */
export function exportFileName(formName: string, now = new Date()): string {
  return `${formName.trim() || 'records'}-${now.toISOString().slice(0, 10)}.xlsx`;
}
