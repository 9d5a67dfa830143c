import { Readable } from 'node:stream';
import type { BlobContent } from '@formloom/model';
import type { FastifyReply } from 'fastify';
import { contentDisposition } from './content-disposition.js';

const RASTER_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Streams a stored file as a download: an attachment (raster images may be inline when
 * asked), with `nosniff`, `default-src 'none'; sandbox` and same-origin resource policy, so a
 * stored file can never run as a page of ours.
 */
export function sendBlob(reply: FastifyReply, found: BlobContent, wantInline: boolean): FastifyReply {
  const { meta } = found;
  const inline = wantInline && RASTER_INLINE.has(meta.contentType);
  return reply
    .header('content-type', meta.contentType)
    .header('content-length', String(meta.size))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', meta.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('etag', `"${meta.sha256}"`)
    .send(found.stream instanceof Readable ? found.stream : Readable.from(found.stream));
}
