import { useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  orgNamesRevision,
  personOf,
  requestPeople,
  subscribeOrgNames,
} from '../../form-renderer/widgets/org-name-cache';
import type { DirectoryUser } from './comments-api';

/**
 * The directory entries of `ids`, from the page's one people cache (batched requests, shared
 * with member fields in tables and record views). Ids the directory does not know (disabled
 * users) stay absent; callers name them with a fallback.
 */
export function usePeople(ids: readonly (string | null)[]): ReadonlyMap<string, DirectoryUser> {
  const key = [...new Set(ids.filter((id): id is string => id !== null))].sort().join(',');
  useEffect(() => {
    if (key !== '') requestPeople(key.split(','));
  }, [key]);
  const revision = useSyncExternalStore(subscribeOrgNames, orgNamesRevision);
  return useMemo(
    () =>
      new Map(
        (key === '' ? [] : key.split(',')).flatMap((id) => {
          const person = personOf(id);
          return person ? [[id, person] as const] : [];
        }),
      ),
    [key, revision],
  );
}

/** Remembers people found by a search, so naming them later needs no request. */
export { rememberPeople } from '../../form-renderer/widgets/org-name-cache';
