import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection, Doc, Filter, SortSpec } from '@formloom/model';
import { openEmbeddedStore } from '../../platform/src/adapters/store/embedded/index.js';

/**
 * Embedded store benchmark: raw insertOne throughput (each insert its own committed write),
 * then a 100k-record form collection and the p50/p95 of "a filtered, sorted page of 50 plus
 * its total count" over varied filters — the query behind every record list view.
 */
export async function benchStore(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'formloom-store-bench-'));
  const store = await openEmbeddedStore({ dir });
  try {
    // Raw inserts, each its own committed write, one after another: the store alone.
    const inserts = store.collection('rec_insert_bench');
    const insertCount = 5_000;
    let started = performance.now();
    for (let i = 0; i < insertCount; i++) await inserts.insertOne(sampleRecord(i));
    report('store insertOne (embedded, sequential, durable)', insertCount / seconds(started), 'docs/s');

    // The same, into a collection indexed like a published form (prepareForm's unique and
    // sortable-field indexes): what storing one record costs the store, the fair baseline for
    // an API create (which adds validation, a serial counter, history, an event and HTTP).
    const indexed = store.collection('rec_insert_indexed_bench');
    for (const keys of FORM_LIKE_INDEXES) await indexed.createIndex({ keys, unique: keys.f_email !== undefined });
    started = performance.now();
    for (let i = 0; i < insertCount; i++) await indexed.insertOne(sampleRecord(i));
    report(
      'store insertOne into a form-indexed collection (sequential, durable)',
      insertCount / seconds(started),
      'docs/s',
    );

    // The same inserts from 32 concurrent callers, as the API bench sends requests: group commit
    // lets them share COMMITs, so this is the store's ceiling for concurrent single writes.
    const concurrent = store.collection('rec_insert_concurrent_bench');
    for (const keys of FORM_LIKE_INDEXES) await concurrent.createIndex({ keys, unique: keys.f_email !== undefined });
    let next = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < insertCount) await concurrent.insertOne(sampleRecord(next++));
      }),
    );
    report(
      'store insertOne into a form-indexed collection, 32 concurrent (group commit)',
      insertCount / seconds(started),
      'docs/s',
    );

    const records = store.collection('rec_page_bench');
    await records.createIndex({ keys: { f_status: 1, _createdAt: -1 } });
    await records.createIndex({ keys: { _owner: 1, _createdAt: -1 } });
    await records.createIndex({ keys: { f_amount: 1 } });
    await records.createIndex({ keys: { _createdAt: -1 } });
    const total = 100_000;
    const loadStarted = performance.now();
    for (let start = 0; start < total; start += 2_000) {
      await records.insertMany(Array.from({ length: 2_000 }, (_, i) => sampleRecord(start + i)));
    }
    report('store insertMany load of 100k records (batches of 2,000)', (performance.now() - loadStarted) / 1000, 's');

    const queries = pageQueries();
    for (let i = 0; i < 20; i++) await runPage(records, queries[i % queries.length]); // warm caches
    const timings: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const { page } = await runPage(records, queries[i % queries.length]);
      timings.push(performance.now() - t0);
      if (page.length === 0) throw new Error(`Benchmark query ${i % queries.length} returned no rows`);
    }
    timings.sort((a, b) => a - b);
    report('store page of 50 + count on 100k records, p50', percentile(timings, 0.5), 'ms');
    report('store page of 50 + count on 100k records, p95', percentile(timings, 0.95), 'ms');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The indexes prepareForm gives a ten-field form: system timestamps, a unique e-mail, sortable fields. */
const FORM_LIKE_INDEXES: Array<Record<string, 1>> = [
  { _createdAt: 1 },
  { _updatedAt: 1 },
  { f_email: 1 },
  { f_name: 1 },
  { f_status: 1 },
  { f_region: 1 },
  { f_amount: 1 },
  { f_phone: 1 },
  { _owner: 1 },
  { _ownerDept: 1 },
];

const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];
const REGIONS = ['north', 'south', 'east', 'west'];
const OWNERS = Array.from({ length: 20 }, (_, i) => `u${i}`);

/** A CRM-like record: system fields plus a dozen form fields, one of them an array. */
function sampleRecord(i: number): Doc {
  const created = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    _id: `r${i.toString().padStart(7, '0')}`,
    _version: 1,
    _formVersion: 1,
    _createdAt: created,
    _createdBy: OWNERS[i % OWNERS.length],
    _updatedAt: created,
    _updatedBy: OWNERS[i % OWNERS.length],
    _owner: OWNERS[(i * 7) % OWNERS.length],
    _ownerDept: `d${i % 5}`,
    _flowState: null,
    f_name: `Customer ${i}`,
    f_email: `customer${i}@example.com`,
    f_status: STATUSES[(i * 3) % STATUSES.length],
    f_region: REGIONS[i % REGIONS.length],
    f_amount: (i * 7919) % 100_000,
    f_phone: `+86 138 ${String(i).padStart(8, '0')}`,
    f_tags: i % 3 === 0 ? ['vip'] : [],
    f_note: 'Met at the trade fair; interested in the annual plan.',
  };
}

interface PageQuery {
  filter: Filter;
  sort: SortSpec;
}

/** One or two equality/range conditions, sorted on an indexed field with an _id tie-break. */
function pageQueries(): PageQuery[] {
  const out: PageQuery[] = [];
  for (let i = 0; i < 40; i++) {
    const status = STATUSES[i % STATUSES.length];
    const owner = OWNERS[i % OWNERS.length];
    const amount = (i * 2_371) % 90_000;
    switch (i % 4) {
      case 0:
        out.push({ filter: { f_status: status }, sort: { _createdAt: -1, _id: 1 } });
        break;
      case 1:
        out.push({ filter: { f_status: status, f_amount: { $gte: amount } }, sort: { _createdAt: -1, _id: 1 } });
        break;
      case 2:
        out.push({ filter: { _owner: owner }, sort: { _createdAt: -1, _id: 1 } });
        break;
      default:
        out.push({ filter: { f_amount: { $gte: amount, $lt: amount + 5_000 } }, sort: { f_amount: 1, _id: 1 } });
    }
  }
  return out;
}

async function runPage(records: Collection, query: PageQuery): Promise<{ page: Doc[]; count: number }> {
  const [page, count] = await Promise.all([
    records.find(query.filter, { sort: query.sort, limit: 50 }),
    records.countDocuments(query.filter),
  ]);
  return { page, count };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
