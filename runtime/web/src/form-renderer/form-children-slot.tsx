import { useLayoutEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';

/**
 * The host's buttons inside rjsf's <form> (so a submit button submits it) without handing rjsf
 * new `children` on every render: rjsf gets one element for good, a slot that shows whatever the
 * host passed last. New children would count as changed props, which makes rjsf derive its whole
 * state again (see FormRenderer: the previous formData is passed while nothing else changed).
 */
interface SlotStore {
  get(): ReactNode;
  set(children: ReactNode): void;
  subscribe(listener: () => void): () => void;
}

function createSlotStore(initial: ReactNode): SlotStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(children) {
      if (children === current) return;
      current = children;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function ChildrenSlot({ store }: { store: SlotStore }) {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** One element for the life of the form that always renders the latest `children`. */
export function useChildrenSlot(children: ReactNode): ReactNode {
  const [store] = useState(() => createSlotStore(children));
  useLayoutEffect(() => store.set(children));
  return useMemo(() => <ChildrenSlot store={store} />, [store]);
}
