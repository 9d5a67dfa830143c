import { useCallback, useEffect, useState } from 'react';
import { inboxPage, type InboxBox, type InboxFilter, type InboxItem } from './tasks-api';

export interface InboxList {
  items: InboxItem[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
}

/** One box of the inbox with its filter; pages are appended with the cursor the server gave. */
export function useInbox(box: InboxBox, filter: InboxFilter): InboxList {
  const [items, setItems] = useState<InboxItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([box, filter]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    inboxPage(box, filter).then(
      (page) => {
        if (!current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setItems([]);
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, tick]);

  const loadMore = useCallback(() => {
    if (cursor === null) return;
    setLoading(true);
    inboxPage(box, filter, cursor).then(
      (page) => {
        setItems((before) => [...before, ...page.items]);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (e: unknown) => {
        setError(e);
        setLoading(false);
      },
    );
  }, [key, cursor]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { items, loading, error, hasMore: cursor !== null, loadMore, reload };
}
