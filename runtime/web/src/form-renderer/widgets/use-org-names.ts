import { useEffect, useState } from 'react';
import { usersByIds } from './lookup-api';
import type { LookupOption } from './use-lookup';

/**
 * Options naming the chosen people that the current search did not return (a value set before,
 * or beyond the first 50 matches), so the member select shows names instead of ids.
 */
export function useChosenPeople(chosen: string[], listed: LookupOption[], enabled: boolean): LookupOption[] {
  const [named, setNamed] = useState<LookupOption[]>([]);
  const missing = enabled
    ? chosen.filter((id) => !listed.some((o) => o.value === id) && !named.some((o) => o.value === id))
    : [];
  const key = missing.join(',');
  useEffect(() => {
    if (key === '') return;
    const controller = new AbortController();
    usersByIds(key.split(','), controller.signal).then(
      (people) =>
        setNamed((before) => [
          ...before,
          ...people.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })),
        ]),
      () => undefined, // unnamed ids stay visible as ids
    );
    return () => controller.abort();
  }, [key]);
  return named.filter((o) => chosen.includes(o.value) && !listed.some((l) => l.value === o.value));
}
