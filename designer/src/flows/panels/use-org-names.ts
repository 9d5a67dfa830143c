import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { namesOf, type OrgNamesSnapshot } from './org-names.js';
import { orgNames } from './panel-api.js';

/**
 * What the page knows of people, roles and departments; re-renders whenever names arrive.
 * Asks for the roles and departments (once per page) and for the names of `userIds`.
 */
export function useOrgDirectory(userIds: readonly string[] = []): OrgNamesSnapshot {
  useEffect(() => void orgNames.wantOrg(), []);
  const key = [...new Set(userIds)].sort().join(',');
  useEffect(() => {
    if (key) void orgNames.wantUsers(key.split(','));
  }, [key]);
  return useSyncExternalStore(orgNames.subscribe, orgNames.getSnapshot);
}

/** Id → name of the users (of `userIds` and any seen before), roles and departments, for summaries. */
export function useOrgNames(userIds: readonly string[] = []) {
  const snapshot = useOrgDirectory(userIds);
  return useMemo(() => namesOf(snapshot), [snapshot]);
}
