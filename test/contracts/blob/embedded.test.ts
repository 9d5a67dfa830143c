import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '@formloom/model';
import { createEmbeddedBlobStore, openEmbeddedStore, removeStaleTempFiles } from '@formloom/platform';
import { describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-store.contract.js';

let dir: string;
let store: DocumentStore;

/** Every file under blobs/ (temp files included) whose id has no metadata document. */
async function strayContent(): Promise<string[]> {
  const root = join(dir, 'blobs');
  const stray: string[] = [];
  for (const sub of await readdir(root).catch(() => [])) {
    for (const file of await readdir(join(root, sub))) {
      if (sub === 'tmp' || !(await store.collection('blobs').findOne({ _id: file }))) stray.push(`${sub}/${file}`);
    }
  }
  return stray;
}

blobStoreContract('embedded (files under DATA_DIR/blobs)', {
  async open() {
    dir = await mkdtemp(join(tmpdir(), 'formloom-blob-'));
    store = await openEmbeddedStore({ dir });
    return createEmbeddedBlobStore({ dataDir: dir, store });
  },
  async close() {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  },
  strayContent,
});

describe('embedded blob store: crash leftovers', () => {
  it('removes stale temp files of interrupted uploads and keeps fresh ones', async () => {
    const base = await mkdtemp(join(tmpdir(), 'formloom-blob-tmp-'));
    try {
      const tmp = join(base, 'blobs', 'tmp');
      await mkdir(tmp, { recursive: true });
      await writeFile(join(tmp, 'old.part'), 'half an upload');
      await writeFile(join(tmp, 'new.part'), 'an upload in progress');
      const hourAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(join(tmp, 'old.part'), hourAgo, hourAgo);
      expect(await removeStaleTempFiles(base)).toBe(1);
      expect(await readdir(tmp)).toEqual(['new.part']);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
