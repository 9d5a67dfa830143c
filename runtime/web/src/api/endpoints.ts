import { api } from './client';
import type {
  AppSummary,
  BatchUpdateItem,
  BinPage,
  FormSummary,
  HistoryItem,
  PublicForm,
  PublishedVersion,
  RecordData,
  RecordPage,
  RecordQuery,
  RecordView,
  User,
} from './types';

/** One function per API call the player makes. */
const enc = encodeURIComponent;

export const login = (username: string, password: string) =>
  api<{ user: User }>('POST', '/api/auth/login', { username, password });
export const logout = () => api<{ ok: true }>('POST', '/api/auth/logout');
export const me = () => api<{ user: User }>('GET', '/api/auth/me');
/** Saves the language the user reads (notifications, e-mail and files are written in it). */
export const saveMyLocale = (locale: 'zh-CN' | 'en') => api<{ user: User }>('PATCH', '/api/auth/me', { locale });

export const listApps = () => api<{ items: AppSummary[] }>('GET', '/api/apps');
export const getApp = (appId: string) => api<AppSummary>('GET', `/api/apps/${enc(appId)}`);
export const listForms = (appId: string) => api<{ items: FormSummary[] }>('GET', `/api/apps/${enc(appId)}/forms`);
/** A form of an app the user belongs to (its name; the draft only for its editors). */
export const getForm = (formId: string) => api<FormSummary>('GET', `/api/forms/${enc(formId)}`);
export const getPublished = (formId: string) => api<PublishedVersion>('GET', `/api/forms/${enc(formId)}/published`);
export const getVersion = (formId: string, version: number) =>
  api<PublishedVersion>('GET', `/api/forms/${enc(formId)}/versions/${version}`);

export const createRecord = (formId: string, data: RecordData) =>
  api<RecordView>('POST', `/api/forms/${enc(formId)}/records`, { data });
export const queryRecords = (formId: string, query: RecordQuery) =>
  api<RecordPage>('POST', `/api/forms/${enc(formId)}/records/query`, query);
export const getRecord = (formId: string, id: string) =>
  api<RecordView>('GET', `/api/forms/${enc(formId)}/records/${enc(id)}`);
export const updateRecord = (formId: string, id: string, baseVersion: number, data: RecordData) =>
  api<RecordView>('PATCH', `/api/forms/${enc(formId)}/records/${enc(id)}`, { baseVersion, data });
export const recordHistory = (formId: string, id: string) =>
  api<{ items: HistoryItem[] }>('GET', `/api/forms/${enc(formId)}/records/${enc(id)}/history`);
export const batchDelete = (formId: string, ids: string[]) =>
  api<{ deleted: number }>('POST', `/api/forms/${enc(formId)}/records/batch`, { delete: ids });
export const batchUpdate = (formId: string, update: BatchUpdateItem[]) =>
  api<{ updated: RecordView[] }>('POST', `/api/forms/${enc(formId)}/records/batch`, { update });

export const listBin = (formId: string, cursor?: string) =>
  api<BinPage>('GET', `/api/forms/${enc(formId)}/bin?limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`);
export const restoreFromBin = (formId: string, id: string) =>
  api<RecordView>('POST', `/api/forms/${enc(formId)}/bin/${enc(id)}/restore`);
export const purgeFromBin = (formId: string, id: string) =>
  api<{ ok: true }>('DELETE', `/api/forms/${enc(formId)}/bin/${enc(id)}`);

/** A form's public link (anonymous; no session needed). */
export const getPublicForm = (token: string) => api<PublicForm>('GET', `/api/public/forms/${enc(token)}`);
export const submitPublicForm = (token: string, data: RecordData) =>
  api<{ id: string; createdAt: string }>('POST', `/api/public/forms/${enc(token)}/records`, { data });
