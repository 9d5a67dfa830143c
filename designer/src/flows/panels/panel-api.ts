import type { FormDefinition } from '@formloom/model';
import { client } from '../../api/client.js';
import { api, ApiError } from '../../api/http.js';
import { OrgNames, type NamedRole } from './org-names.js';

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

/** A role as the directory lists it to people who build apps. */
export type RoleItem = NamedRole;

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

function remember(users: DirectoryUser[]): DirectoryUser[] {
  orgNames.rememberUsers(users);
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
  departments: () => api<DirectoryDepartment[]>('GET', '/api/directory/departments'),
  /** Roles (for people who build apps); null when this user may not list them (403). */
  roles: async (): Promise<RoleItem[] | null> => {
    try {
      return await api<RoleItem[]>('GET', '/api/directory/roles');
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) return null;
      throw error;
    }
  },
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

/** The page's names of people, roles and departments (see `OrgNames`; hooks in `use-org-names.ts`). */
export const orgNames = new OrgNames({
  usersByIds: panelApi.usersByIds,
  roles: panelApi.roles,
  departments: panelApi.departments,
});
