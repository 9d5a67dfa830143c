import { useCallback, useEffect, useState } from 'react';
import { listBin } from '../../api/endpoints';
import type { BinItem } from '../../api/types';

/** The recycle bin's entries, loaded page by page ("load more"); restored or purged ones drop out. */
export function useBin(formId: string) {
  const [items, setItems] = useState<BinItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const load = useCallback(
    async (cursor: string | undefined, isCurrent: () => boolean) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await listBin(formId, cursor);
        if (!isCurrent()) return;
        setItems((old) => (cursor ? [...old, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (e) {
        if (isCurrent()) setError(e instanceof Error ? e : new Error(String(e)));
      } finally {
        if (isCurrent()) setLoading(false);
      }
    },
    [formId],
  );

  useEffect(() => {
    let current = true;
    void load(undefined, () => current);
    return () => {
      current = false;
    };
  }, [load]);

  return {
    items,
    nextCursor,
    loading,
    error,
    more: () => void load(nextCursor ?? undefined, () => true),
    remove: (id: string) => setItems((old) => old.filter((i) => i.id !== id)),
  };
}
