import { FormloomError, type FormDefinition, type HistoryEntry, type RecordEvent } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, principal, type EngineFixture } from './engine-fixture.js';

/**
 * Link integrity (关联数据): a link must name a live record; deleting a linked record is refused
 * (`onDelete: 'block'`, the default) or clears the links (`'clear'`), in the same transaction.
 */
let engine: EngineFixture;

const ordersDefinition: FormDefinition = {
  schema: { type: 'object', properties: { f_title: { type: 'string' }, f_customer: { type: 'string' } } },
  uiSchema: {},
  fields: {
    f_title: { kind: 'text', label: 'Title' },
    f_customer: { kind: 'link', label: 'Customer', link: { formId: 'customers', displayFields: ['f_name'] } },
  },
};

const visitsDefinition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_topic: { type: 'string' },
      f_guests: { type: 'array', items: { type: 'string' } },
      f_stops: { type: 'array', items: { type: 'object' } },
    },
  },
  uiSchema: {},
  fields: {
    f_topic: { kind: 'text', label: 'Topic' },
    f_guests: {
      kind: 'link',
      label: 'Guests',
      link: { formId: 'customers', displayFields: ['f_name'], multiple: true, onDelete: 'clear' },
    },
    f_stops: {
      kind: 'subform',
      label: 'Stops',
      subform: {
        fields: {
          c_note: { kind: 'text', label: 'Note' },
          c_customer: {
            kind: 'select_data',
            label: 'At',
            link: { formId: 'customers', displayFields: ['f_name'], onDelete: 'clear' },
          },
        },
      },
    },
  },
};

beforeAll(async () => {
  engine = await openEngine();
  await engine.publishForm('orders', ordersDefinition);
  await engine.publishForm('visits', visitsDefinition);
});
afterAll(async () => engine.close());

async function failure(promise: Promise<unknown>): Promise<FormloomError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof FormloomError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}
const customer = (name: string) => engine.records.create(engine.ctx(), { f_name: name });
const orders = () => engine.ctxOn('orders');
const visits = () => engine.ctxOn('visits');

describe('linking', () => {
  it('refuses links to records that do not exist or are in the recycle bin, naming where', async () => {
    const gone = await customer('Gone');
    await engine.records.remove(engine.ctx(), gone.id);
    const e = await failure(engine.records.create(orders(), { f_title: 'x', f_customer: 'nosuchrecord' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toEqual([expect.objectContaining({ path: 'data.f_customer', rule: 'link' })]);
    const nested = await failure(
      engine.records.create(visits(), {
        f_stops: [
          { _rowId: 'r1', c_note: 'a' },
          { _rowId: 'r2', c_customer: gone.id },
        ],
      }),
    );
    expect(nested.details).toEqual([expect.objectContaining({ path: 'data.f_stops.1.c_customer', rule: 'link' })]);
    expect(await engine.store.collection('rec_visits').countDocuments({})).toBe(0);
  });

  it('keeps an index of who links where', async () => {
    const indexes = await engine.store.collection('record_links').listIndexes();
    expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['target', 'source']));
  });
});

describe('deleting a linked record', () => {
  it('is refused while links say block, naming the form, field and count; nothing changes', async () => {
    const acme = await customer('Acme');
    await engine.records.create(orders(), { f_title: 'First', f_customer: acme.id });
    const second = await engine.records.create(orders(), { f_title: 'Second', f_customer: acme.id });
    const e = await failure(engine.records.remove(engine.ctx(), acme.id));
    expect(e.code).toBe('CONFLICT');
    expect(e.status).toBe(409);
    expect(e.details).toEqual([
      {
        path: 'links.orders.f_customer',
        rule: 'linked',
        message: '2 records of "orders" link here through "Customer"',
      },
    ]);
    expect(e.extra?.references).toEqual([
      { formId: 'orders', formName: 'orders', field: 'f_customer', label: 'Customer', count: 2 },
    ]);
    expect((await engine.records.get(engine.ctx(), acme.id)).version).toBe(1);
    expect((await failure(engine.records.batchRemove(engine.ctx(), [acme.id]))).code).toBe('CONFLICT');

    // Moving one order elsewhere and deleting the other releases the customer.
    const other = await customer('Other');
    await engine.records.update(orders(), second.id, { baseVersion: 1, data: { f_customer: other.id } });
    const first = (
      await engine.records.query(orders(), {
        filter: { rel: 'and', cond: [{ field: 'f_title', method: 'eq', value: 'First' }] },
      })
    ).items[0];
    await engine.records.remove(orders(), first.id);
    await engine.records.remove(engine.ctx(), acme.id);
    expect((await failure(engine.records.remove(engine.ctx(), other.id))).details[0].message).toMatch(/^1 record of/);
  });

  it('clears links that say clear: single, multiple and in subform rows, with history and events', async () => {
    const a = await customer('A');
    const b = await customer('B');
    const visit = await engine.records.create(visits(), {
      f_topic: 'Tour',
      f_guests: [a.id, b.id],
      f_stops: [
        { _rowId: 'r1', c_note: 'one', c_customer: a.id },
        { _rowId: 'r2', c_note: 'two', c_customer: b.id },
      ],
    });
    const onlyA = await engine.records.create(visits(), { f_topic: 'Solo', f_guests: [a.id] });
    await engine.records.remove(engine.ctx(principal('bob')), a.id);

    const tour = await engine.records.get(visits(), visit.id);
    expect(tour.version).toBe(2);
    expect(tour.updatedBy).toBe('bob');
    expect(tour.data.f_guests).toEqual([b.id]);
    expect(tour.data.f_stops).toEqual([
      { _rowId: 'r1', c_note: 'one' },
      { _rowId: 'r2', c_note: 'two', c_customer: b.id },
    ]);
    expect((await engine.records.get(visits(), onlyA.id)).data.f_guests).toBeUndefined();

    const history = await engine.records.history(visits(), visit.id);
    expect(history.at(-1)).toMatchObject({ version: 2, action: 'update', by: 'bob' } satisfies Partial<HistoryEntry>);
    expect(
      history
        .at(-1)
        ?.changes.map((c) => c.field)
        .sort(),
    ).toEqual(['f_guests', 'f_stops']);
    const event = await engine.store
      .collection<RecordEvent & { _id: string; [key: string]: unknown }>('record_events')
      .findOne({ recordId: visit.id, version: 2 });
    expect(event).toMatchObject({ type: 'record.updated', formId: 'visits', by: 'bob' });

    // B is still linked (and clearable); the index no longer lists A.
    expect(await engine.store.collection('record_links').countDocuments({ target: `customers|${a.id}` })).toBe(0);
    expect(await engine.store.collection('record_links').countDocuments({ target: `customers|${b.id}` })).toBe(2);
  });

  it('does not count records in the recycle bin; restoring one drops links to records gone meanwhile', async () => {
    const c = await customer('C');
    const d = await customer('D');
    const order = await engine.records.create(orders(), { f_title: 'Binned', f_customer: c.id });
    const visit = await engine.records.create(visits(), { f_topic: 'Binned', f_guests: [c.id, d.id] });
    await engine.records.remove(orders(), order.id);
    await engine.records.remove(visits(), visit.id);
    await engine.records.remove(engine.ctx(), c.id);
    await engine.records.purge(engine.ctx(), c.id);

    const restoredOrder = await engine.records.restore(orders(), order.id);
    expect(restoredOrder.data.f_customer).toBeUndefined();
    const restoredVisit = await engine.records.restore(visits(), visit.id);
    expect(restoredVisit.data.f_guests).toEqual([d.id]);
    const last = (await engine.records.history(visits(), visit.id)).at(-1);
    expect(last).toMatchObject({ action: 'restore', changes: [{ field: 'f_guests', from: [c.id, d.id], to: [d.id] }] });
    // The restored visit links to D again: deleting D clears it.
    await engine.records.remove(engine.ctx(), d.id);
    expect((await engine.records.get(visits(), visit.id)).data.f_guests).toBeUndefined();
  });

  it('never leaves a live link to a deleted record when linking and deleting race', async () => {
    const target = await customer('Raced');
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) =>
        engine.records.create(orders(), { f_title: `race ${i}`, f_customer: target.id }),
      ),
      engine.records.remove(engine.ctx(), target.id),
      ...Array.from({ length: 10 }, (_, i) =>
        engine.records.create(orders(), { f_title: `late ${i}`, f_customer: target.id }),
      ),
    ]);
    const deleted = results[10].status === 'fulfilled';
    const linking = await engine.store.collection('rec_orders').countDocuments({ f_customer: target.id });
    const indexed = await engine.store.collection('record_links').countDocuments({ target: `customers|${target.id}` });
    expect(indexed).toBe(linking);
    if (deleted) expect(linking).toBe(0);
    else expect(linking).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'fulfilled').length - (deleted ? 1 : 0)).toBe(linking);
  });

  it('lets a batch delete records that link to each other', async () => {
    const withParent: FormDefinition = structuredClone(engine.published.definition);
    withParent.schema.properties.f_parent = { type: 'string' };
    withParent.fields.f_parent = { kind: 'link', label: 'Parent', link: { formId: 'customers', displayFields: [] } };
    await engine.publish(withParent);
    const parent = await customer('Parent');
    const child = await engine.records.create(engine.ctx(), { f_name: 'Child', f_parent: parent.id });
    const self = await engine.records.create(engine.ctx(), { f_name: 'Self' });
    await engine.records.update(engine.ctx(), self.id, { baseVersion: 1, data: { f_parent: self.id } });
    expect((await failure(engine.records.remove(engine.ctx(), parent.id))).code).toBe('CONFLICT');
    expect(await engine.records.batchRemove(engine.ctx(), [parent.id, child.id])).toBe(2);
    await engine.records.remove(engine.ctx(), self.id);
    const back = await engine.records.restore(engine.ctx(), self.id);
    expect(back.data.f_parent).toBe(self.id);
  });
});
