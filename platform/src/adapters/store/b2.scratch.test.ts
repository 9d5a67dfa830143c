import { it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from './embedded/index.js';
it('explain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fl-b2-'));
  const store = await openEmbeddedStore({ dir });
  const c = store.collection('r');
  await c.createIndex({ keys: { f_status: 1, _createdAt: -1 } });
  await c.createIndex({ keys: { _owner: 1, _createdAt: -1 } });
  await c.createIndex({ keys: { f_amount: 1 } });
  await c.createIndex({ keys: { _createdAt: -1 } });
  const S = ['new', 'contacted', 'qualified', 'won', 'lost'];
  for (let s = 0; s < 100000; s += 5000)
    await c.insertMany(
      Array.from({ length: 5000 }, (_, k) => {
        const i = s + k;
        return {
          _id: 'r' + String(i).padStart(7, '0'),
          _createdAt: new Date(1.7e12 + i * 60000).toISOString(),
          _owner: 'u' + ((i * 7) % 20),
          f_status: S[(i * 3) % 5],
          f_amount: (i * 7919) % 100000,
          f_note: 'x'.repeat(300),
        };
      }),
    );
  const qs: Array<[string, Record<string, unknown>, Record<string, 1 | -1>]> = [
    ['status', { f_status: 'won' }, { _createdAt: -1, _id: 1 }],
    ['status+amount', { f_status: 'won', f_amount: { $gte: 20000 } }, { _createdAt: -1, _id: 1 }],
    ['owner', { _owner: 'u3' }, { _createdAt: -1, _id: 1 }],
    ['amount range', { f_amount: { $gte: 20000, $lt: 25000 } }, { f_amount: 1, _id: 1 }],
  ];
  for (const [n, f, s] of qs) {
    for (const what of ['find', 'count']) {
      const t: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        if (what === 'find') await c.find(f, { sort: s, limit: 50 });
        else await c.countDocuments(f);
        t.push(performance.now() - t0);
      }
      console.log(n, what, Math.min(...t).toFixed(2), Math.max(...t).toFixed(2));
    }
  }
  await store.close();
  const db0 = new Database(join(dir, 'formloom.db'));
  const t0 = performance.now();
  db0.exec('ANALYZE');
  console.log('analyze ms', performance.now() - t0);
  for (let i = 0; i < 3; i++) {
    const t1 = performance.now();
    db0
      .prepare(
        `SELECT count(*) FROM "c_r" WHERE (json_extract(body, '$."f_status"') = ?) AND ((json_extract(body, '$."f_amount"') >= ?))`,
      )
      .get('won', 20000);
    console.log('count after analyze', performance.now() - t1);
  }
  db0.close();
  const db = new Database(join(dir, 'formloom.db'));
  for (const sql of [
    `SELECT body FROM "c_r" WHERE json_extract(body, '$."f_status"') = ? ORDER BY json_extract(body, '$."_createdAt"') DESC, id ASC LIMIT 50`,
    `SELECT count(*) FROM "c_r" WHERE (json_extract(body, '$."f_status"') = ?) AND ((json_extract(body, '$."f_amount"') >= ?))`,
    `SELECT body FROM "c_r" WHERE (json_extract(body, '$."f_status"') = ?) AND ((json_extract(body, '$."f_amount"') >= ?)) ORDER BY json_extract(body, '$."_createdAt"') DESC, id ASC LIMIT 50`,
  ])
    console.log(
      sql.slice(0, 60),
      db
        .prepare('EXPLAIN QUERY PLAN ' + sql)
        .all(...(sql.includes('f_amount') ? ['won', 20000] : ['won']))
        .map((r) => (r as { detail: string }).detail),
    );
}, 600000);
