import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from '../../../platform/src/adapters/store/embedded/index.js';
import { openMongoStore } from '../../../platform/src/adapters/store/mongodb/index.js';
import { runStoreContract } from './store-contract.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'formloom-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

runStoreContract(
  'embedded',
  () => openEmbeddedStore({ dir: tempDir() }),
  (store) => store.close(),
);

const mongoUrl = process.env.MONGO_URL;
if (mongoUrl) {
  const dbName = `formloom_contract_${process.pid}_${Date.now()}`;
  runStoreContract(
    'mongodb',
    () => openMongoStore({ url: mongoUrl, dbName }),
    async (store) => {
      for (const name of await store.listCollections()) await store.collection(name).drop();
      await store.close();
    },
  );
} else {
  describe('DocumentStore contract: mongodb', () => {
    it.skip('skipped: set MONGO_URL (a replica set, for transactions) to run the contract against MongoDB', () => {});
  });
  console.warn('[store contract] MONGO_URL is not set: the MongoDB adapter contract is skipped');
}

describe('embedded store on disk', () => {
  it('keeps documents, indexes and planner knowledge across close and reopen', async () => {
    const dir = tempDir();
    const first = await openEmbeddedStore({ dir });
    const c = first.collection('people');
    await c.createIndex({ keys: { email: 1 }, unique: true });
    await c.insertMany([
      { _id: 'a', email: 'a@x', tags: ['x'] },
      { _id: 'b', email: 'b@x', tags: ['y', 'x'] },
    ]);
    await first.close();

    const second = await openEmbeddedStore({ dir });
    const again = second.collection('people');
    expect(await again.countDocuments({})).toBe(2);
    expect((await again.find({ tags: 'x' }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'b']);
    expect((await again.listIndexes()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
    await expect(again.insertOne({ _id: 'c', email: 'a@x' })).rejects.toMatchObject({ keys: ['email'] });
    await second.close();
  });

  it('refuses a second open of the same directory while the first is open', async () => {
    const dir = tempDir();
    const first = await openEmbeddedStore({ dir });
    await expect(openEmbeddedStore({ dir })).rejects.toThrow(/already in use/);
    await first.close();
    const reopened = await openEmbeddedStore({ dir });
    await reopened.close();
  });

  it('refuses a directory locked by another running process, and takes over a lock left by a dead one', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'formloom.lock'), String(other.pid));
      await expect(openEmbeddedStore({ dir })).rejects.toThrow(`pid ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const taken = await openEmbeddedStore({ dir }); // the owner is gone: the lock is stale
    await taken.collection('x').insertOne({ _id: '1' });
    await taken.close();
  });

  it('refuses work after close', async () => {
    const store = await openEmbeddedStore({ dir: tempDir(), synchronous: 'full' });
    await store.close();
    await expect(store.collection('x').find({})).rejects.toThrow(/closed/);
  });
});
