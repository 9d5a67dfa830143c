import { notFound } from '@formloom/model';
import type { AppRegistry } from '../apps/app-registry.js';
import { contentDisposition } from '../files/content-disposition.js';
import { recordContext } from '../records/record-context.js';
import type { FormloomApp } from '../server/types.js';
import { fieldColumns } from './exchange-columns.js';
import { ExportBody, FormParams, XlsxResponse } from './exchange-schemas.js';
import { exportFileName, streamExport } from './export-workbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `POST /api/forms/:formId/records/export`: the current filter of the table as an .xlsx download. */
export function registerExportRoutes(app: FormloomApp, registry: AppRegistry): void {
  app.post(
    '/api/forms/:formId/records/export',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags: ['exchange'],
        summary: 'Export the records matching a filter to Excel (needs the export permission on the form)',
        params: FormParams,
        body: ExportBody,
        response: { 200: XlsxResponse },
      },
    },
    async (request, reply) => {
      const { formId } = request.params;
      const ctx = await recordContext(registry, request.principal, formId, 'export');
      const published = await registry.catalog.getPublished(formId);
      if (!published) throw notFound('Published form');
      const { form } = await registry.formContext(request.principal, formId);
      const columns = fieldColumns(published.definition, ctx.access.readableFields, request.body.fields);
      const { fields: _fields, language, ...query } = request.body;
      const stream = await streamExport({
        records: registry.records,
        ctx,
        query,
        columns,
        sheetName: form.name,
        language: language ?? 'en',
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', exportFileName(form.name)))
        .send(stream);
    },
  );
}
