import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Doc, DocumentStore } from '@formloom/model';
import { openEmbeddedStore, type EmbeddedStore } from './embedded-store.js';

/**
 * Group commit: writers that queue behind a running transaction share its SQLite transaction
 * and COMMIT. These tests hold the first transaction open on a gate so that the others queue.
 */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'formloom-group-commit-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);

describe('embedded store group commit', () => {
  it('rolls back a failing transaction of a batch alone, schema changes included', async () => {
    const store = await openEmbeddedStore({ dir: tempDir() });
    const c = store.collection('t');
    const first = gate();
    const a = store.transaction(async () => {
      await c.insertOne({ _id: 'a' });
      await first.wait;
    });
    const b = store.transaction(async (tx) => {
      await c.insertOne({ _id: 'b' });
      await tx.collection('created_by_b').createIndex({ keys: { x: 1 } });
      await tx.collection('created_by_b').insertOne({ _id: 'x', x: [1] });
      throw new Error('b fails');
    });
    const d = store.transaction(async () => {
      await c.insertOne({ _id: 'd' });
    });
    const duplicate = c.insertOne({ _id: 'a' });
    const plain = c.insertOne({ _id: 'p' });
    first.open();

    await expect(b).rejects.toThrow('b fails');
    await expect(duplicate).rejects.toMatchObject({ keys: ['_id'] });
    await Promise.all([a, d, plain]);
    expect(ids(await c.find({}))).toEqual(['a', 'd', 'p']);
    expect(await store.listCollections()).toEqual(['t']);
    expect(await store.collection('created_by_b').listIndexes()).toEqual([]);
    await store.close();
  });

  it('acknowledges a write only once its batch is committed, and a reopened store has every acknowledged write', async () => {
    const dir = tempDir();
    const store = await openEmbeddedStore({ dir });
    const c = store.collection('t');
    const first = gate();
    const events: string[] = [];
    let seenWhenAcknowledged: Doc | null = null;
    const a = store
      .transaction(async () => {
        await c.insertOne({ _id: 'a' });
        await first.wait;
      })
      .then(async () => {
        events.push('a acknowledged');
        seenWhenAcknowledged = await c.findOne({ _id: 'later' }); // the read-only connection: committed data only
      });
    const later = store.transaction(async () => {
      events.push('later runs');
      await c.insertOne({ _id: 'later' });
    });
    const many = Array.from({ length: 100 }, (_, i) =>
      i % 2
        ? c.insertOne({ _id: `w${String(i).padStart(3, '0')}` })
        : store.transaction((tx) => tx.collection('t').insertOne({ _id: `w${String(i).padStart(3, '0')}` })),
    );
    first.open();
    await Promise.all([a, later]);
    expect(events).toEqual(['later runs', 'a acknowledged']);
    expect(seenWhenAcknowledged).toEqual({ _id: 'later' });

    const queued = c.insertOne({ _id: 'queued before close' });
    await store.close();
    await queued;
    await Promise.all(many);
    const reopened = await openEmbeddedStore({ dir });
    expect(await reopened.collection('t').countDocuments({})).toBe(103);
    await reopened.close();
  });

  it('settles a write that failed on an earlier member of its batch only once that member is committed', async () => {
    const store = await openEmbeddedStore({ dir: tempDir() });
    const c = store.collection('t');
    const first = gate();
    const winner = store.transaction(async () => {
      await c.insertOne({ _id: 'key', by: 'winner' });
      await first.wait;
    });
    const loser = store
      .transaction(async (tx) => {
        await tx.collection('t').insertOne({ _id: 'key', by: 'loser' });
      })
      .catch(async (e: unknown) => ({ error: e, seen: await c.findOne({ _id: 'key' }) }));
    const second = gate();
    const third = store.transaction(async (tx) => {
      await tx.collection('t').insertOne({ _id: 'third' });
      await second.wait; // keeps the batch open while the loser has failed
    });
    first.open();
    setTimeout(second.open, 30);
    await Promise.all([winner, third]);
    expect(await loser).toMatchObject({ error: { keys: ['_id'] }, seen: { _id: 'key', by: 'winner' } });
    await store.close();
  });

  it('rejects every member of a batch whose COMMIT fails, stores none of them, and keeps working', async () => {
    const store = (await openEmbeddedStore({ dir: tempDir() })) as DocumentStore & EmbeddedStore;
    const db = store.writeConnection.db;
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);`);
    const c = store.collection('t');
    const first = gate();
    const a = store.transaction(async () => {
      await c.insertOne({ _id: 'a' });
      store.writeConnection.run('INSERT INTO child (id, parent) VALUES (1, 99)'); // fails at COMMIT only
      await first.wait;
    });
    const b = store.transaction(async () => {
      await c.insertOne({ _id: 'b' });
    });
    const plain = c.insertOne({ _id: 'p' });
    first.open();
    for (const member of [a, b, plain]) await expect(member).rejects.toThrow(/FOREIGN KEY/);
    expect(await c.find({})).toEqual([]);

    await c.insertOne({ _id: 'after' });
    expect(ids(await c.find({}))).toEqual(['after']);
    await store.close();
  });

  it('does not wait forever when a transaction awaits an earlier one before writing', async () => {
    const store = await openEmbeddedStore({ dir: tempDir() });
    const c = store.collection('t');
    const first = gate();
    const one = store.transaction(async () => {
      await c.insertOne({ _id: '1' });
      await first.wait;
    });
    const two = store.transaction(async (tx) => {
      await one; // settles only when the batch `one` belongs to commits
      await tx.collection('t').insertOne({ _id: '2' });
    });
    first.open();
    await Promise.all([one, two]);
    expect(ids(await c.find({}))).toEqual(['1', '2']);
    await store.close();
  });
});
