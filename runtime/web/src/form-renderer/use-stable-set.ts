import { useRef } from 'react';

/** The previous set while `next` has the same members, so memos keyed on it stay valid. */
export function useStableSet<T>(next: ReadonlySet<T>): ReadonlySet<T> {
  const kept = useRef(next);
  const same = kept.current.size === next.size && [...next].every((item) => kept.current.has(item));
  if (!same) kept.current = next;
  return kept.current;
}
