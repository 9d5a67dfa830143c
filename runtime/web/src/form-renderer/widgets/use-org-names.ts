import type { FieldMeta } from '@formloom/model';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { OrgUser } from './lookup-api';
import {
  departmentName,
  orgNamesRevision,
  personOf,
  requestDepartments,
  requestPeople,
  subscribeOrgNames,
} from './org-name-cache';
import type { LookupOption } from './use-lookup';

/** How a view names the ids of member and department values (undefined: not known, show the id). */
export interface OrgNames {
  person(id: string): string | undefined;
  department(id: string): string | undefined;
}

export const PEOPLE_KINDS: ReadonlySet<string> = new Set(['member', 'members']);
export const DEPARTMENT_KINDS: ReadonlySet<string> = new Set(['department', 'departments']);

const NO_IDS = { people: [] as string[], departments: [] as string[] };

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/** The people and department ids a field's value holds, also in the rows of a subform. */
export function orgIdsOf(meta: FieldMeta | undefined, value: unknown): { people: string[]; departments: string[] } {
  if (meta === undefined || value === undefined || value === null) return NO_IDS;
  if (PEOPLE_KINDS.has(meta.kind)) return { people: idsIn(value), departments: [] };
  if (DEPARTMENT_KINDS.has(meta.kind)) return { people: [], departments: idsIn(value) };
  if (meta.kind !== 'subform' || !Array.isArray(value)) return NO_IDS;
  const out = { people: [] as string[], departments: [] as string[] };
  const columns = Object.entries(meta.subform?.fields ?? {});
  for (const row of value as unknown[]) {
    if (typeof row !== 'object' || row === null) continue;
    for (const [key, column] of columns) {
      const ids = orgIdsOf(column, (row as Record<string, unknown>)[key]);
      out.people.push(...ids.people);
      out.departments.push(...ids.departments);
    }
  }
  return out;
}

export const personName = (person: OrgUser) => person.displayName || person.username;

const NAMES: OrgNames = {
  person: (id) => {
    const person = personOf(id);
    return person ? personName(person) : undefined;
  },
  department: departmentName,
};
const NO_NAMES: OrgNames = { person: () => undefined, department: () => undefined };
const noSubscription = () => () => undefined;

/**
 * Names for the member and department ids of one field's value (read-only views, table cells,
 * history). Lookups of every view on the page are batched into one directory request and cached
 * for the session; fields of other kinds subscribe to nothing and never re-render for names.
 */
export function useOrgNames(meta: FieldMeta | undefined, value: unknown): OrgNames {
  const ids = orgIdsOf(meta, value);
  const wanted = ids.people.length > 0 || ids.departments.length > 0;
  const peopleKey = ids.people.join(',');
  const departmentsWanted = ids.departments.length > 0;
  useEffect(() => {
    if (peopleKey !== '') requestPeople(peopleKey.split(','));
    if (departmentsWanted) requestDepartments();
  }, [peopleKey, departmentsWanted]);
  const revision = useSyncExternalStore(
    wanted ? subscribeOrgNames : noSubscription,
    orgNamesRevision,
    orgNamesRevision,
  );
  // A new object when names arrive, so memoised children see the change.
  return useMemo(() => (wanted ? { ...NAMES } : NO_NAMES), [wanted, revision]);
}

/**
 * Options naming the chosen people that the current search did not return (a value set before,
 * or beyond the first 50 matches), so the member select shows names instead of ids.
 */
export function useChosenPeople(chosen: string[], listed: LookupOption[], enabled: boolean): LookupOption[] {
  const missing = enabled ? chosen.filter((id) => !listed.some((o) => o.value === id)) : [];
  const key = missing.join(',');
  useEffect(() => {
    if (key !== '') requestPeople(key.split(','));
  }, [key]);
  useSyncExternalStore(key === '' ? noSubscription : subscribeOrgNames, orgNamesRevision, orgNamesRevision);
  return missing.flatMap((id) => {
    const person = personOf(id);
    return person ? [{ value: id, label: `${person.displayName} (${person.username})` }] : [];
  });
}
