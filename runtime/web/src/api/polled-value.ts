import { useSyncExternalStore } from 'react';

/**
 * A server value the header shows everywhere (the inbox's to-do count, the bell's unread count):
 * read when the first view subscribes, again every `intervalMs` while any view shows it, when
 * the window regains focus, and at once after `refresh()` (an action that changed it). Failed
 * reads keep the last value.
 */
export interface PolledValue<T> {
  use(): T | undefined;
  refresh(): void;
}

export function polledValue<T>(load: () => Promise<T>, intervalMs = 30_000): PolledValue<T> {
  let value: T | undefined;
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight = false;
  const listeners = new Set<() => void>();

  const read = () => {
    if (inFlight) return;
    inFlight = true;
    load()
      .then((next) => {
        value = next;
        for (const listener of listeners) listener();
      })
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
      });
  };
  const onFocus = () => read();

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    if (listeners.size === 1) {
      read();
      timer = setInterval(read, intervalMs);
      window.addEventListener('focus', onFocus);
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        // Nobody shows it (signed out, another user may sign in next): forget it.
        value = undefined;
        if (timer !== null) clearInterval(timer);
        timer = null;
        window.removeEventListener('focus', onFocus);
      }
    };
  };

  return {
    use() {
      const current = useSyncExternalStore(subscribe, () => value);
      return current;
    },
    refresh: read,
  };
}
