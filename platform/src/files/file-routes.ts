import multipart from '@fastify/multipart';
import { badRequest, isFormloomError, notFound, type BlobMeta, type BlobStore, type Principal } from '@formloom/model';
import { recordContext } from '../records/record-context.js';
import type { FormloomApp } from '../server/types.js';
import { fileIdsIn, type BlobRefs } from './blob-refs.js';
import { BinaryResponse, BlobIdParams, DownloadQuery, UploadedFileSchema } from './file-schemas.js';
import { receiveUpload } from './receive-upload.js';
import { sendBlob } from './send-blob.js';

const tags = ['files'];

/**
 * `POST /api/files` (multipart, one part named `file`) and `GET /api/files/:id`. Uploads are
 * typed by their content and size-limited while streaming; downloads are attachments (raster
 * images may be inline with `?inline=1`), with `nosniff` and `default-src 'none'`.
 *
 * Who may download: the uploader, admins, and whoever may read a record that references the
 * file in a field they may read (found through the `blob_refs` index, then read through the
 * RecordService as the caller, so permission groups, row scopes and field limits apply).
 */
export async function registerFileRouteScope(app: FormloomApp, blobs: BlobStore, refs: BlobRefs): Promise<void> {
  const maxBytes = app.services.config.uploadMaxBytes;
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
  });

  app.post(
    '/api/files',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags,
        summary: 'Upload one file (multipart part `file`); the type is decided by the content',
        consumes: ['multipart/form-data'],
        response: { 201: UploadedFileSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw badRequest('Send the file as multipart/form-data', [notMultipart()]);
      const file = await request.file();
      if (!file) throw badRequest('No file in the request', [notMultipart()]);
      const { meta } = await receiveUpload(file, blobs, { maxBytes, createdBy: request.principal.userId });
      return reply.code(201).send(uploadedView(meta));
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { access: { permission: 'user' } },
      schema: {
        tags,
        summary: 'Download a file (its uploader, admins, readers of a record that references it)',
        params: BlobIdParams,
        querystring: DownloadQuery,
        response: { 200: BinaryResponse },
      },
    },
    async (request, reply) => {
      const meta = await blobs.stat(request.params.id);
      if (!meta || !(await mayRead(request.principal, meta))) throw notFound('File');
      const found = await blobs.get(meta.id);
      if (!found) throw notFound('File');
      return sendBlob(reply, found, request.query.inline === '1');
    },
  );

  /** Unknown and unreadable blobs both answer 404, so ids cannot be probed. */
  async function mayRead(principal: Principal, meta: BlobMeta): Promise<boolean> {
    if (principal.isAdmin || (meta.createdBy !== null && meta.createdBy === principal.userId)) return true;
    const registry = app.services.apps;
    if (registry === undefined || principal.userId === null) return false;
    for (const ref of await refs.referencing(meta.id)) {
      try {
        const ctx = await recordContext(registry, principal, ref.formId, 'read');
        const record = await registry.records.get(ctx, ref.recordId);
        if (fileIdsIn(record.data).has(meta.id)) return true;
      } catch (e) {
        // Not a member, no read access, out of scope, gone: this record grants nothing.
        if (!isFormloomError(e)) throw e;
      }
    }
    return false;
  }
}

function notMultipart() {
  return { path: 'file', rule: 'required', message: 'A multipart part named "file" is required' };
}

export function uploadedView(meta: BlobMeta) {
  return {
    blobId: meta.id,
    name: meta.name,
    size: meta.size,
    type: meta.contentType,
    sha256: meta.sha256,
    createdAt: meta.createdAt,
    createdBy: meta.createdBy,
  };
}
