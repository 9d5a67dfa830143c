import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { badRequest, notFound, type BlobMeta, type BlobStore, type Principal } from '@formloom/model';
import type { FormloomApp } from '../server/types.js';
import { BinaryResponse, BlobIdParams, DownloadQuery, UploadedFileSchema } from './file-schemas.js';
import { receiveUpload } from './receive-upload.js';
import { contentDisposition } from './content-disposition.js';

const tags = ['files'];
const RASTER_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * `POST /api/files` (multipart, one part named `file`) and `GET /api/files/:id`. Uploads are
 * typed by their content and size-limited while streaming; downloads are attachments (raster
 * images may be inline with `?inline=1`), with `nosniff` and `default-src 'none'`.
 *
 * Who may download: the uploader and admins. Reading a blob because a readable record
 * references it is not implemented yet (it needs a reverse index from blobs to records).
 */
export async function registerFileRouteScope(app: FormloomApp, blobs: BlobStore): Promise<void> {
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
        summary: 'Download a file (the uploader and admins)',
        params: BlobIdParams,
        querystring: DownloadQuery,
        response: { 200: BinaryResponse },
      },
    },
    async (request, reply) => {
      const found = await blobs.get(request.params.id);
      if (!found || !mayRead(request.principal, found.meta)) throw notFound('File');
      const { meta } = found;
      const inline = request.query.inline === '1' && RASTER_INLINE.has(meta.contentType);
      return reply
        .header('content-type', meta.contentType)
        .header('content-length', String(meta.size))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', meta.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header('etag', `"${meta.sha256}"`)
        .send(found.stream instanceof Readable ? found.stream : Readable.from(found.stream));
    },
  );
}

function notMultipart() {
  return { path: 'file', rule: 'required', message: 'A multipart part named "file" is required' };
}

/** Unknown and unreadable blobs both answer 404, so ids cannot be probed. */
function mayRead(principal: Principal, meta: BlobMeta): boolean {
  return principal.isAdmin || (meta.createdBy !== null && meta.createdBy === principal.userId);
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
