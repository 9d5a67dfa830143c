import type { Condition } from '@formloom/model';
import { useCallback, useState } from 'react';
import { readFilter, writeFilter } from './filter-url';

/** The applied filter, read from and written to `?filter=` (replacing the history entry). */
export function useUrlFilter(): [Condition | undefined, (filter: Condition | undefined) => void] {
  const [filter, setFilter] = useState<Condition | undefined>(() => readFilter(window.location.search));
  const apply = useCallback((next: Condition | undefined) => {
    const cleaned = next && next.cond.length > 0 ? next : undefined;
    const search = writeFilter(window.location.search, cleaned);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`);
    setFilter(cleaned);
  }, []);
  return [filter, apply];
}
