import type { FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../format-value';
import { BATCH, createLinkLabelCache, type LinkTarget } from './link-label-cache';
import type { LinkedRecord } from './lookup-api';
import { linkIdsOf, type LinkLabels } from './use-link-labels';

const customers: LinkTarget = { formId: 'customers', displayFields: ['name', 'city'] };
const stored: Record<string, LinkedRecord> = {
  c1: { id: 'c1', data: { name: 'Acme', city: 'Berlin' } },
  c2: { id: 'c2', data: { name: 'Globex' } },
};

function fakeServer(readable: (id: string) => boolean = () => true) {
  const calls: Array<{ formId: string; ids: string[]; fields: string[] }> = [];
  const cache = createLinkLabelCache(async (formId, ids, fields) => {
    calls.push({ formId, ids, fields });
    if (formId === 'secret') throw new Error('403');
    return ids.filter((id) => stored[id] !== undefined && readable(id)).map((id) => stored[id]);
  });
  return { cache, calls };
}

describe('linked record label cache', () => {
  it('asks once per target form for every id requested in the same turn, with the display fields', async () => {
    const { cache, calls } = fakeServer();
    const first = cache.request(customers, ['c1']);
    const second = cache.request(customers, ['c2', 'c1']);
    await Promise.all([first, second]);
    expect(calls).toEqual([{ formId: 'customers', ids: ['c1', 'c2'], fields: ['name', 'city'] }]);
    expect(cache.label(customers, 'c1')).toBe('Acme · Berlin');
    expect(cache.label(customers, 'c2')).toBe('Globex');
    await cache.request(customers, ['c1', 'c2']);
    expect(calls).toHaveLength(1);
  });

  it('splits many ids into requests of at most BATCH', async () => {
    const { cache, calls } = fakeServer();
    await cache.request(
      customers,
      Array.from({ length: BATCH * 2 + 1 }, (_, i) => `r${i}`),
    );
    expect(calls.map((c) => c.ids.length)).toEqual([BATCH, BATCH, 1]);
  });

  it('marks records the user may not read, deleted ones and unreadable forms as not available', async () => {
    const { cache } = fakeServer((id) => id !== 'c2');
    const secret: LinkTarget = { formId: 'secret', displayFields: ['name'] };
    await Promise.all([cache.request(customers, ['c1', 'c2', 'gone']), cache.request(secret, ['s1'])]);
    expect(cache.label(customers, 'c1')).toBe('Acme · Berlin');
    expect(cache.label(customers, 'c2')).toBeNull();
    expect(cache.label(customers, 'gone')).toBeNull();
    expect(cache.label(secret, 's1')).toBeNull();
    expect(cache.label(customers, 'never-asked')).toBeUndefined();
  });

  it('reads a saved record again and shows its new label; a record that became unreadable is not available', async () => {
    const { cache, calls } = fakeServer();
    await cache.request(customers, ['c1', 'c2']);
    stored.c1 = { id: 'c1', data: { name: 'Acme Renamed', city: 'Berlin' } };
    await cache.refresh('customers', 'c1');
    expect(calls.at(-1)?.ids).toEqual(['c1']);
    expect(cache.label(customers, 'c1')).toBe('Acme Renamed · Berlin');
    const c2 = stored.c2;
    delete stored.c2;
    await cache.refresh('customers', 'c2');
    expect(cache.label(customers, 'c2')).toBeNull();
    stored.c1 = { id: 'c1', data: { name: 'Acme', city: 'Berlin' } };
    stored.c2 = c2;
    await cache.refresh('customers', 'never-asked');
    expect(calls).toHaveLength(3);
  });

  it('keeps labels for different display fields of the same form apart', async () => {
    const { cache, calls } = fakeServer();
    const byCity: LinkTarget = { formId: 'customers', displayFields: ['city'] };
    await Promise.all([cache.request(customers, ['c1']), cache.request(byCity, ['c1'])]);
    expect(calls).toHaveLength(2);
    expect(cache.label(byCity, 'c1')).toBe('Berlin');
  });
});

describe('link values as text', () => {
  const link: FieldMeta = { kind: 'link', label: 'Customer', link: { ...customers, multiple: true } } as FieldMeta;
  const subform = { kind: 'subform', label: 'Lines', subform: { fields: { customer: link } } } as unknown as FieldMeta;
  const labels: LinkLabels = {
    label: (_target, id) => (id === 'c1' ? 'Acme' : id === 'c2' ? null : undefined),
    notAvailable: '(not available)',
  };

  it('finds the ids of link values, also in subform rows', () => {
    expect(linkIdsOf(link, ['c1', 'c2'])).toEqual([{ target: link.link, ids: ['c1', 'c2'] }]);
    expect(linkIdsOf(subform, [{ customer: ['c1'] }, { customer: [] }, null])).toEqual([
      { target: link.link, ids: ['c1'] },
    ]);
    expect(linkIdsOf({ kind: 'text', label: 'x' } as FieldMeta, 'c1')).toEqual([]);
  });

  it('shows labels, a placeholder instead of an unavailable id, and never the raw id', () => {
    expect(formatValue(link, ['c1', 'c2', 'c3'], ['Y', 'N'], undefined, labels)).toBe('Acme, (not available), …');
    expect(formatValue(subform, [{ customer: ['c1'] }], ['Y', 'N'], undefined, labels)).toBe('Acme');
  });
});
