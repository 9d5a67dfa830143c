import type { FormDefinition } from '@formloom/model';
import { client } from '../../api/client.js';
import { api } from '../../api/http.js';

/** What the panels read from the server: the people directory, roles, an app's flows, forms' fields. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  deptIds: string[];
}

export interface DirectoryDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

export interface RoleItem {
  id: string;
  name: string;
}

export interface FlowItem {
  id: string;
  name: string;
  mode: 'process' | 'automation';
}

const enc = encodeURIComponent;

/** One request per key for the life of the page (lists change rarely while a flow is edited). */
function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(key);
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
    }
    return hit;
  };
}

/** Known user names by id, filled by every directory answer. */
export const userNames = new Map<string, string>();

function remember(users: DirectoryUser[]): DirectoryUser[] {
  for (const u of users) userNames.set(u.id, u.displayName || u.username);
  return users;
}

export const panelApi = {
  /** Every picker on the page shares one answer per query. */
  searchUsers: memo(async (q: string) =>
    remember(await api<DirectoryUser[]>('GET', `/api/directory/users?limit=20${q ? `&q=${enc(q)}` : ''}`)),
  ),
  usersByIds: async (ids: string[]) =>
    ids.length === 0
      ? []
      : remember(await api<DirectoryUser[]>('GET', `/api/directory/users?limit=200&ids=${ids.map(enc).join(',')}`)),
  departments: memo(() => api<DirectoryDepartment[]>('GET', '/api/directory/departments')),
  /** Roles need `org.manage`; null when this user may not list them. */
  roles: memo(async () => {
    try {
      return (await api<{ items: RoleItem[] }>('GET', '/api/org/roles')).items;
    } catch {
      return null;
    }
  }),
  appFlows: memo(
    async (appId: string) => (await api<{ items: FlowItem[] }>('GET', `/api/apps/${enc(appId)}/flows`)).items,
  ),
  appIdOfForm: memo(async (formId: string) => (await client.getForm(formId)).appId),
  /** The published definition of a form (its draft when never published). */
  formDefinition: memo(async (formId: string): Promise<FormDefinition | null> => {
    const form = await client.getForm(formId);
    if (form.publishedVersion !== null) return (await client.getVersion(formId, form.publishedVersion)).definition;
    return form.draft;
  }),
};
