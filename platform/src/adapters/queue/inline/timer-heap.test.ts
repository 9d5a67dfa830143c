import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerHeap } from './timer-heap.js';

describe('TimerHeap', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires deadlines in time order whatever order they were added in', () => {
    const heap = new TimerHeap();
    const fired: string[] = [];
    const now = Date.now();
    for (const [name, offset] of [
      ['c', 300],
      ['a', 100],
      ['d', 300],
      ['b', 200],
    ] as const) {
      heap.at(now + offset, () => fired.push(name));
    }
    vi.advanceTimersByTime(150);
    expect(fired).toEqual(['a']);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['a', 'b', 'c', 'd']);
    expect(heap.size).toBe(0);
  });

  it('keeps a single armed timer for many deadlines', () => {
    const heap = new TimerHeap();
    for (let i = 0; i < 1_000; i += 1) heap.at(Date.now() + 10 + (i % 97), () => {});
    expect(vi.getTimerCount()).toBe(1);
    expect(heap.size).toBe(1_000);
    vi.advanceTimersByTime(200);
    expect(heap.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never fires a cancelled deadline and re-arms for the next live one', () => {
    const heap = new TimerHeap();
    const fired: string[] = [];
    const first = heap.at(Date.now() + 100, () => fired.push('first'));
    heap.at(Date.now() + 200, () => fired.push('second'));
    first.cancel();
    first.cancel();
    expect(heap.size).toBe(1);
    vi.advanceTimersByTime(250);
    expect(fired).toEqual(['second']);
  });

  it('runs deadlines that callbacks add, including ones already due', () => {
    const heap = new TimerHeap();
    const fired: string[] = [];
    heap.at(Date.now() + 50, () => {
      fired.push('outer');
      heap.at(Date.now(), () => fired.push('inner-now'));
      heap.at(Date.now() + 50, () => fired.push('inner-later'));
    });
    vi.advanceTimersByTime(60);
    expect(fired).toEqual(['outer', 'inner-now']);
    vi.advanceTimersByTime(50);
    expect(fired).toEqual(['outer', 'inner-now', 'inner-later']);
  });

  it('waits past the 24.8-day setTimeout limit without firing early', () => {
    const heap = new TimerHeap();
    const fired: number[] = [];
    const dueAt = Date.now() + 30 * 24 * 3_600_000;
    heap.at(dueAt, () => fired.push(Date.now()));
    vi.advanceTimersByTime(2_147_483_647);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(30 * 24 * 3_600_000 - 2_147_483_647);
    expect(fired).toEqual([dueAt]);
  });

  it('drops everything on stop() and refuses new deadlines', () => {
    const heap = new TimerHeap();
    const fired: string[] = [];
    heap.at(Date.now() + 10, () => fired.push('x'));
    heap.stop();
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(() => heap.at(Date.now(), () => {})).toThrow(/stopped/);
  });
});
