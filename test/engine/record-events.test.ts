import type { RecordEvent } from '@formloom/model';
import { createRecordEvents } from '@formloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type EngineFixture } from './engine-fixture.js';

let engine: EngineFixture;
beforeAll(async () => {
  engine = await openEngine();
});
afterAll(async () => engine.close());

/** Waits until `check` holds, polling the inline queue's progress. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition not reached');
}

describe('record events', () => {
  it('dispatches committed writes to subscribers once, and marks them dispatched', async () => {
    const received: RecordEvent[] = [];
    engine.events.subscribe(async (e) => {
      received.push(e);
    });
    await engine.events.startDispatcher();
    const ctx = { ...engine.ctx(), depth: 2 };
    const view = await engine.records.create(ctx, { f_name: 'Evented' });
    await engine.records.update(ctx, view.id, { baseVersion: 1, data: { f_amount: 3 } });
    await until(async () => received.length >= 2);
    expect(received.map((e) => [e.type, e.version, e.depth])).toEqual([
      ['record.created', 1, 2],
      ['record.updated', 2, 2],
    ]);
    // f_score is the formula {f_amount} * 2, recomputed by the server.
    expect(received[1].changedFields).toEqual(['f_amount', 'f_score']);
    await until(
      async () => (await engine.store.collection('record_events').countDocuments({ dispatchedAt: null })) === 0,
    );

    // A redelivered job for an event already dispatched calls nobody.
    await engine.events.enqueue([received[0].id]);
    await until(async () => (await engine.queue.pendingCount('record-events')) === 0);
    expect(received).toHaveLength(2);
  });

  it('publishes nothing for a rolled-back write', async () => {
    const before = await engine.store.collection('record_events').countDocuments({});
    await expect(engine.records.create(engine.ctx(), { f_amount: 'x' })).rejects.toThrow();
    await engine.records.create(engine.ctx(), { f_name: 'U1', f_email: 'u@example.com' });
    await expect(engine.records.create(engine.ctx(), { f_name: 'U2', f_email: 'u@example.com' })).rejects.toThrow();
    expect(await engine.store.collection('record_events').countDocuments({})).toBe(before + 1);
  });

  it('re-arms undispatched events at boot', async () => {
    const outbox = engine.store.collection('record_events');
    await outbox.insertOne({
      _id: 'zzzzzzzzzzzzzzzzzzzz',
      type: 'record.created',
      appId: 'crm',
      formId: 'customers',
      recordId: 'r1',
      version: 1,
      at: new Date().toISOString(),
      by: null,
      changedFields: [],
      depth: 0,
      dispatchedAt: null,
    });
    const seen: string[] = [];
    const rebooted = createRecordEvents({ store: engine.store, queue: engine.queue });
    rebooted.subscribe(async (e) => {
      seen.push(e.id);
    });
    expect(await rebooted.rearm()).toBeGreaterThanOrEqual(1);
    await until(async () => (await outbox.countDocuments({ dispatchedAt: null })) === 0);
    // The first dispatcher of this queue handles it; the re-armed event reaches a subscriber either way.
    const doc = await outbox.findOne({ _id: 'zzzzzzzzzzzzzzzzzzzz' });
    expect(doc?.dispatchedAt).toEqual(expect.any(String));
  });

  it('drains a burst in order with few outbox writes, and retries only what a failing subscriber missed', async () => {
    const received: string[] = [];
    let failOnce = true;
    const unsubscribe = engine.events.subscribe(async (e) => {
      if (e.recordId === 'burst-7' && failOnce) {
        failOnce = false;
        throw new Error('subscriber down');
      }
      received.push(e.recordId);
    });
    const outbox = engine.store.collection('record_events');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `burst-evt-${String(i).padStart(3, '0')}`;
      ids.push(id);
      await outbox.insertOne({
        _id: id,
        type: 'record.created',
        appId: 'crm',
        formId: 'customers',
        recordId: `burst-${i}`,
        version: 1,
        at: new Date().toISOString(),
        by: null,
        changedFields: [],
        depth: 0,
        dispatchedAt: null,
      });
    }
    await engine.events.enqueue(ids);
    await until(async () => (await outbox.countDocuments({ _id: { $in: ids }, dispatchedAt: null })) === 0);
    unsubscribe();
    const burst = received.filter((r) => r.startsWith('burst-'));
    // Every event reached the subscriber once, in commit order; the one that failed went out with the next drain.
    expect(new Set(burst).size).toBe(20);
    expect(burst.filter((r) => r === 'burst-7')).toHaveLength(1);
    expect(burst.slice(0, 7)).toEqual(['burst-0', 'burst-1', 'burst-2', 'burst-3', 'burst-4', 'burst-5', 'burst-6']);
  });

  it('prunes dispatched events past the retention, never undispatched ones', async () => {
    const outbox = engine.store.collection('record_events');
    const old = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString();
    const base = { type: 'record.created', appId: 'crm', formId: 'customers', version: 1, at: old, by: null };
    await outbox.insertMany([
      { _id: 'prune-old-done', ...base, recordId: 'p1', changedFields: [], depth: 0, dispatchedAt: old },
      { _id: 'prune-old-pending', ...base, recordId: 'p2', changedFields: [], depth: 0, dispatchedAt: null },
    ]);
    const removed = await engine.events.pruneDispatched(7 * 24 * 3600 * 1000);
    expect(removed).toBeGreaterThanOrEqual(1);
    expect(await outbox.findOne({ _id: 'prune-old-done' })).toBeNull();
    expect(await outbox.findOne({ _id: 'prune-old-pending' })).not.toBeNull();
    await outbox.deleteOne({ _id: 'prune-old-pending' });
  });
});
