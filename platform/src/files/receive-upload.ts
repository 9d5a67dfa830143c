import type { MultipartFile } from '@fastify/multipart';
import { BlobTooLargeError, FormloomError, badRequest, type BlobMeta, type BlobStore } from '@formloom/model';
import { ACCEPTED_KINDS, SNIFF_BYTES, sniffContentType, type AcceptedType } from './content-sniffing.js';

export interface ReceiveOptions {
  maxBytes: number;
  createdBy: string | null;
  /** Narrows the accepted types further (e.g. only xlsx for imports); return a refusal message or null. */
  refine?: (type: AcceptedType) => string | null;
}

export interface ReceivedUpload {
  meta: BlobMeta;
  type: AcceptedType;
}

/**
 * Streams one uploaded file into the blob store: reads the first bytes, decides the type
 * from them (content-sniffing.ts), then stores the head and the rest with the size limit
 * enforced while streaming. Refusals are FormloomErrors naming the rule on the path `file`:
 * `fileType` (400) and `maxSize` (413).
 */
export async function receiveUpload(
  file: MultipartFile,
  blobs: BlobStore,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const iterator = file.file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const headBuffer = Buffer.concat(head);
  const type = await sniffContentType(headBuffer.subarray(0, SNIFF_BYTES), file.filename);
  if (!type.accepted) {
    file.file.resume();
    throw badRequest(`This file type is not accepted: the content is ${type.detected}`, [
      {
        path: 'file',
        rule: 'fileType',
        message: `The content is ${type.detected}; accepted: ${ACCEPTED_KINDS} (checked by content, not by name)`,
      },
    ]);
  }
  const refusal = options.refine?.(type) ?? null;
  if (refusal !== null) {
    file.file.resume();
    throw badRequest(refusal, [{ path: 'file', rule: 'fileType', message: refusal }]);
  }

  async function* content(): AsyncGenerator<Uint8Array> {
    yield headBuffer;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }

  let meta: BlobMeta;
  try {
    meta = await blobs.put(content(), {
      contentType: type.contentType,
      name: safeFileName(file.filename, type.ext),
      createdBy: options.createdBy,
      maxBytes: options.maxBytes,
    });
  } catch (e) {
    if (e instanceof BlobTooLargeError || isMultipartTooLarge(e)) throw tooLarge(options.maxBytes);
    throw e;
  }
  if (file.file.truncated) {
    await blobs.delete(meta.id);
    throw tooLarge(options.maxBytes);
  }
  return { meta, type };
}

function tooLarge(maxBytes: number): FormloomError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new FormloomError('PAYLOAD_TOO_LARGE', `The file is larger than ${mb} MB`, [
    { path: 'file', rule: 'maxSize', message: `At most ${mb} MB` },
  ]);
}

function isMultipartTooLarge(e: unknown): boolean {
  return e instanceof Error && (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE';
}

/** The client's file name, reduced to its last path segment without control characters; a fallback when empty. */
export function safeFileName(raw: string | undefined, ext: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((c) => c > '\u001f' && c !== '\u007f' && c !== '"')
    .join('')
    .trim()
    .slice(0, 255);
  return cleaned === '' ? `file.${ext}` : cleaned;
}
