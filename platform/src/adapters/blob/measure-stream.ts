import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLargeError } from '@formloom/model';

/**
 * A pass-through that counts the bytes and hashes them (SHA-256) on the way to storage, and
 * fails with BlobTooLargeError as soon as more than `maxBytes` went through, so an oversize
 * upload is cut off without being buffered.
 */
export class MeasureStream extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private readonly maxBytes: number;

  constructor(maxBytes = Number.POSITIVE_INFINITY) {
    super();
    this.maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    callback(null, chunk);
  }

  get size(): number {
    return this.bytes;
  }

  /** Call once, after the stream finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Content given as bytes or as an async iterable, as a Readable source for `pipeline`. */
export function contentSource(content: AsyncIterable<Uint8Array> | Uint8Array): AsyncIterable<Uint8Array> {
  if (content instanceof Uint8Array) {
    return (async function* () {
      yield content;
    })();
  }
  return content;
}
