/** A FIFO mutex for async code; `tryLock` takes it at once when it is free and nobody waits. */
export class AsyncMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  get isIdle(): boolean {
    return !this.locked && this.waiters.length === 0;
  }

  /** True when someone is queued behind the current holder. */
  get hasWaiters(): boolean {
    return this.waiters.length > 0;
  }

  tryLock(): boolean {
    if (!this.isIdle) return false;
    this.locked = true;
    return true;
  }

  lock(): Promise<void> {
    if (this.tryLock()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}
