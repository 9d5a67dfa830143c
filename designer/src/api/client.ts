import type { FormDefinition } from '@formloom/model';
import { api } from './http.js';
import type { AppSummary, FormSummary, FormVersion, SignedInUser, VersionSummary } from './types.js';

const enc = encodeURIComponent;

/** Every API call the designer makes, in one place. */
export const client = {
  me: () => api<{ user: SignedInUser }>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    api<{ user: SignedInUser }>('POST', '/api/auth/login', { username, password }),
  logout: () => api<{ ok: true }>('POST', '/api/auth/logout'),

  listApps: async () => (await api<{ items: AppSummary[] }>('GET', '/api/apps')).items,
  createApp: (name: string) => api<AppSummary>('POST', '/api/apps', { name }),
  getApp: (appId: string) => api<AppSummary>('GET', `/api/apps/${enc(appId)}`),

  listForms: async (appId: string) =>
    (await api<{ items: FormSummary[] }>('GET', `/api/apps/${enc(appId)}/forms`)).items,
  createForm: (appId: string, name: string) => api<FormSummary>('POST', `/api/apps/${enc(appId)}/forms`, { name }),
  reorderForms: (appId: string, formIds: string[]) =>
    api<{ ok: true }>('POST', `/api/apps/${enc(appId)}/forms/reorder`, { formIds }),
  renameForm: (formId: string, name: string) => api<FormSummary>('PATCH', `/api/forms/${enc(formId)}`, { name }),
  deleteForm: (formId: string) => api<{ ok: true }>('DELETE', `/api/forms/${enc(formId)}`),
  listFormBin: async (appId: string) =>
    (await api<{ items: FormSummary[] }>('GET', `/api/apps/${enc(appId)}/forms/bin`)).items,
  restoreForm: (formId: string) => api<FormSummary>('POST', `/api/forms/${enc(formId)}/restore`),

  getForm: (formId: string) => api<FormSummary>('GET', `/api/forms/${enc(formId)}`),
  saveDraft: (formId: string, definition: FormDefinition, baseRevision: number) =>
    api<FormSummary>('PUT', `/api/forms/${enc(formId)}/draft`, { definition, baseRevision }),
  publish: (formId: string, baseRevision: number) =>
    api<FormVersion>('POST', `/api/forms/${enc(formId)}/publish`, { baseRevision }),
  listVersions: async (formId: string) =>
    (await api<{ items: VersionSummary[] }>('GET', `/api/forms/${enc(formId)}/versions`)).items,
  getVersion: (formId: string, version: number) =>
    api<FormVersion>('GET', `/api/forms/${enc(formId)}/versions/${version}`),
  setPublicLink: (formId: string, enabled: boolean) =>
    api<FormSummary>('PUT', `/api/forms/${enc(formId)}/public-link`, { enabled }),
  regeneratePublicLink: (formId: string) =>
    api<FormSummary>('POST', `/api/forms/${enc(formId)}/public-link/regenerate`),
};
