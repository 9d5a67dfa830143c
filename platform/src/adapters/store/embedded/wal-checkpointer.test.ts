import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbeddedStore } from './embedded-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const size = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

describe('WAL checkpoints on their own thread', () => {
  it('copy committed writes into the database file while the store is open, and close cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'formloom-wal-'));
    dirs.push(dir);
    const store = await openEmbeddedStore({ dir });
    const file = join(dir, 'formloom.db');
    const notes = store.collection('notes');
    // ~2 MB in 20 commits: under SQLite's automatic threshold (1,000 pages ≈ 4 MB), so only the
    // checkpointer thread can bring these pages into the database file before close.
    const text = 'x'.repeat(1000);
    for (let batch = 0; batch < 20; batch += 1)
      await notes.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: `n${batch}-${i}`, text })));
    const deadline = Date.now() + 10_000;
    while (size(file) < 1_500_000 && Date.now() < deadline) await sleep(50);
    expect(size(file)).toBeGreaterThan(1_500_000);
    expect(await notes.countDocuments({})).toBe(2000);

    await store.close();
    expect(size(`${file}-wal`)).toBe(0); // close checkpoints and truncates the WAL

    const reopened = await openEmbeddedStore({ dir });
    expect(await reopened.collection('notes').countDocuments({})).toBe(2000);
    await reopened.close();
  });
});
