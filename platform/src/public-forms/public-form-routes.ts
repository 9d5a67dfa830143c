import multipart from '@fastify/multipart';
import {
  ANONYMOUS_PRINCIPAL,
  FormloomError,
  badRequest,
  notFound,
  type BlobStore,
  type PublishedFormVersion,
} from '@formloom/model';
import { appScopedRelatedForm, type FormAccess, type RecordContext } from '@formloom/engine';
import type { AppRegistry } from '../apps/app-registry.js';
import type { FormDoc } from '../apps/app.types.js';
import { receiveUpload } from '../files/receive-upload.js';
import { sendBlob } from '../files/send-blob.js';
import { BinaryResponse, DownloadQuery } from '../files/file-schemas.js';
import type { FormloomApp } from '../server/types.js';
import { publicDefinition, publicWritableFields, refusedColumns, submittedFiles, takesFiles } from './public-fields.js';
import {
  PublicFileParams,
  PublicFormSchema,
  PublicSubmitBody,
  PublicSubmitted,
  PublicTokenParams,
  PublicUploadedSchema,
} from './public-form-schemas.js';
import type { PublicRateLimits } from './public-rate-limits.js';
import type { PublicUploads } from './public-uploads.js';

const open = { access: { public: true } } as const;
const tags = ['public forms'];

export interface PublicFormDeps {
  registry: AppRegistry;
  blobs: BlobStore;
  uploads: PublicUploads;
  limits: PublicRateLimits;
  maxBytes: number;
}

/** What an anonymous filler may do on one form: create records, set the public fields, read nothing back. */
function publicAccess(published: PublishedFormVersion): FormAccess {
  return {
    full: false,
    actions: new Set(['create']),
    scopes: { create: null },
    readableFields: new Set(),
    writableFields: publicWritableFields(published.definition),
  };
}

/**
 * The anonymous side of a form's public link (公开链接), all under `/api/public/forms/:token`:
 * the fillable published definition, submitting a record, uploading a file for it and reading
 * that upload back until it is submitted. An unknown, regenerated or switched-off token is a
 * 404 like any other miss. Every request is rate-limited (see public-rate-limits.ts).
 */
export async function registerPublicFormRouteScope(app: FormloomApp, deps: PublicFormDeps): Promise<void> {
  const { registry, blobs, uploads, limits, maxBytes } = deps;
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  });

  /** The form behind a live token and its latest published version; 404 otherwise. */
  async function resolve(token: string): Promise<{ form: FormDoc; published: PublishedFormVersion }> {
    const found = await registry.forms.findByPublicToken(token);
    const published = found === null ? null : await registry.catalog.getPublished(found.form._id);
    if (found === null || published === null) throw notFound('Form');
    return { form: found.form, published };
  }

  app.get(
    '/api/public/forms/:token',
    {
      config: open,
      schema: {
        tags,
        summary: 'The form behind a public link, as the public page renders it (anonymous)',
        security: [],
        params: PublicTokenParams,
        response: { 200: PublicFormSchema },
      },
    },
    async (request, reply) => {
      await limits.check('lookup', request, reply);
      const { form, published } = await resolve(request.params.token);
      const definition = publicDefinition(published.definition);
      return { name: form.name, version: published.version, definition, takesFiles: takesFiles(definition) };
    },
  );

  app.post(
    '/api/public/forms/:token/records',
    {
      config: open,
      schema: {
        tags,
        summary: 'Submit a record through a public link (anonymous; validated like every create)',
        security: [],
        params: PublicTokenParams,
        body: PublicSubmitBody,
        response: { 201: PublicSubmitted },
      },
    },
    async (request, reply) => {
      await limits.check('lookup', request, reply);
      const { form, published } = await resolve(request.params.token);
      await limits.check('submit', request, reply, form._id);
      await limits.check('submitPerForm', request, reply, form._id);
      const data = request.body.data;
      const refused = refusedColumns(published.definition, data);
      if (refused.length > 0) throw new FormloomError('FORBIDDEN', 'Some of these values cannot be set here', refused);
      const files = submittedFiles(published.definition, data);
      const mine = await uploads.unused(
        form._id,
        files.map((f) => f.blobId),
      );
      const foreign = files.filter((f) => !mine.has(f.blobId));
      if (foreign.length > 0)
        throw badRequest(
          'Some files were not uploaded through this link',
          foreign.map((f) => ({ path: f.path, rule: 'publicUpload', message: 'Upload the file through this form' })),
        );
      const ctx: RecordContext = {
        principal: ANONYMOUS_PRINCIPAL,
        access: publicAccess(published),
        appId: form.appId,
        formId: form._id,
        // Linkage defaults of public fields apply as for a signed-in filler, reading only this
        // app's forms; nothing read is answered (docs/decisions.md, "Public links and linkage").
        relatedForm: appScopedRelatedForm(registry.catalog, ANONYMOUS_PRINCIPAL, form.appId),
      };
      const created = await registry.records.create(ctx, data);
      await uploads.markUsed(
        files.map((f) => f.blobId),
        created.id,
      );
      return reply.code(201).send({ id: created.id, createdAt: created.createdAt });
    },
  );

  app.post(
    '/api/public/forms/:token/files',
    {
      config: open,
      schema: {
        tags,
        summary: 'Upload a file for a public submission (multipart part `file`; typed by content)',
        security: [],
        consumes: ['multipart/form-data'],
        params: PublicTokenParams,
        response: { 201: PublicUploadedSchema },
      },
    },
    async (request, reply) => {
      await limits.check('lookup', request, reply);
      const { form, published } = await resolve(request.params.token);
      await limits.check('upload', request, reply, form._id);
      if (!takesFiles(publicDefinition(published.definition)))
        throw badRequest('This form takes no files', [
          { path: 'file', rule: 'noFileFields', message: 'This form has no attachment, image or signature field' },
        ]);
      if (!request.isMultipart())
        throw badRequest('Send the file as multipart/form-data', [
          { path: 'file', rule: 'required', message: 'A multipart part named "file" is required' },
        ]);
      const file = await request.file();
      if (!file)
        throw badRequest('No file in the request', [
          { path: 'file', rule: 'required', message: 'A multipart part named "file" is required' },
        ]);
      const { meta } = await receiveUpload(file, blobs, { maxBytes, createdBy: null });
      await uploads.add(meta.id, form._id, new Date());
      return reply.code(201).send({ blobId: meta.id, name: meta.name, size: meta.size, type: meta.contentType });
    },
  );

  app.get(
    '/api/public/forms/:token/files/:blobId',
    {
      config: open,
      schema: {
        tags,
        summary: 'Read back a file uploaded through this link and not submitted yet (for a day)',
        security: [],
        params: PublicFileParams,
        querystring: DownloadQuery,
        response: { 200: BinaryResponse },
      },
    },
    async (request, reply) => {
      await limits.check('lookup', request, reply);
      const { form } = await resolve(request.params.token);
      const { blobId } = request.params;
      const found = (await uploads.readable(form._id, blobId, new Date())) ? await blobs.get(blobId) : null;
      if (found === null) throw notFound('File');
      return sendBlob(reply, found, request.query.inline === '1');
    },
  );
}
