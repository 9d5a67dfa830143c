import { FormloomError, type RecordEvent, type StoredRecord } from '@formloom/model';
import { resolveFormAccess } from '@formloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, principal, type EngineFixture } from './engine-fixture.js';

let engine: EngineFixture;
beforeAll(async () => {
  engine = await openEngine();
});
afterAll(async () => engine.close());

/** The FormloomError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<FormloomError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof FormloomError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
const rules = (e: FormloomError) => e.details.map((d) => `${d.path}:${d.rule}`);
const stored = (id: string) => engine.store.collection<StoredRecord>('rec_customers').findOne({ _id: id });

describe('create', () => {
  it('stores a flat record with server-set system fields, a serial, history and an event', async () => {
    const ctx = engine.ctx();
    const view = await engine.records.create(ctx, {
      f_name: '  Acme  ',
      f_email: 'Sales@Acme.COM',
      f_phone: '138 0013 8000',
      f_amount: 12.345,
      f_stage: 'won',
    });
    expect(view).toMatchObject({ formId: 'customers', version: 1, formVersion: 1, owner: 'ann', ownerDept: 'sales' });
    expect(view.data).toMatchObject({
      f_name: 'Acme',
      f_email: 'sales@acme.com',
      f_phone: '13800138000',
      f_amount: 12.35,
    });
    expect(view.data.f_no).toMatch(/^CUS-\d{6}-\d{4}$/);
    // The formula {f_amount} * 2 ran on the normalised amount.
    expect(view.data.f_score).toBe(24.7);
    const doc = await stored(view.id);
    expect(doc).toMatchObject({ _id: view.id, _version: 1, _createdBy: 'ann', _owner: 'ann', f_name: 'Acme' });
    const history = await engine.records.history(ctx, view.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 1, action: 'create', by: 'ann' });
    expect(history[0].changes).toContainEqual({ field: 'f_name', from: null, to: 'Acme' });
    const event = await engine.store.collection('record_events').findOne({ recordId: view.id });
    expect(event).toMatchObject({ type: 'record.created', appId: 'crm', version: 1, dispatchedAt: null });
  });

  it('refuses unknown and system keys, naming each', async () => {
    const e = await failure(
      engine.records.create(engine.ctx(), {
        f_name: 'x',
        f_bogus: 1,
        _owner: 'mallory',
        createdBy: 'x',
        __proto__x: 1,
      }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(rules(e)).toEqual([
      'data.f_bogus:unknownField',
      'data._owner:systemField',
      'data.createdBy:systemField',
      'data.__proto__x:systemField',
    ]);
    const proto = await failure(
      engine.records.create(engine.ctx(), JSON.parse('{"f_name":"x","__proto__":{"admin":true}}')),
    );
    expect(rules(proto)).toEqual(['data.__proto__:systemField']);
  });

  it('ignores client values for server-computed fields', async () => {
    const view = await engine.records.create(engine.ctx(), { f_name: 'Computed', f_no: 'FAKE-1', f_score: 99 });
    expect(view.data.f_no).not.toBe('FAKE-1');
    // Computed from the record ({f_amount} is blank, so 0), never the client's 99.
    expect(view.data.f_score).toBe(0);
  });

  it('reports every invalid field with its rule', async () => {
    const e = await failure(
      engine.records.create(engine.ctx(), { f_email: 'not-an-email', f_phone: '12', f_stage: 'maybe', f_amount: -1 }),
    );
    expect(e.status).toBe(400);
    expect(rules(e)).toEqual(
      expect.arrayContaining([
        'data.f_name:required',
        'data.f_email:format',
        'data.f_amount:minimum',
        'data.f_phone:phone',
        'data.f_stage:option',
      ]),
    );
  });

  it('clears fields hidden by their visibility rule', async () => {
    const hidden = await engine.records.create(engine.ctx(), { f_name: 'Hidden', f_stage: 'won', f_reason: 'price' });
    expect(hidden.data.f_reason).toBeUndefined();
    const shown = await engine.records.create(engine.ctx(), { f_name: 'Shown', f_stage: 'lost', f_reason: 'price' });
    expect(shown.data.f_reason).toBe('price');
  });

  it('gives concurrent creates distinct serial numbers', async () => {
    const views = await Promise.all(
      Array.from({ length: 40 }, (_, i) => engine.records.create(engine.ctx(), { f_name: `Serial ${i}` })),
    );
    const numbers = new Set(views.map((v) => v.data.f_no));
    expect(numbers.size).toBe(40);
  });

  it('enforces unique fields with DUPLICATE naming the field', async () => {
    await engine.records.create(engine.ctx(), { f_name: 'One', f_email: 'dup@example.com' });
    const e = await failure(engine.records.create(engine.ctx(), { f_name: 'Two', f_email: 'DUP@example.com' }));
    expect(e.code).toBe('DUPLICATE');
    expect(e.status).toBe(409);
    expect(rules(e)).toEqual(['data.f_email:unique']);
    expect(await engine.store.collection('rec_customers').countDocuments({ f_name: 'Two' })).toBe(0);
  });

  it('creates one record per idempotency key, also under concurrency', async () => {
    const ctx = engine.ctx();
    const first = await engine.records.create(ctx, { f_name: 'Idem' }, { idempotencyKey: 'k-1' });
    const again = await engine.records.create(ctx, { f_name: 'Idem' }, { idempotencyKey: 'k-1' });
    expect(again.id).toBe(first.id);
    const racing = await Promise.all(
      Array.from({ length: 8 }, () => engine.records.create(ctx, { f_name: 'Race' }, { idempotencyKey: 'k-2' })),
    );
    expect(new Set(racing.map((v) => v.id)).size).toBe(1);
    expect(await engine.store.collection('rec_customers').countDocuments({ f_name: 'Race' })).toBe(1);
    const other = await engine.records.create(
      engine.ctx(principal('bob')),
      { f_name: 'Idem' },
      { idempotencyKey: 'k-1' },
    );
    expect(other.id).not.toBe(first.id);
  });
});

describe('update', () => {
  it('applies changes against the base version and keeps field-level history', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Upd', f_amount: 10, f_note: 'x' });
    const updated = await engine.records.update(ctx, created.id, {
      baseVersion: 1,
      data: { f_amount: 20, f_note: null },
    });
    expect(updated.version).toBe(2);
    expect(updated.data.f_amount).toBe(20);
    expect(updated.data.f_note).toBeUndefined();
    expect(updated.data.f_no).toBe(created.data.f_no);
    const history = await engine.records.history(ctx, created.id);
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect(history[1].changes).toEqual([
      { field: 'f_amount', from: 10, to: 20 },
      { field: 'f_note', from: 'x', to: null },
      // The formula {f_amount} * 2 was recomputed from the new amount.
      { field: 'f_score', from: 20, to: 40 },
    ]);
    const events = await engine.store
      .collection('record_events')
      .find({ recordId: created.id }, { sort: { version: 1 } });
    expect(events.map((e) => (e as unknown as RecordEvent).type)).toEqual(['record.created', 'record.updated']);
    expect((events[1] as unknown as RecordEvent).changedFields).toEqual(['f_amount', 'f_note', 'f_score']);
  });

  it('answers a stale base version with VERSION_CONFLICT and the current record', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Stale' });
    await engine.records.update(ctx, created.id, { baseVersion: 1, data: { f_name: 'Fresh' } });
    const e = await failure(engine.records.update(ctx, created.id, { baseVersion: 1, data: { f_name: 'Lost' } }));
    expect(e.code).toBe('VERSION_CONFLICT');
    expect(e.status).toBe(409);
    expect((e.extra?.current as { version: number; data: Record<string, unknown> }).data.f_name).toBe('Fresh');
  });

  it('lets exactly one of many concurrent edits of the same version win', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Race' + Date.now() });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        engine.records.update(ctx, created.id, { baseVersion: 1, data: { f_amount: i } }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers.every((r) => (r.reason as FormloomError).code === 'VERSION_CONFLICT')).toBe(true);
    expect((await engine.records.history(ctx, created.id)).map((h) => h.version)).toEqual([1, 2]);
  });

  it('keeps system fields out of updates', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Sys' });
    const e = await failure(
      engine.records.update(ctx, created.id, { baseVersion: 1, data: { _version: 99, owner: 'x' } }),
    );
    expect(rules(e)).toEqual(['data._version:systemField', 'data.owner:systemField']);
    expect((await stored(created.id))?._version).toBe(1);
  });
});

describe('recycle bin', () => {
  it('moves deleted records to the bin, restores and purges them', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Bin', f_email: 'bin@example.com' });
    await engine.records.remove(ctx, created.id);
    expect(await stored(created.id)).toBeNull();
    expect((await failure(engine.records.get(ctx, created.id))).code).toBe('NOT_FOUND');
    const bin = await engine.records.listBin(ctx);
    expect(bin.items.map((i) => i.id)).toContain(created.id);

    const restored = await engine.records.restore(ctx, created.id);
    expect(restored.version).toBe(3);
    expect((await engine.records.history(ctx, created.id)).map((h) => h.action)).toEqual([
      'create',
      'delete',
      'restore',
    ]);

    await engine.records.remove(ctx, created.id, { baseVersion: 3 });
    await engine.records.create(ctx, { f_name: 'Taker', f_email: 'bin@example.com' });
    const clash = await failure(engine.records.restore(ctx, created.id));
    expect(clash.code).toBe('DUPLICATE');
    await engine.records.purge(ctx, created.id);
    expect((await failure(engine.records.restore(ctx, created.id))).code).toBe('NOT_FOUND');
  });

  it('refuses a delete based on a stale version', async () => {
    const ctx = engine.ctx();
    const created = await engine.records.create(ctx, { f_name: 'Del' });
    await engine.records.update(ctx, created.id, { baseVersion: 1, data: { f_amount: 1 } });
    expect((await failure(engine.records.remove(ctx, created.id, { baseVersion: 1 }))).code).toBe('VERSION_CONFLICT');
  });
});

describe('batches', () => {
  it('writes nothing when one item is invalid', async () => {
    const ctx = engine.ctx();
    const before = await engine.store.collection('rec_customers').countDocuments({});
    const e = await failure(engine.records.batchCreate(ctx, [{ f_name: 'B1' }, { f_name: 'B2', f_amount: 'lots' }]));
    expect(rules(e)).toEqual(['items.1.data.f_amount:type']);
    const dup = await failure(
      engine.records.batchCreate(ctx, [
        { f_name: 'B3', f_email: 'batch@example.com' },
        { f_name: 'B4', f_email: 'batch@example.com' },
      ]),
    );
    expect(dup.code).toBe('DUPLICATE');
    expect(await engine.store.collection('rec_customers').countDocuments({})).toBe(before);
  });

  it('updates and removes all or nothing', async () => {
    const ctx = engine.ctx();
    const [a, b] = await engine.records.batchCreate(ctx, [{ f_name: 'BA' }, { f_name: 'BB' }]);
    const e = await failure(
      engine.records.batchUpdate(ctx, [
        { id: a.id, baseVersion: 1, data: { f_amount: 5 } },
        { id: b.id, baseVersion: 7, data: { f_amount: 5 } },
      ]),
    );
    expect(e.code).toBe('VERSION_CONFLICT');
    expect((await stored(a.id))?._version).toBe(1);
    expect(await engine.records.batchRemove(ctx, [a.id, b.id])).toBe(2);
    expect((await failure(engine.records.batchRemove(ctx, [a.id]))).code).toBe('NOT_FOUND');
  });
});

describe('permissions at the data layer', () => {
  const groups = [
    {
      id: 'g1',
      name: 'reps',
      subjects: { everyone: true },
      actions: ['create' as const, 'read' as const, 'update' as const],
      scope: 'own' as const,
      fields: { readable: ['f_name', 'f_stage', 'f_amount'], writable: ['f_name', 'f_amount'] },
    },
  ];

  it('limits rows to the scope and fields to the readable and writable sets', async () => {
    const carl = principal('carl');
    const access = resolveFormAccess(groups, carl, { isManager: false });
    const ctx = engine.ctx(carl, access);
    const own = await engine.records.create(ctx, { f_name: 'Carl Co', f_amount: 3 });
    expect(Object.keys(own.data).sort()).toEqual(['f_amount', 'f_name']);
    const forbidden = await failure(engine.records.create(ctx, { f_name: 'X', f_note: 'secret' }));
    expect(forbidden.code).toBe('FORBIDDEN');
    expect(rules(forbidden)).toEqual(['data.f_note:writable']);

    const others = await engine.records.create(engine.ctx(principal('dora')), { f_name: 'Dora Co' });
    expect((await failure(engine.records.get(ctx, others.id))).code).toBe('NOT_FOUND');
    expect(
      (await failure(engine.records.update(ctx, others.id, { baseVersion: 1, data: { f_name: 'mine' } }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(engine.records.remove(ctx, own.id))).code).toBe('FORBIDDEN');
    const page = await engine.records.query(ctx, {});
    expect(page.items.map((i) => i.id)).toEqual([own.id]);
    expect(page.total).toBe(1);
  });
});
