/**
 * One timer for many deadlines: a binary min-heap of (dueAt, callback) entries with a single
 * armed setTimeout for the earliest live entry. Cancelling marks an entry dead; dead entries
 * are dropped when they reach the top. The timer is unref'd, so pending deadlines alone do
 * not keep the process alive (the inline queue's pending work lives in the store anyway).
 */
export interface TimerHandle {
  cancel(): void;
}

interface Entry {
  dueAt: number;
  seq: number;
  fire: () => void;
  live: boolean;
}

/** setTimeout's largest delay; longer waits re-arm when it expires. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export class TimerHeap {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private live = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** Calls `fire` once, at or after `dueAt` (epoch ms), unless cancelled or stopped first. */
  at(dueAt: number, fire: () => void): TimerHandle {
    if (this.stopped) throw new Error('TimerHeap is stopped');
    const entry: Entry = { dueAt, seq: this.seq++, fire, live: true };
    this.push(entry);
    this.live += 1;
    if (dueAt < this.armedFor) this.arm();
    return {
      cancel: () => {
        if (!entry.live) return;
        entry.live = false;
        this.live -= 1;
        if (this.live === 0) this.disarm();
      },
    };
  }

  /** Number of deadlines still to fire. */
  get size(): number {
    return this.live;
  }

  /** Drops every deadline and never fires again. */
  stop(): void {
    this.stopped = true;
    this.disarm();
    for (const entry of this.heap) entry.live = false;
    this.heap.length = 0;
    this.live = 0;
  }

  private arm(): void {
    this.disarm();
    this.dropDeadTop();
    const top = this.heap[0];
    if (!top) return;
    this.armedFor = top.dueAt;
    const wait = Math.min(Math.max(0, top.dueAt - this.now()), MAX_TIMEOUT_MS);
    this.timer = setTimeout(() => this.onTimer(), wait);
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }

  private onTimer(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    const due: Entry[] = [];
    for (;;) {
      this.dropDeadTop();
      const top = this.heap[0];
      if (!top || top.dueAt > now) break;
      this.pop();
      top.live = false;
      this.live -= 1;
      due.push(top);
    }
    // Callbacks may add or cancel deadlines, so they run after the heap is consistent.
    for (const entry of due) entry.fire();
    if (!this.stopped && this.timer === undefined) this.arm();
  }

  private dropDeadTop(): void {
    while (this.heap.length > 0 && !this.heap[0].live) this.pop();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (heap.length === 0 || !last) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && this.less(heap[right], heap[smallest])) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }
}
