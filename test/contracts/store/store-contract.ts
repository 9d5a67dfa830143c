import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDuplicateKeyError, type Collection, type Doc, type DocumentStore } from '@formloom/model';

/**
 * The DocumentStore contract: every adapter must pass this suite with the same answers MongoDB
 * gives. Each test works in a collection of its own, so tests do not see each other's data.
 */
export function runStoreContract(
  name: string,
  open: () => Promise<DocumentStore>,
  cleanup: (store: DocumentStore) => Promise<void>,
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    let counter = 0;
    const fresh = <T extends Doc = Doc>(): Collection<T> =>
      store.collection<T>(`c${Date.now().toString(36)}_${counter++}`);
    const ids = (docs: Doc[]) => docs.map((d) => d._id);

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      if (store) await cleanup(store);
    });

    describe('CRUD', () => {
      it('inserts, reads, replaces and deletes documents', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'a', name: 'Ann', n: 1 });
        await c.insertMany([
          { _id: 'b', name: 'Bob', n: 2 },
          { _id: 'c', name: 'Cy', n: 3 },
        ]);
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', name: 'Ann', n: 1 });
        expect(await c.findOne({ _id: 'zzz' })).toBeNull();
        expect(await c.countDocuments({})).toBe(3);

        const replaced = await c.replaceOne({ _id: 'b' }, { _id: 'b', name: 'Bobby' });
        expect(replaced).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', name: 'Bobby' });

        const many = await c.updateMany({ n: { $gte: 1 } }, { $set: { flag: true } });
        expect(many).toEqual({ matchedCount: 2, modifiedCount: 2, upsertedId: null });

        expect(await c.deleteOne({ _id: 'a' })).toBe(1);
        expect(await c.deleteOne({ _id: 'a' })).toBe(0);
        expect(await c.deleteMany({})).toBe(2);
        expect(await c.find({})).toEqual([]);
      });

      it('reads from a collection that does not exist as empty', async () => {
        const c = fresh();
        expect(await c.find({ x: 1 })).toEqual([]);
        expect(await c.countDocuments({})).toBe(0);
        expect(await c.findOne({})).toBeNull();
      });

      it('refuses a duplicate _id with DuplicateKeyError on _id', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'a' });
        const error = await c.insertOne({ _id: 'a', other: 1 }).catch((e: unknown) => e);
        expect(isDuplicateKeyError(error)).toBe(true);
        expect((error as { keys: string[] }).keys).toEqual(['_id']);
        expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a' });
      });
    });

    describe('filters', () => {
      const people = [
        { _id: 'p1', name: 'Ann', age: 30, tags: ['vip', 'eu'], addr: { city: 'Paris', zip: '75001' }, note: null },
        { _id: 'p2', name: 'bob', age: 25, tags: ['eu'], addr: { city: 'Berlin' } },
        { _id: 'p3', name: 'Cara', age: 35, tags: [], addr: { city: 'Paris' }, note: 'x' },
        {
          _id: 'p4',
          name: 'Dan',
          tags: ['us'],
          items: [
            { sku: 'a', qty: 2 },
            { sku: 'b', qty: 5 },
          ],
        },
      ];
      let c: Collection;
      beforeAll(async () => {
        c = fresh();
        await c.insertMany(people);
        await c.createIndex({ keys: { age: 1 } });
        await c.createIndex({ keys: { 'addr.city': 1 } });
      });
      const q = async (filter: Record<string, unknown>) => ids(await c.find(filter, { sort: { _id: 1 } }));

      it('matches scalars inside arrays, whole arrays and nested paths', async () => {
        expect(await q({ tags: 'eu' })).toEqual(['p1', 'p2']);
        expect(await q({ tags: ['eu'] })).toEqual(['p2']);
        expect(await q({ tags: { $size: 0 } })).toEqual(['p3']);
        expect(await q({ 'addr.city': 'Paris' })).toEqual(['p1', 'p3']);
        expect(await q({ 'items.sku': 'b' })).toEqual(['p4']);
        expect(await q({ items: { $elemMatch: { sku: 'a', qty: { $gte: 2 } } } })).toEqual(['p4']);
      });

      it('treats null as null-or-missing and $exists as presence', async () => {
        expect(await q({ note: null })).toEqual(['p1', 'p2', 'p4']);
        expect(await q({ note: { $exists: true } })).toEqual(['p1', 'p3']);
        expect(await q({ age: { $exists: false } })).toEqual(['p4']);
        expect(await q({ note: { $ne: null } })).toEqual(['p3']);
      });

      it('supports $or, $and, $in, $nin, ranges and $regex', async () => {
        expect(await q({ $or: [{ age: { $lt: 27 } }, { 'addr.city': 'Paris', age: { $gt: 32 } }] })).toEqual([
          'p2',
          'p3',
        ]);
        expect(await q({ $and: [{ age: { $gte: 25 } }, { age: { $lte: 30 } }] })).toEqual(['p1', 'p2']);
        expect(await q({ age: { $in: [25, 35, 99] } })).toEqual(['p2', 'p3']);
        expect(await q({ tags: { $in: ['us', 'vip'] } })).toEqual(['p1', 'p4']);
        expect(await q({ age: { $nin: [25, 30] } })).toEqual(['p3', 'p4']);
        expect(await q({ name: { $regex: '^b', $options: 'i' } })).toEqual(['p2']);
        expect(await q({ name: { $regex: '^b' } })).toEqual(['p2']);
        expect(await q({ name: { $regex: '^B' } })).toEqual([]);
        expect(await c.countDocuments({ age: { $gt: 26 } })).toBe(2);
      });
    });

    describe('sort, skip, limit and projection', () => {
      it('sorts missing and null first ascending, breaks ties, pages and projects', async () => {
        const c = fresh();
        await c.createIndex({ keys: { rank: 1 } });
        await c.insertMany([
          { _id: 'e', rank: 2, v: 'x' },
          { _id: 'b', v: 'y' },
          { _id: 'd', rank: 1, v: 'z' },
          { _id: 'a', rank: 2, v: 'w' },
          { _id: 'c', rank: null, v: 'q' },
        ]);
        expect(ids(await c.find({}, { sort: { rank: 1, _id: 1 } }))).toEqual(['b', 'c', 'd', 'a', 'e']);
        expect(ids(await c.find({}, { sort: { rank: -1, _id: 1 } }))).toEqual(['a', 'e', 'd', 'b', 'c']);
        expect(ids(await c.find({}, { sort: { rank: 1, _id: -1 }, skip: 1, limit: 2 }))).toEqual(['b', 'd']);
        expect(ids(await c.find({ rank: { $gte: 1 } }, { sort: { rank: -1, _id: -1 }, limit: 2 }))).toEqual(['e', 'a']);
        expect(await c.find({ _id: 'e' }, { projection: { v: 1 } })).toEqual([{ _id: 'e', v: 'x' }]);
        expect(await c.find({ _id: 'e' }, { projection: { v: 0 } })).toEqual([{ _id: 'e', rank: 2 }]);
        expect(await c.findOne({ rank: 2 }, { sort: { v: 1 }, projection: { _id: 1 } })).toEqual({ _id: 'a' });
      });
    });

    describe('update operators', () => {
      it('applies $set $unset $inc $mul $min $max $rename', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'u', a: 1, b: 2, c: 10, d: 5, old: 'o', gone: true, nested: { x: 1 } });
        const result = await c.updateOne(
          { _id: 'u' },
          {
            $set: { 'nested.y': 2, s: 'S' },
            $unset: { gone: '' },
            $inc: { a: 4 },
            $mul: { b: 3 },
            $min: { c: 7 },
            $max: { d: 9 },
            $rename: { old: 'renamed' },
          },
        );
        expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(await c.findOne({ _id: 'u' })).toEqual({
          _id: 'u',
          a: 5,
          b: 6,
          c: 7,
          d: 9,
          renamed: 'o',
          nested: { x: 1, y: 2 },
          s: 'S',
        });
        const noop = await c.updateOne({ _id: 'u' }, { $set: { a: 5 }, $max: { d: 1 } });
        expect(noop).toEqual({ matchedCount: 1, modifiedCount: 0, upsertedId: null });
      });

      it('applies $push $pull $addToSet $pop $pullAll on arrays', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'u', list: [1, 2, 3], set: ['a'], q: [1, 2, 3, 2] });
        await c.updateOne({ _id: 'u' }, { $push: { list: { $each: [4, 5] } }, $addToSet: { set: 'a' } });
        await c.updateOne({ _id: 'u' }, { $pull: { list: { $gte: 4 } }, $addToSet: { set: { $each: ['b', 'a'] } } });
        await c.updateOne({ _id: 'u' }, { $pop: { list: -1 }, $pullAll: { q: [2] } });
        expect(await c.findOne({ _id: 'u' })).toEqual({ _id: 'u', list: [2, 3], set: ['a', 'b'], q: [1, 3] });
      });

      it('applies each operator alone, creating missing paths and reporting whether anything changed', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'one', n: 5, gone: 'x', keep: { deep: 1 } });
        expect((await c.updateOne({ _id: 'one' }, { $inc: { 'counters.a': 2 } })).modifiedCount).toBe(1);
        expect((await c.updateOne({ _id: 'one' }, { $min: { n: 7 } })).modifiedCount).toBe(0);
        expect((await c.updateOne({ _id: 'one' }, { $max: { n: 7 } })).modifiedCount).toBe(1);
        expect((await c.updateOne({ _id: 'one' }, { $mul: { n: 2 } })).modifiedCount).toBe(1);
        expect((await c.updateOne({ _id: 'one' }, { $unset: { gone: '' } })).modifiedCount).toBe(1);
        expect((await c.updateOne({ _id: 'one' }, { $set: { 'keep.other': 'y' } })).modifiedCount).toBe(1);
        expect((await c.updateOne({ _id: 'one' }, { $set: { 'keep.other': 'y' } })).modifiedCount).toBe(0);
        const nested = { list: [1], at: { x: 1 } };
        const after = await c.findOneAndUpdate({ _id: 'one' }, { $set: { obj: nested } });
        nested.list.push(2);
        expect(after).toEqual({
          _id: 'one',
          n: 14,
          keep: { deep: 1, other: 'y' },
          counters: { a: 2 },
          obj: { list: [1], at: { x: 1 } },
        });
        expect(await c.findOne({ _id: 'one' })).toEqual(after);
      });

      it('updates the array element the filter matched ($), pulls by condition, and filters with $expr', async () => {
        const c = fresh();
        await c.insertOne({
          _id: 'o',
          items: [
            { sku: 'a', qty: 1 },
            { sku: 'b', qty: 2 },
          ],
          lo: 1,
          hi: 3,
        });
        await c.updateOne({ _id: 'o', 'items.sku': 'b' }, { $set: { 'items.$.qty': 5 } });
        expect((await c.findOne({ _id: 'o' }))?.items).toEqual([
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 5 },
        ]);
        await c.updateOne({ _id: 'o' }, { $pull: { items: { qty: { $gte: 5 } } } });
        expect((await c.findOne({ _id: { $eq: 'o' } }, { projection: { items: 1 } }))?.items).toEqual([
          { sku: 'a', qty: 1 },
        ]);
        const byExpr = await c.updateOne({ $expr: { $lt: [{ $add: ['$lo', 1] }, '$hi'] } }, { $inc: { lo: 1 } });
        expect(byExpr.modifiedCount).toBe(1);
        expect(await c.countDocuments({ $expr: { $lt: [{ $add: ['$lo', 1] }, '$hi'] } })).toBe(0);
        expect(await c.findOne({ _id: 'o' }, { projection: { lo: 1 } })).toEqual({ _id: 'o', lo: 2 });
      });

      it('never changes _id', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'keep', v: 1 });
        await expect(c.updateOne({ _id: 'keep' }, { $set: { _id: 'other' } })).rejects.toThrow();
        await expect(c.replaceOne({ _id: 'keep' }, { _id: 'other', v: 2 })).rejects.toThrow();
        expect(await c.find({})).toEqual([{ _id: 'keep', v: 1 }]);
      });

      it('upserts from the filter equalities plus $setOnInsert, only once', async () => {
        const c = fresh();
        const first = await c.updateOne(
          { _id: 'k1', kind: 'counter', n: { $gte: 0 } },
          { $inc: { n: 1 }, $setOnInsert: { createdBy: 'me' } },
          { upsert: true },
        );
        expect(first).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'k1' });
        const second = await c.updateOne(
          { _id: 'k1', kind: 'counter' },
          { $inc: { n: 1 }, $setOnInsert: { createdBy: 'someone else' } },
          { upsert: true },
        );
        expect(second).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
        expect(await c.findOne({ _id: 'k1' })).toEqual({ _id: 'k1', kind: 'counter', n: 2, createdBy: 'me' });

        const replaced = await c.replaceOne({ _id: 'r1' }, { _id: 'r1', whole: true }, { upsert: true });
        expect(replaced.upsertedId).toBe('r1');
        expect(await c.findOne({ _id: 'r1' })).toEqual({ _id: 'r1', whole: true });
      });
    });

    describe('atomic single-document writes', () => {
      it('applies exactly one of 50 concurrent conditional updates', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'rec', v: 1 });
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => c.updateOne({ _id: 'rec', v: 1 }, { $set: { v: 2, by: i } })),
        );
        expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
        expect(results.reduce((sum, r) => sum + r.matchedCount, 0)).toBe(1);
        expect((await c.findOne({ _id: 'rec' }))?.v).toBe(2);
      });

      it('returns the document before or after findOneAndUpdate, and counts without gaps under concurrency', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'seq', n: 0 });
        const before = await c.findOneAndUpdate({ _id: 'seq' }, { $inc: { n: 1 } }, { returnDocument: 'before' });
        expect(before).toEqual({ _id: 'seq', n: 0 });
        const after = await c.findOneAndUpdate({ _id: 'seq' }, { $inc: { n: 1 } });
        expect(after).toEqual({ _id: 'seq', n: 2 });
        expect(await c.findOneAndUpdate({ _id: 'nope' }, { $inc: { n: 1 } })).toBeNull();

        const values = await Promise.all(
          Array.from({ length: 200 }, () =>
            c.findOneAndUpdate({ _id: 'seq' }, { $inc: { n: 1 } }, { returnDocument: 'after', projection: { n: 1 } }),
          ),
        );
        const numbers = values.map((d) => d?.n as number);
        expect(new Set(numbers).size).toBe(200);
        expect(Math.min(...numbers)).toBe(3);
        expect(Math.max(...numbers)).toBe(202);

        const created = await c.findOneAndUpdate({ _id: 'new' }, { $set: { n: 1 } }, { upsert: true });
        expect(created).toEqual({ _id: 'new', n: 1 });
      });
    });

    describe('unique indexes', () => {
      it('rejects duplicates, allows many missing or null values, reports the keys', async () => {
        const c = fresh();
        expect(await c.createIndex({ keys: { email: 1 }, unique: true })).toBe('email_1');
        await c.insertMany([
          { _id: '1', email: 'a@x' },
          { _id: '2', email: 'b@x' },
          { _id: '3' },
          { _id: '4' },
          { _id: '5', email: null },
          { _id: '6', email: null },
        ]);
        const error = await c.insertOne({ _id: '7', email: 'a@x' }).catch((e: unknown) => e);
        expect(isDuplicateKeyError(error)).toBe(true);
        expect((error as { keys: string[] }).keys).toEqual(['email']);
        await expect(c.updateOne({ _id: '2' }, { $set: { email: 'a@x' } })).rejects.toSatisfy(isDuplicateKeyError);
        expect((await c.findOne({ _id: '2' }))?.email).toBe('b@x');
        await c.updateOne({ _id: '3' }, { $set: { email: 'c@x' } });
        expect(await c.countDocuments({ email: 'c@x' })).toBe(1);
      });

      it('enforces composite unique keys and tells numbers from booleans', async () => {
        const c = fresh();
        await c.createIndex({ keys: { form: 1, serial: 1 }, unique: true, name: 'form_serial' });
        await c.insertMany([
          { _id: '1', form: 'f', serial: 1 },
          { _id: '2', form: 'g', serial: 1 },
          { _id: '3', form: 'f', serial: true },
          { _id: '4', form: 'f' },
          { _id: '5', form: 'f' },
        ]);
        const error = await c.insertOne({ _id: '6', form: 'f', serial: 1 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ keys: ['form', 'serial'], indexName: 'form_serial' });
      });

      it('refuses a unique index over existing duplicates', async () => {
        const c = fresh();
        await c.insertMany([
          { _id: '1', code: 'x' },
          { _id: '2', code: 'x' },
        ]);
        await expect(c.createIndex({ keys: { code: 1 }, unique: true })).rejects.toSatisfy(isDuplicateKeyError);
      });

      it('stores nothing of an insertMany that fails part-way', async () => {
        const c = fresh();
        await c.createIndex({ keys: { code: 1 }, unique: true });
        await c.insertOne({ _id: 'x', code: 'taken' });
        await expect(
          c.insertMany([
            { _id: 'a', code: 'new1' },
            { _id: 'b', code: 'taken' },
            { _id: 'c', code: 'new2' },
          ]),
        ).rejects.toSatisfy(isDuplicateKeyError);
        await expect(
          c.insertMany([
            { _id: 'd', code: 'new3' },
            { _id: 'd', code: 'new4' },
          ]),
        ).rejects.toSatisfy(isDuplicateKeyError);
        expect(ids(await c.find({}))).toEqual(['x']);
      });
    });

    describe('transactions', () => {
      it('commits every write together', async () => {
        const c = fresh();
        const result = await store.transaction(async (tx) => {
          await tx.collection(c.name).insertOne({ _id: 'a', v: 1 });
          await c.insertOne({ _id: 'b', v: 2 }); // through the outer store: joins the transaction
          await tx.collection(c.name).updateOne({ _id: 'a' }, { $inc: { v: 10 } });
          return (await c.findOne({ _id: 'a' }))?.v;
        });
        expect(result).toBe(11);
        expect(ids(await c.find({}))).toEqual(['a', 'b']);
      });

      it('writes nothing when the function throws, including writes through the outer store', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'base', v: 1 });
        const failure = new Error('boom');
        await expect(
          store.transaction(async (tx) => {
            await tx.collection(c.name).insertOne({ _id: 'x' });
            await c.updateOne({ _id: 'base' }, { $set: { v: 99 } });
            await store.transaction(async () => {
              await c.insertOne({ _id: 'nested' });
            });
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await c.find({})).toEqual([{ _id: 'base', v: 1 }]);
      });

      it('rolls back when a write inside fails, and keeps working afterwards', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'dup' });
        await expect(
          store.transaction(async (tx) => {
            await tx.collection(c.name).insertOne({ _id: 'fresh' });
            await tx.collection(c.name).insertOne({ _id: 'dup' });
          }),
        ).rejects.toSatisfy(isDuplicateKeyError);
        expect(ids(await c.find({}))).toEqual(['dup']);
        await c.insertOne({ _id: 'after' });
        expect(await c.countDocuments({})).toBe(2);
      });

      it('lets concurrent writes outside wait for the transaction instead of joining it', async () => {
        const c = fresh();
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const txDone = store.transaction(async (tx) => {
          await tx.collection(c.name).insertOne({ _id: 'in-tx' });
          await gate;
          throw new Error('abort');
        });
        const outside = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          await c.insertOne({ _id: 'outside' });
        })();
        const seen = await c.find({}); // a read outside sees committed data only
        expect(ids(seen)).not.toContain('in-tx');
        release();
        await expect(txDone).rejects.toThrow('abort');
        await outside;
        expect(ids(await c.find({}))).toEqual(['outside']);
      });
    });

    describe('aggregation', () => {
      it('runs $match $group $sort $project $unwind $count $addFields', async () => {
        const c = fresh();
        await c.insertMany([
          { _id: '1', owner: 'ann', amount: 10, tags: ['a', 'b'] },
          { _id: '2', owner: 'bob', amount: 5, tags: ['a'] },
          { _id: '3', owner: 'ann', amount: 7, tags: [] },
          { _id: '4', owner: 'cy', amount: 1, tags: ['c'] },
        ]);
        expect(
          await c.aggregate([
            { $match: { amount: { $gte: 5 } } },
            { $group: { _id: '$owner', total: { $sum: '$amount' }, n: { $sum: 1 } } },
            { $sort: { total: -1 } },
            { $project: { _id: 0, owner: '$_id', total: 1, n: 1 } },
          ]),
        ).toEqual([
          { owner: 'ann', total: 17, n: 2 },
          { owner: 'bob', total: 5, n: 1 },
        ]);
        expect(
          await c.aggregate([
            { $unwind: '$tags' },
            { $group: { _id: '$tags', n: { $sum: 1 } } },
            { $sort: { _id: 1 } },
          ]),
        ).toEqual([
          { _id: 'a', n: 2 },
          { _id: 'b', n: 1 },
          { _id: 'c', n: 1 },
        ]);
        expect(await c.aggregate([{ $match: { owner: 'ann' } }, { $count: 'n' }])).toEqual([{ n: 2 }]);
        expect(
          await c.aggregate([
            { $match: { _id: '4' } },
            { $addFields: { double: { $multiply: ['$amount', 2] } } },
            { $project: { double: 1 } },
          ]),
        ).toEqual([{ _id: '4', double: 2 }]);
      });
    });

    describe('indexes and collections', () => {
      it('creates indexes idempotently, lists and drops them', async () => {
        const c = fresh();
        expect(await c.createIndex({ keys: { a: 1, b: -1 } })).toBe('a_1_b_-1');
        expect(await c.createIndex({ keys: { a: 1, b: -1 } })).toBe('a_1_b_-1');
        expect(await c.createIndex({ keys: { u: 1 }, unique: true, name: 'by_u' })).toBe('by_u');
        const listed = await c.listIndexes();
        expect(listed.map((i) => i.name).sort()).toEqual(['_id_', 'a_1_b_-1', 'by_u']);
        expect(listed.find((i) => i.name === 'a_1_b_-1')).toEqual({
          name: 'a_1_b_-1',
          keys: { a: 1, b: -1 },
          unique: false,
        });
        expect(listed.find((i) => i.name === 'by_u')).toEqual({ name: 'by_u', keys: { u: 1 }, unique: true });
        await c.dropIndex('by_u');
        expect((await c.listIndexes()).map((i) => i.name).sort()).toEqual(['_id_', 'a_1_b_-1']);
        await c.insertMany([
          { _id: '1', u: 1 },
          { _id: '2', u: 1 },
        ]);
        expect(await c.countDocuments({ u: 1 })).toBe(2);
      });

      it('lists collections and drops one with its indexes', async () => {
        const c = fresh();
        await c.insertOne({ _id: 'x', k: 1 });
        await c.createIndex({ keys: { k: 1 }, unique: true });
        expect(await store.listCollections()).toContain(c.name);
        await c.drop();
        expect(await store.listCollections()).not.toContain(c.name);
        expect(await c.countDocuments({})).toBe(0);
        await c.insertMany([
          { _id: 'x', k: 1 },
          { _id: 'y', k: 1 },
        ]);
        expect(await c.countDocuments({ k: 1 })).toBe(2);
      });

      it('answers ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('answers that an SQL translation could get wrong', () => {
      it('keeps MongoDB semantics for fields that become arrays', async () => {
        const c = fresh();
        await c.createIndex({ keys: { tag: 1 } });
        await c.insertMany([
          { _id: '1', tag: 'red' },
          { _id: '2', tag: 'blue' },
        ]);
        expect(ids(await c.find({ tag: 'red' }, { limit: 5 }))).toEqual(['1']);
        await c.insertOne({ _id: '3', tag: ['red', 'green'] });
        expect(ids(await c.find({ tag: 'red' }, { sort: { _id: 1 }, limit: 5 }))).toEqual(['1', '3']);
        expect(await c.countDocuments({ tag: { $in: ['green', 'blue'] } })).toBe(2);
        await c.insertOne({ _id: '4', meta: [{ k: 'a' }] });
        expect(ids(await c.find({ 'meta.k': 'a' }))).toEqual(['4']);
      });

      it('tells booleans, numbers and strings apart in equality, ranges and sorting', async () => {
        const c = fresh();
        await c.createIndex({ keys: { v: 1 } });
        await c.insertMany([
          { _id: 'n1', v: 1 },
          { _id: 'n0', v: 0 },
          { _id: 'n2', v: 2.5 },
          { _id: 't', v: true },
          { _id: 'f', v: false },
          { _id: 's', v: '1' },
          { _id: 'z', v: 'a' },
          { _id: 'm' },
        ]);
        const q = async (filter: Record<string, unknown>) => ids(await c.find(filter, { sort: { _id: 1 } }));
        expect(await q({ v: 1 })).toEqual(['n1']);
        expect(await q({ v: true })).toEqual(['t']);
        expect(await q({ v: false })).toEqual(['f']);
        expect(await q({ v: 0 })).toEqual(['n0']);
        expect(await q({ v: '1' })).toEqual(['s']);
        expect(await q({ v: { $gte: 1 } })).toEqual(['n1', 'n2']);
        expect(await q({ v: { $lt: 1 } })).toEqual(['n0']);
        expect(await q({ v: { $gt: '' } })).toEqual(['s', 'z']);
        expect(await q({ v: { $in: [true, 1] } })).toEqual(['n1', 't']);
        expect(await c.countDocuments({ v: { $lte: 2.5 } })).toBe(3);
        expect(ids(await c.find({}, { sort: { v: 1, _id: 1 } }))).toEqual(['m', 'n0', 'n1', 'n2', 's', 'z', 'f', 't']);
        expect(ids(await c.find({ v: { $gte: 0 } }, { sort: { v: -1 }, limit: 2 }))).toEqual(['n2', 'n1']);
      });

      it('does not confuse an object field with its JSON text', async () => {
        const c = fresh();
        await c.insertMany([
          { _id: 'o', x: { a: 1 } },
          { _id: 's', x: '{"a":1}' },
        ]);
        expect(ids(await c.find({ x: '{"a":1}' }))).toEqual(['s']);
        expect(ids(await c.find({ x: { a: 1 } }))).toEqual(['o']);
        expect(ids(await c.find({ 'x.a': 1 }))).toEqual(['o']);
      });
    });
  });
}
