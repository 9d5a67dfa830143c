import { createHash } from 'node:crypto';
import { BlobTooLargeError, type BlobStore } from '@formloom/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * The behaviour every BlobStore adapter must have. `open` gives a fresh, empty store;
 * `close` releases it. Run from one `*.test.ts` per adapter.
 */
export interface BlobStoreFixture {
  open(): Promise<BlobStore>;
  close(): Promise<void>;
  /** Files or chunks the adapter holds that belong to no stored blob (crash-safety check). */
  strayContent?(): Promise<string[]>;
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function* chunks(total: number, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += size) yield Buffer.alloc(Math.min(size, total - sent), sent % 251);
}

export function blobStoreContract(name: string, fixture: BlobStoreFixture): void {
  describe(`BlobStore contract: ${name}`, () => {
    let blobs: BlobStore;
    beforeEach(async () => {
      blobs = await fixture.open();
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('stores bytes and gives them back with size, sha256, type, name and uploader', async () => {
      const bytes = Buffer.from('hello, blob store\n');
      const meta = await blobs.put(bytes, { contentType: 'text/plain', name: 'hello.txt', createdBy: 'u1' });
      expect(meta).toMatchObject({
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentType: 'text/plain',
        name: 'hello.txt',
        createdBy: 'u1',
      });
      expect(meta.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      const got = await blobs.get(meta.id);
      expect(got?.meta).toEqual(meta);
      expect(await readAll(got!.stream)).toEqual(bytes);
      expect(await blobs.stat(meta.id)).toEqual(meta);
      expect(await blobs.exists(meta.id)).toBe(true);
    });

    it('streams a multi-chunk upload and gives distinct ids to equal content', async () => {
      const size = 1024 * 1024 + 17;
      const a = await blobs.put(chunks(size), { contentType: 'application/octet-stream', name: 'a.bin' });
      const b = await blobs.put(chunks(size), { contentType: 'application/octet-stream', name: 'b.bin' });
      expect(a.size).toBe(size);
      expect(a.sha256).toBe(b.sha256);
      expect(a.id).not.toBe(b.id);
      const back = await readAll((await blobs.get(b.id))!.stream);
      expect(back.length).toBe(size);
      expect(createHash('sha256').update(back).digest('hex')).toBe(a.sha256);
    });

    it('refuses content over maxBytes and keeps nothing of it', async () => {
      await expect(
        blobs.put(chunks(300 * 1024), { contentType: 'application/octet-stream', name: 'big.bin', maxBytes: 100_000 }),
      ).rejects.toBeInstanceOf(BlobTooLargeError);
      if (fixture.strayContent) expect(await fixture.strayContent()).toEqual([]);
      const exact = await blobs.put(Buffer.alloc(100), { contentType: 'text/plain', name: 'x', maxBytes: 100 });
      expect(exact.size).toBe(100);
    });

    it('deletes: the blob is gone, a second delete reports nothing deleted', async () => {
      const meta = await blobs.put(Buffer.from('bye'), { contentType: 'text/plain', name: 'bye.txt' });
      expect(await blobs.delete(meta.id)).toBe(true);
      expect(await blobs.get(meta.id)).toBeNull();
      expect(await blobs.exists(meta.id)).toBe(false);
      expect(await blobs.delete(meta.id)).toBe(false);
      if (fixture.strayContent) expect(await fixture.strayContent()).toEqual([]);
    });

    it('answers null for unknown and malformed ids without touching paths', async () => {
      expect(await blobs.get('0123456789abcdef0123456789abcdef')).toBeNull();
      expect(await blobs.get('../../etc/passwd')).toBeNull();
      expect(await blobs.stat('a/b')).toBeNull();
      expect(await blobs.delete('..')).toBe(false);
    });
  });
}
