import type { Condition, FieldMeta } from '@formloom/model';

/**
 * The few API reads the renderer's widgets make (users, departments, records of a linked form).
 * Kept here rather than in the player's API client so the designer's preview can use the
 * renderer alone: same-origin fetch with the session cookie and the anti-CSRF header.
 */
export class LookupDenied extends Error {
  constructor(readonly status: number) {
    super(`The server answered ${status}`);
    this.name = 'LookupDenied';
  }
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    signal,
    headers: method === 'POST' ? { 'Content-Type': 'application/json', 'X-Formloom-Request': '1' } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new LookupDenied(response.status);
  return (await response.json()) as T;
}

/** A person as the directory (readable by every signed-in user) shows them. */
export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
  deptIds: string[];
}
export interface OrgDepartment {
  id: string;
  name: string;
  parentId: string | null;
}
export interface LinkedRecord {
  id: string;
  data: Record<string, unknown>;
}

export const searchUsers = (search: string, signal?: AbortSignal) =>
  call<OrgUser[]>('GET', `/api/directory/users?limit=50&q=${encodeURIComponent(search)}`, undefined, signal);

/** The enabled users among `ids` (to name the people a value holds). */
export const usersByIds = (ids: string[], signal?: AbortSignal) =>
  ids.length === 0
    ? Promise.resolve([])
    : call<OrgUser[]>(
        'GET',
        `/api/directory/users?limit=200&ids=${ids.map(encodeURIComponent).join(',')}`,
        undefined,
        signal,
      );

export const listDepartments = (signal?: AbortSignal) =>
  call<OrgDepartment[]>('GET', '/api/directory/departments', undefined, signal);

export const searchRecords = (formId: string, keyword: string, signal?: AbortSignal) =>
  call<{ items: LinkedRecord[] }>(
    'POST',
    `/api/forms/${encodeURIComponent(formId)}/records/query`,
    { keyword: keyword === '' ? undefined : keyword, limit: 20 },
    signal,
  );

/** The records among `ids` of `formId` the user may read, with `fields` only (to label link values). */
export const recordsByIds = async (formId: string, ids: string[], fields: string[], signal?: AbortSignal) =>
  ids.length === 0
    ? []
    : (
        await call<{ items: LinkedRecord[] }>(
          'POST',
          `/api/forms/${encodeURIComponent(formId)}/records/query`,
          {
            filter: { rel: 'and', cond: [{ field: 'id', method: 'in', value: ids }] },
            fields,
            limit: ids.length,
            withTotal: false,
          },
          signal,
        )
      ).items;

export const currentUser = (signal?: AbortSignal) =>
  call<{ user: { id: string; deptIds: string[] } }>('GET', '/api/auth/me', undefined, signal);

/** The latest published definition of a form (its fields' kinds, to convert copied values); cached per page. */
const publishedCache = new Map<string, Promise<{ definition: { fields: Record<string, FieldMeta> } }>>();
export function publishedForm(formId: string): Promise<{ definition: { fields: Record<string, FieldMeta> } }> {
  let found = publishedCache.get(formId);
  if (found === undefined) {
    found = call<{ definition: { fields: Record<string, FieldMeta> } }>(
      'GET',
      `/api/forms/${encodeURIComponent(formId)}/published`,
    );
    found.catch(() => publishedCache.delete(formId));
    publishedCache.set(formId, found);
  }
  return found;
}

/** The newest record of `formId` matching `filter` that the user may read, with `fields` only; null when none. */
export async function firstMatchingRecord(
  formId: string,
  filter: Condition,
  fields: string[],
  signal?: AbortSignal,
): Promise<LinkedRecord | null> {
  const page = await call<{ items: LinkedRecord[] }>(
    'POST',
    `/api/forms/${encodeURIComponent(formId)}/records/query`,
    { filter, fields, limit: 1, withTotal: false },
    signal,
  );
  return page.items[0] ?? null;
}
