import type { FlowDefinition } from '@formloom/model';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ELK as ElkLayouter } from 'elkjs/lib/elk-api.js';
import { describe, expect, it } from 'vitest';
import { toElkGraph } from './auto-layout.js';
import { cardSizes } from './card-size.js';
import { cachedLayout, LayoutCache, type KeyValueStorage } from './layout-cache.js';

function memoryStorage(): KeyValueStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The bundled ELK, counting its runs. */
function countingElk(): { elk: ElkLayouter; runs: () => number } {
  const real = new ELK();
  let runs = 0;
  const elk = Object.assign(Object.create(real) as ElkLayouter, {
    layout: (...args: Parameters<ElkLayouter['layout']>) => {
      runs += 1;
      return real.layout(...args);
    },
  });
  return { elk, runs: () => runs };
}

const flow: FlowDefinition = {
  mode: 'process',
  formId: 'f',
  nodes: [
    { id: 's', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'c', type: 'condition', position: { x: 0, y: 0 }, data: {} },
    { id: 'a', type: 'approval', position: { x: 0, y: 0 }, data: { mode: 'any' } },
    { id: 'e', type: 'end', position: { x: 0, y: 0 }, data: {} },
  ],
  edges: [
    { id: 'sc', source: 's', target: 'c' },
    { id: 'ca', source: 'c', target: 'a' },
    { id: 'ce', source: 'c', target: 'e', data: { isDefault: true } },
    { id: 'ae', source: 'a', target: 'e' },
  ],
};

const graphOf = (definition: FlowDefinition, label = 'Amount > 10,000') => {
  const sizes = cardSizes(definition);
  return toElkGraph(
    definition,
    (id) => sizes.get(id),
    (id) => (id === 'ca' ? { width: 7 * label.length + 18, height: 20 } : undefined),
  );
};

describe('layout cache (a reopened flow draws its routes without running ELK again)', () => {
  it('answers the same input from storage with the same positions and routes, and runs ELK for a changed one', async () => {
    const storage = memoryStorage();
    const { elk, runs } = countingElk();
    const first = await cachedLayout(graphOf(flow), elk, new LayoutCache(storage), 'flow1');
    expect(runs()).toBe(1);

    // Another page load: a new cache object over the same storage.
    const again = await cachedLayout(graphOf(structuredClone(flow)), elk, new LayoutCache(storage), 'flow1');
    expect(runs()).toBe(1);
    expect(again).toEqual(first);
    expect(again.routes.get('ca')!.points.length).toBeGreaterThanOrEqual(2);

    await cachedLayout(graphOf(flow, 'Amount > 50,000 and urgent'), elk, new LayoutCache(storage), 'flow1');
    expect(runs()).toBe(2);
  });

  it('keeps the layouts of the last 8 flows only, and runs ELK when what is stored is unreadable', async () => {
    const storage = memoryStorage();
    const { elk, runs } = countingElk();
    const cache = new LayoutCache(storage);
    for (let i = 0; i < 10; i += 1) await cachedLayout(graphOf(flow), elk, cache, `flow${i}`);
    const kept = [...storage.items.keys()].filter((k) => k.startsWith('formloom.flowLayout.flow'));
    expect(kept.sort()).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((i) => `formloom.flowLayout.flow${i}`));

    storage.items.set('formloom.flowLayout.flow9', '{not json');
    const before = runs();
    await cachedLayout(graphOf(flow), elk, cache, 'flow9');
    expect(runs()).toBe(before + 1);
  });

  it('runs ELK every time when storage refuses to keep anything', async () => {
    const { elk, runs } = countingElk();
    const full: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    await cachedLayout(graphOf(flow), elk, new LayoutCache(full), 'flow1');
    await cachedLayout(graphOf(flow), elk, new LayoutCache(full), 'flow1');
    expect(runs()).toBe(2);
  });
});
