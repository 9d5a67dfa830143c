import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '@formloom/model';
import { createEmbeddedBlobStore, openEmbeddedStore } from '@formloom/platform';
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
