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

export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
}
export interface OrgDepartment {
  id: string;
  name: string;
}
export interface LinkedRecord {
  id: string;
  data: Record<string, unknown>;
}

export const searchUsers = (search: string, signal?: AbortSignal) =>
  call<{ items: OrgUser[] }>('GET', `/api/org/users?limit=50&search=${encodeURIComponent(search)}`, undefined, signal);

export const listDepartments = (signal?: AbortSignal) =>
  call<{ items: OrgDepartment[] }>('GET', '/api/org/departments', undefined, signal);

export const searchRecords = (formId: string, keyword: string, signal?: AbortSignal) =>
  call<{ items: LinkedRecord[] }>(
    'POST',
    `/api/forms/${encodeURIComponent(formId)}/records/query`,
    { keyword: keyword === '' ? undefined : keyword, limit: 20 },
    signal,
  );

export const currentUser = (signal?: AbortSignal) =>
  call<{ user: { id: string; deptIds: string[] } }>('GET', '/api/auth/me', undefined, signal);
