import { PassThrough } from 'node:stream';
import { importCellType, newId } from '@formloom/engine';
import {
  FormloomError,
  badRequest,
  conflict,
  notFound,
  validationFailed,
  type BlobStore,
  type ErrorDetail,
  type Principal,
} from '@formloom/model';
import { languageOfAcceptHeader } from '@formloom/engine/messages';
import ExcelJS from 'exceljs';
import type { AppRegistry } from '../apps/app-registry.js';
import { USERS, type UserDoc } from '../auth/users.js';
import { contentDisposition } from '../files/content-disposition.js';
import { receiveUpload } from '../files/receive-upload.js';
import { recordContext } from '../records/record-context.js';
import type { FormloomApp } from '../server/types.js';
import { FormParams, ImportCreated, ImportParams, ImportStatus, StartBody, XlsxResponse } from './exchange-schemas.js';
import { XLSX_TYPE } from './export-routes.js';
import { complete, enqueueChunks, enqueueRead } from './import-jobs.js';
import { readHeader } from './import-reader.js';
import { errorReportWords } from './import-report.js';
import { importCollections, type ImportDoc } from './import-store.js';

const tags = ['exchange'];
const user = { access: { permission: 'user' } } as const;
const MAX_LISTED_ERRORS = 200;

/**
 * Excel import: upload (header read at once, rows read by a job) → status with the columns →
 * start with a column → field mapping (rows created by chunk jobs) → status with progress and
 * row errors → errors.xlsx. An import is visible to the user who made it and to admins.
 */
export function registerImportRoutes(app: FormloomApp, registry: AppRegistry, blobs: BlobStore): void {
  const services = app.services;
  const { imports, errors } = importCollections(services.store);

  async function ownImport(principal: Principal, id: string): Promise<ImportDoc> {
    const doc = await imports.findOne({ _id: id });
    if (!doc || (!principal.isAdmin && doc.createdBy !== principal.userId)) throw notFound('Import');
    return doc;
  }

  app.post(
    '/api/forms/:formId/imports',
    {
      config: user,
      schema: {
        tags,
        summary: 'Upload an .xlsx to import (multipart part `file`); returns the import id once the header is read',
        consumes: ['multipart/form-data'],
        params: FormParams,
        response: { 201: ImportCreated },
      },
    },
    async (request, reply) => {
      const { formId } = request.params;
      const ctx = await recordContext(registry, request.principal, formId, 'import');
      if (!(await registry.catalog.getPublished(formId))) throw notFound('Published form');
      if (!request.isMultipart()) throw badRequest('Send the workbook as multipart/form-data', [fileRequired()]);
      const file = await request.file();
      if (!file) throw badRequest('No file in the request', [fileRequired()]);
      const { meta } = await receiveUpload(file, blobs, {
        maxBytes: services.config.uploadMaxBytes,
        createdBy: request.principal.userId,
        refine: (type) => (type.ext === 'xlsx' ? null : 'Only Excel workbooks (.xlsx) can be imported'),
      });
      let header: string[];
      try {
        const content = await blobs.get(meta.id);
        header = content ? await readHeader(content.stream) : [];
      } catch {
        header = [];
      }
      if (header.every((h) => h === '')) {
        await blobs.delete(meta.id);
        throw badRequest('The first row of the first sheet must name the columns', [
          { path: 'file', rule: 'header', message: 'No header row found in the first worksheet' },
        ]);
      }
      const at = new Date().toISOString();
      const doc: ImportDoc = {
        _id: newId(),
        formId,
        appId: ctx.appId,
        blobId: meta.id,
        fileName: meta.name,
        createdBy: request.principal.userId ?? '',
        state: 'reading',
        columns: header.map((h, index) => ({ index, header: h })),
        mapping: null,
        total: null,
        chunks: null,
        chunksDone: 0,
        processed: 0,
        created: 0,
        failed: 0,
        message: null,
        createdAt: at,
        updatedAt: at,
      };
      await imports.insertOne(doc);
      await enqueueRead(services, doc._id);
      return reply.code(201).send({ importId: doc._id });
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: user,
      schema: {
        tags,
        summary: 'State and progress of an import, with its first row errors',
        params: ImportParams,
        response: { 200: ImportStatus },
      },
    },
    async (request) => {
      const doc = await ownImport(request.principal, request.params.id);
      const failedRows = await errors.find({ importId: doc._id }, { sort: { row: 1 }, limit: MAX_LISTED_ERRORS });
      const listed = failedRows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e }))).slice(0, MAX_LISTED_ERRORS);
      return {
        id: doc._id,
        formId: doc.formId,
        fileName: doc.fileName,
        state: doc.state,
        total: doc.total,
        processed: doc.processed,
        created: doc.created,
        failed: doc.failed,
        errors: listed,
        columns: doc.columns,
        mapping: doc.mapping,
        message: doc.message,
        createdAt: doc.createdAt,
        updatedAt: doc.updatedAt,
      };
    },
  );

  app.post(
    '/api/imports/:id/start',
    {
      config: user,
      schema: {
        tags,
        summary: 'Start an import with a column → field mapping; rows are created by background jobs',
        params: ImportParams,
        body: StartBody,
        response: { 202: ImportCreated },
      },
    },
    async (request, reply) => {
      const doc = await ownImport(request.principal, request.params.id);
      const ctx = await recordContext(registry, request.principal, doc.formId, 'import');
      if (!ctx.access.full && !ctx.access.actions.has('create'))
        throw new FormloomError('FORBIDDEN', 'Importing needs the permission to add records to this form');
      const published = await registry.catalog.getPublished(doc.formId);
      if (!published) throw notFound('Published form');
      const mapping = request.body.mapping;
      const problems: ErrorDetail[] = [];
      const seen = new Set<string>();
      for (const [column, field] of Object.entries(mapping)) {
        const path = `mapping.${column}`;
        const meta = published.definition.fields[field];
        if (Number(column) >= doc.columns.length)
          problems.push({ path, rule: 'column', message: `The file has no column ${column}` });
        else if (!meta) problems.push({ path, rule: 'unknownField', message: `The form has no field ${field}` });
        else if (importCellType(meta.kind) === undefined)
          problems.push({ path, rule: 'importable', message: `${meta.label} (${meta.kind}) cannot be imported` });
        else if (ctx.access.writableFields !== null && !ctx.access.writableFields.has(field))
          problems.push({ path, rule: 'writable', message: `You may not write ${meta.label}` });
        else if (seen.has(field))
          problems.push({ path, rule: 'unique', message: `${meta.label} is mapped from two columns` });
        seen.add(field);
      }
      if (seen.size === 0)
        problems.push({ path: 'mapping', rule: 'minProperties', message: 'Map at least one column' });
      if (problems.length) throw validationFailed(problems, 'The mapping is invalid');

      const started = await imports.findOneAndUpdate(
        { _id: doc._id, state: 'ready' },
        { $set: { state: 'running', mapping, updatedAt: new Date().toISOString() } },
      );
      if (!started) {
        throw conflict(
          doc.state === 'reading' ? 'The file is still being read; try again shortly' : `The import is ${doc.state}`,
          [{ path: 'state', rule: 'state', message: `The import is ${doc.state}` }],
        );
      }
      if (started.chunks === 0) {
        await complete(services, started);
      } else {
        await enqueueChunks(
          services,
          doc._id,
          Array.from({ length: started.chunks ?? 0 }, (_, i) => i),
        );
      }
      return reply.code(202).send({ importId: doc._id });
    },
  );

  app.get(
    '/api/imports/:id/errors.xlsx',
    {
      config: user,
      schema: {
        tags,
        summary: 'The rows that failed, as in the file, with an error column',
        params: ImportParams,
        response: { 200: XlsxResponse },
      },
    },
    async (request, reply) => {
      const doc = await ownImport(request.principal, request.params.id);
      const published = await registry.catalog.getPublished(doc.formId);
      // In the language of the user who ran the import: their choice, else what this browser asks for.
      const importer = await services.store.collection<UserDoc>(USERS).findOne({ _id: doc.createdBy });
      const lang =
        importer?.locale ?? languageOfAcceptHeader(request.headers['accept-language'], services.config.defaultLocale);
      const words = errorReportWords(lang, published?.definition);
      const out = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(words.sheet);
      sheet.addRow([words.rowHeader, ...doc.columns.map((c) => c.header), words.errorsHeader]).commit();
      const write = async () => {
        let after = 0;
        for (;;) {
          const page = await errors.find({ importId: doc._id, row: { $gt: after } }, { sort: { row: 1 }, limit: 500 });
          for (const r of page) {
            const cells = doc.columns.map((c) => r.cells[c.index] ?? null);
            const text = r.errors.map((e) => words.line(e));
            sheet.addRow([r.row, ...cells, text.join('\n')]).commit();
          }
          if (page.length < 500) break;
          after = page[page.length - 1]?.row ?? after;
        }
        sheet.commit();
        await workbook.commit();
      };
      write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition('attachment', `${doc.fileName.replace(/\.xlsx$/i, '')}-errors.xlsx`),
        )
        .send(out);
    },
  );
}

function fileRequired(): ErrorDetail {
  return { path: 'file', rule: 'required', message: 'A multipart part named "file" is required' };
}
