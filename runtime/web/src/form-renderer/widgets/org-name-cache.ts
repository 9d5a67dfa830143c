import { listDepartments, usersByIds, type OrgUser } from './lookup-api';

/**
 * Names of people and departments for the ids member and department values hold, shared by
 * every view of a page (record page, table cells, history, subform rows, the member select).
 * Ids asked for in the same turn are fetched in one directory request (at most BATCH per
 * request); answers are kept for the page session. The department list is read once. Ids the
 * directory does not know (disabled people, deleted departments) are remembered and not asked
 * for again; views show them as ids.
 */
const BATCH = 100;

const people = new Map<string, OrgUser>();
const departments = new Map<string, string>();
const unknownPeople = new Set<string>();
const queued = new Set<string>();
let departmentsState: 'idle' | 'loading' | 'done' | 'failed' = 'idle';
let flushScheduled = false;
let revision = 0;
const listeners = new Set<() => void>();

function changed(): void {
  revision++;
  for (const listener of listeners) listener();
}

export function subscribeOrgNames(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Changes whenever a name arrives (for useSyncExternalStore). */
export const orgNamesRevision = () => revision;

export const personOf = (id: string): OrgUser | undefined => people.get(id);
export const departmentName = (id: string): string | undefined => departments.get(id);

/** Remembers people a search or another request returned, so naming them needs no request. */
export function rememberPeople(found: readonly OrgUser[]): void {
  let added = false;
  for (const person of found)
    if (!people.has(person.id)) {
      people.set(person.id, person);
      added = true;
    }
  if (added) changed();
}

async function flush(): Promise<void> {
  flushScheduled = false;
  const ids = [...queued];
  queued.clear();
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    try {
      const found = await usersByIds(chunk);
      for (const person of found) people.set(person.id, person);
      for (const id of chunk) if (!people.has(id)) unknownPeople.add(id);
    } catch {
      // Names are a nicety (a public form, the designer offline): the ids stay visible.
      for (const id of chunk) unknownPeople.add(id);
    }
    changed();
  }
}

/** Asks for the names of these people; ids asked for in the same turn go in one request. */
export function requestPeople(ids: Iterable<string>): void {
  for (const id of ids) if (!people.has(id) && !unknownPeople.has(id)) queued.add(id);
  if (queued.size === 0 || flushScheduled) return;
  flushScheduled = true;
  setTimeout(() => void flush(), 0);
}

/** Loads the department list once per page session. */
export function requestDepartments(): void {
  if (departmentsState !== 'idle') return;
  departmentsState = 'loading';
  listDepartments().then(
    (list) => {
      for (const d of list) departments.set(d.id, d.name);
      departmentsState = 'done';
      changed();
    },
    () => {
      departmentsState = 'failed';
    },
  );
}
