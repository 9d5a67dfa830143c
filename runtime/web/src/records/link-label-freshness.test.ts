import { describe, expect, it } from 'vitest';
import { createLinkLabelCache, type LinkTarget } from '../form-renderer/widgets/link-label-cache';
import type { LinkedRecord } from '../form-renderer/widgets/lookup-api';
import { createLinkLabelFreshness, type FreshnessEnvironment } from './link-label-freshness';

const customers: LinkTarget = { formId: 'customers', displayFields: ['name'] };
const products: LinkTarget = { formId: 'products', displayFields: ['code'] };

/** A server holding names, counting the label requests the cache makes. */
function world() {
  const names: Record<string, string> = { c1: 'Acme', c2: 'Globex', c3: 'Initech', p1: 'H-1' };
  const calls: Array<{ formId: string; ids: string[] }> = [];
  let release: (() => void) | null = null;
  let holding = false;
  const cache = createLinkLabelCache(async (formId, ids): Promise<LinkedRecord[]> => {
    calls.push({ formId, ids: [...ids] });
    if (holding) await new Promise<void>((resolve) => (release = resolve));
    const field = formId === 'products' ? 'code' : 'name';
    return ids.filter((id) => names[id] !== undefined).map((id) => ({ id, data: { [field]: names[id] } }));
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  /** What the views on the page render: `label()` of every id they show. */
  const render = (target: LinkTarget, ids: string[]) => ids.map((id) => cache.label(target, id));
  return {
    names,
    calls,
    cache,
    settle,
    render,
    hold: () => (holding = true),
    letGo: () => {
      holding = false;
      release?.();
    },
  };
}

describe('link label invalidation', () => {
  it('re-reads only the labels still shown, in one request per linked form, keeping the old label meanwhile', async () => {
    const w = world();
    await w.cache.request(customers, ['c1', 'c2', 'c3']);
    await w.cache.request(products, ['p1']);
    w.calls.length = 0;
    w.names.c1 = 'Acme Renamed';
    w.names.c2 = 'Globex Renamed';

    w.cache.invalidate();
    // The page now shows c1 and c2 only (c3 scrolled away), and the product.
    expect(w.render(customers, ['c1', 'c2'])).toEqual(['Acme', 'Globex']);
    w.render(products, ['p1']);
    await w.settle();
    expect(w.calls).toEqual([
      { formId: 'customers', ids: ['c1', 'c2'] },
      { formId: 'products', ids: ['p1'] },
    ]);
    expect(w.render(customers, ['c1', 'c2'])).toEqual(['Acme Renamed', 'Globex Renamed']);
    await w.settle();
    expect(w.calls).toHaveLength(2);
    // c3 shown again later: still stale, so read then (its old label meanwhile).
    expect(w.render(customers, ['c3'])).toEqual(['Initech']);
    await w.settle();
    expect(w.calls[2]).toEqual({ formId: 'customers', ids: ['c3'] });
  });

  it('a form or some records only: other labels are not read again', async () => {
    const w = world();
    await w.cache.request(customers, ['c1', 'c2']);
    await w.cache.request(products, ['p1']);
    w.calls.length = 0;
    w.cache.invalidate('customers', ['c2']);
    w.render(customers, ['c1', 'c2']);
    w.render(products, ['p1']);
    await w.settle();
    expect(w.calls).toEqual([{ formId: 'customers', ids: ['c2'] }]);
  });

  it('renders during a read do not ask again for the ids being read', async () => {
    const w = world();
    await w.cache.request(customers, ['c1']);
    w.calls.length = 0;
    w.hold();
    w.cache.invalidate();
    w.render(customers, ['c1']);
    await w.settle();
    for (let i = 0; i < 5; i++) w.render(customers, ['c1']);
    await w.settle();
    w.letGo();
    await w.settle();
    expect(w.calls).toEqual([{ formId: 'customers', ids: ['c1'] }]);
  });

  it('invalidating labels nobody asked for fetches nothing and does not re-render', async () => {
    const w = world();
    let renders = 0;
    w.cache.subscribe(() => renders++);
    w.cache.invalidate('customers');
    await w.settle();
    expect(w.calls).toEqual([]);
    expect(renders).toBe(0);
  });
});

/** Fake browser: event targets that record listeners, a clock, a channel pair between two tabs. */
function browser(now: { t: number }) {
  const listeners = new Map<string, Set<() => void>>();
  const target = {
    addEventListener: (type: string, fn: () => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
    },
    removeEventListener: (type: string, fn: () => void) => listeners.get(type)?.delete(fn),
  };
  const doc = { ...target, visibilityState: 'visible' as DocumentVisibilityState };
  const fire = (type: string) => {
    for (const fn of listeners.get(type) ?? []) fn();
  };
  return { window: target, document: doc, fire, clock: () => now.t };
}

type Channel = NonNullable<FreshnessEnvironment['channel']>;

function channelPair(): [Channel, Channel] {
  const make = (): Channel & { peer?: Channel } => ({
    onmessage: null,
    postMessage(data: unknown) {
      // Like BroadcastChannel: the other tab receives it, not the sender.
      this.peer?.onmessage?.({ data } as MessageEvent);
    },
    close() {},
  });
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

describe('link label freshness', () => {
  it('a write in one tab invalidates those records in this tab and in the other one', () => {
    const now = { t: 0 };
    const [one, two] = channelPair();
    const seen: Array<[string, string, unknown]> = [];
    const tab = (name: string, channel: Channel) => {
      const b = browser(now);
      const cache = {
        invalidate: (formId?: string, ids?: Iterable<string>) =>
          seen.push([name, formId ?? '*', ids === undefined ? '*' : [...ids]]),
      };
      const f = createLinkLabelFreshness({ cache, channel, window: b.window, document: b.document, now: b.clock });
      f.start();
      return f;
    };
    const first = tab('first', one);
    tab('second', two);
    first.written('customers', ['c1', 'c2']);
    expect(seen).toEqual([
      ['first', 'customers', ['c1', 'c2']],
      ['second', 'customers', ['c1', 'c2']],
    ]);
    // Messages that are not ours are ignored.
    one.postMessage({ type: 'records-written', formId: 5, ids: ['x'] });
    one.postMessage('hello');
    expect(seen).toHaveLength(2);
  });

  it('focus and becoming visible invalidate everything, once per interval, and not after stop', () => {
    const now = { t: 10_000 };
    const b = browser(now);
    let all = 0;
    const cache = { invalidate: (formId?: string) => void (formId === undefined && all++) };
    const f = createLinkLabelFreshness({
      cache,
      channel: null,
      window: b.window,
      document: b.document,
      now: b.clock,
      minIntervalMs: 2000,
    });
    const stop = f.start();
    b.fire('focus');
    b.fire('visibilitychange');
    expect(all).toBe(1);
    now.t += 2500;
    b.document.visibilityState = 'hidden';
    b.fire('visibilitychange');
    expect(all).toBe(1);
    b.document.visibilityState = 'visible';
    b.fire('visibilitychange');
    expect(all).toBe(2);
    stop();
    now.t += 5000;
    b.fire('focus');
    expect(all).toBe(2);
  });
});
