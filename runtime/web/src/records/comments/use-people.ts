import { useEffect, useMemo, useState } from 'react';
import { directoryUsersByIds, type DirectoryUser } from './comments-api';

/** People already fetched in this page session, by id (names rarely change while a page is open). */
const known = new Map<string, DirectoryUser>();
/** Ids the directory did not return (disabled or removed users): not asked for again. */
const missing = new Set<string>();

/**
 * The directory entries of `ids`, fetched in one request for the ones not seen yet. Ids the
 * directory does not know (disabled users) stay absent; callers name them with a fallback.
 */
export function usePeople(ids: readonly (string | null)[]): ReadonlyMap<string, DirectoryUser> {
  const wanted = useMemo(() => [...new Set(ids.filter((id): id is string => id !== null))].sort(), [ids.join(',')]);
  const [, setRevision] = useState(0);
  useEffect(() => {
    const unknown = wanted.filter((id) => !known.has(id) && !missing.has(id));
    if (unknown.length === 0) return;
    let current = true;
    directoryUsersByIds(unknown)
      .then((people) => {
        for (const person of people) known.set(person.id, person);
        for (const id of unknown) if (!known.has(id)) missing.add(id);
        if (current) setRevision((n) => n + 1);
      })
      .catch(() => {
        // Names are a nicety: without the directory the page still works with the fallback.
      });
    return () => {
      current = false;
    };
  }, [wanted]);
  return new Map(wanted.flatMap((id) => (known.has(id) ? [[id, known.get(id) as DirectoryUser] as const] : [])));
}

/** Remembers people found by a search, so naming them later needs no request. */
export function rememberPeople(people: DirectoryUser[]): void {
  for (const person of people) known.set(person.id, person);
}
