import type { FormDefinition, Principal } from '@formloom/model';
import { fullAccess, resolveFormAccess, type FormAccess, type RecordContext } from '@formloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, principal, type EngineFixture } from './engine-fixture.js';

/**
 * Values a write takes from other forms, with the writer's read permissions there:
 * select-data copies (选择数据) and data-linkage defaults (数据联动).
 */
let engine: EngineFixture;

const productsDefinition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      p_code: { type: 'string' },
      p_price: { type: 'number' },
      p_category: { type: 'string' },
      p_secret: { type: 'string' },
    },
  },
  uiSchema: {},
  fields: {
    p_code: { kind: 'text', label: 'Code' },
    p_price: { kind: 'money', label: 'Price' },
    p_category: { kind: 'text', label: 'Category' },
    p_secret: { kind: 'text', label: 'Cost' },
  },
};

const linesDefinition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_product: { type: 'string' },
      f_code: { type: 'string' },
      f_price: { type: 'number' },
      f_category: { type: 'string', enum: ['tools', 'food'] },
      f_note: { type: 'string' },
      f_lookup: { type: 'string' },
      f_list_price: { type: 'number' },
    },
  },
  uiSchema: {},
  fields: {
    f_product: {
      kind: 'select_data',
      label: 'Product',
      link: {
        formId: 'products',
        displayFields: ['p_code'],
        onDelete: 'clear',
        copy: { p_code: 'f_code', p_price: 'f_price', p_category: 'f_category', p_secret: 'f_note' },
      },
    },
    f_code: { kind: 'text', label: 'Code' },
    f_price: { kind: 'money', label: 'Price' },
    f_category: {
      kind: 'select',
      label: 'Category',
      options: [
        { value: 'tools', label: 'Tools' },
        { value: 'food', label: 'Food' },
      ],
    },
    f_note: { kind: 'text', label: 'Note' },
    f_lookup: { kind: 'text', label: 'Code to look up' },
    f_list_price: {
      kind: 'number',
      label: 'List price',
      default: {
        type: 'linkage',
        formId: 'products',
        condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'f_lookup' } }] },
        sourceField: 'p_price',
      },
    },
  },
};

beforeAll(async () => {
  engine = await openEngine();
  await engine.publishForm('products', productsDefinition);
  await engine.publishForm('lines', linesDefinition);
});
afterAll(async () => engine.close());

/** A context on `lines` whose related forms are read with `productAccess`. */
function lines(p: Principal = principal('ann'), productAccess: FormAccess = fullAccess()): RecordContext {
  return { ...engine.ctxOn('lines', p), relatedForm: async (formId) => engine.ctxOn(formId, p, productAccess) };
}
const product = (data: Record<string, unknown>) => engine.records.create(engine.ctxOn('products'), data);

describe('select-data copying on the server', () => {
  it('copies the picked record’s mapped fields the client left out, converted; the client’s values win', async () => {
    const hammer = await product({ p_code: 'H-1', p_price: 12.5, p_category: 'tools', p_secret: 'cost 4' });
    const line = await engine.records.create(lines(), { f_product: hammer.id, f_note: 'mine' });
    expect(line.data).toMatchObject({ f_code: 'H-1', f_price: 12.5, f_category: 'tools', f_note: 'mine' });
  });

  it('skips values that do not convert (not one of the options)', async () => {
    const odd = await product({ p_code: 'O-1', p_category: 'toys' });
    const line = await engine.records.create(lines(), { f_product: odd.id });
    expect(line.data.f_code).toBe('O-1');
    expect(line.data.f_category).toBeUndefined();
  });

  it('copies again only when an update changes the pick', async () => {
    const a = await product({ p_code: 'A', p_price: 1 });
    const b = await product({ p_code: 'B', p_price: 2 });
    const line = await engine.records.create(lines(), { f_product: a.id });
    const edited = await engine.records.update(lines(), line.id, { baseVersion: 1, data: { f_code: 'typed' } });
    expect(edited.data).toMatchObject({ f_code: 'typed', f_price: 1 });
    const same = await engine.records.update(lines(), line.id, {
      baseVersion: 2,
      data: { f_product: a.id, f_note: 'x' },
    });
    expect(same.data.f_code).toBe('typed');
    const moved = await engine.records.update(lines(), line.id, { baseVersion: 3, data: { f_product: b.id } });
    expect(moved.data).toMatchObject({ f_code: 'B', f_price: 2 });
  });

  it('copies only what the writer may read on the other form', async () => {
    const secret = await product({ p_code: 'S-1', p_price: 3, p_secret: 'cost 1' });
    const limited = resolveFormAccess(
      [
        {
          id: 'g',
          name: 'Sales',
          subjects: { everyone: true },
          actions: ['read'],
          scope: 'all',
          fields: { readable: ['p_code', 'p_price'] },
        },
      ],
      principal('bob'),
      { isManager: false },
    );
    const line = await engine.records.create(lines(principal('bob'), limited), { f_product: secret.id });
    expect(line.data).toMatchObject({ f_code: 'S-1', f_price: 3 });
    expect(line.data.f_note).toBeUndefined();
    // No read access at all: nothing is copied, the link itself is still stored.
    const none = resolveFormAccess([], principal('eve'), { isManager: false });
    const blind = await engine.records.create(lines(principal('eve'), none), { f_product: secret.id });
    expect(blind.data).toEqual({ f_product: secret.id });
  });
});

describe('data-linkage defaults on the server', () => {
  it('fills an omitted field from the newest matching record of the other form', async () => {
    await product({ p_code: 'L-1', p_price: 10 });
    // "Newest" is by creation time; two records of the same millisecond would tie.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await product({ p_code: 'L-1', p_price: 11 });
    await product({ p_code: 'L-2', p_price: 20 });
    const line = await engine.records.create(lines(), { f_lookup: 'L-1' });
    expect(line.data.f_list_price).toBe(11);
    const given = await engine.records.create(lines(), { f_lookup: 'L-1', f_list_price: 5 });
    expect(given.data.f_list_price).toBe(5);
    const none = await engine.records.create(lines(), { f_lookup: 'nothing' });
    expect(none.data.f_list_price).toBeUndefined();
    const empty = await engine.records.create(lines(), {});
    expect(empty.data.f_list_price).toBeUndefined();
  });

  it('fills nothing without a way to read other forms (a context without relatedForm)', async () => {
    const line = await engine.records.create(engine.ctxOn('lines'), { f_lookup: 'L-2' });
    expect(line.data.f_list_price).toBeUndefined();
  });
});

const quotesDefinition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      q_currency: { type: 'string' },
      q_items: { type: 'array', items: { type: 'object' } },
    },
  },
  uiSchema: {},
  fields: {
    q_currency: { kind: 'text', label: 'Currency' },
    q_items: {
      kind: 'subform',
      label: 'Items',
      subform: {
        fields: {
          c_code: { kind: 'text', label: 'Code' },
          c_category: { kind: 'text', label: 'Category' },
          c_price: {
            kind: 'number',
            label: 'Price',
            default: {
              type: 'linkage',
              formId: 'products',
              condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'c_code' } }] },
              sourceField: 'p_price',
            },
          },
          c_kind: {
            kind: 'text',
            label: 'Kind',
            default: {
              type: 'linkage',
              formId: 'products',
              condition: { rel: 'and', cond: [{ field: 'p_code', method: 'eq', valueFrom: { field: 'q_currency' } }] },
              sourceField: 'p_category',
            },
          },
        },
      },
    },
  },
};

describe('data-linkage defaults on subform columns', () => {
  const quotes = (p: Principal = principal('ann')): RecordContext => ({
    ...engine.ctxOn('quotes', p),
    relatedForm: async (formId) => engine.ctxOn(formId, p),
  });
  const rows = (record: { data: Record<string, unknown> }) =>
    (record.data.q_items as Array<Record<string, unknown>>).map(({ _rowId, ...cells }) => (void _rowId, cells));

  beforeAll(async () => {
    await engine.publishForm('quotes', quotesDefinition);
    await product({ p_code: 'Q-1', p_price: 7, p_category: 'tools' });
    await product({ p_code: 'Q-2', p_price: 9 });
    await product({ p_code: 'EUR', p_category: 'food' });
  });

  it('each new row takes its column from the record its own cells (then the record’s fields) match', async () => {
    const quote = await engine.records.create(quotes(), {
      q_currency: 'EUR',
      q_items: [{ c_code: 'Q-1' }, { c_code: 'Q-2', c_price: 1 }, { c_code: 'none' }],
    });
    expect(rows(quote)).toEqual([
      { c_code: 'Q-1', c_price: 7, c_kind: 'food' },
      { c_code: 'Q-2', c_price: 1, c_kind: 'food' },
      { c_code: 'none', c_kind: 'food' },
    ]);
  });

  it('on an update only rows that are new get defaults; kept rows keep what they have', async () => {
    const quote = await engine.records.create(quotes(), { q_items: [{ c_code: 'Q-1' }] });
    const [kept] = quote.data.q_items as Array<Record<string, unknown>>;
    const cleared = { _rowId: kept._rowId, c_code: 'Q-2' };
    const edited = await engine.records.update(quotes(), quote.id, {
      baseVersion: quote.version,
      data: { q_items: [cleared, { c_code: 'Q-2' }] },
    });
    expect(rows(edited)).toEqual([{ c_code: 'Q-2' }, { c_code: 'Q-2', c_price: 9 }]);
  });

  it('fills nothing from a form the writer may not read', async () => {
    const none = resolveFormAccess([], principal('eve'), { isManager: false });
    const blind: RecordContext = {
      ...engine.ctxOn('quotes', principal('eve')),
      relatedForm: async (formId) => engine.ctxOn(formId, principal('eve'), none),
    };
    const quote = await engine.records.create(blind, { q_items: [{ c_code: 'Q-1' }] });
    expect(rows(quote)).toEqual([{ c_code: 'Q-1' }]);
  });
});
