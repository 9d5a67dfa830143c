import { useEffect, useState } from 'react';

/** The value of a promise made from `key` (undefined while loading or when `key` is null; null on failure). */
export function useAsync<T>(key: string | null, load: (key: string) => Promise<T>): T | null | undefined {
  const [state, setState] = useState<{ key: string; value: T | null } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load(key).then(
      (value) => live && setState({ key, value }),
      () => live && setState({ key, value: null }),
    );
    return () => {
      live = false;
    };
  }, [key, load]);
  return state && state.key === key ? state.value : undefined;
}
