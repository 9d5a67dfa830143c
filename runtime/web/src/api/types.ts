import type { Condition, FieldMeta, FormDefinition, RecordView } from '@formloom/model';

/** A record as the API returns it: the model's own type. */
export type { RecordView };

/** The shapes the player reads from the API (see platform/src/**\/*-schemas.ts). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** The language the user reads (also for notifications, e-mail and files); null until chosen. */
  locale?: 'zh-CN' | 'en' | null;
}

export interface AppSummary {
  id: string;
  name: string;
  description: string;
  icon: string | null;
  canManage: boolean;
}

export interface FormSummary {
  id: string;
  appId: string;
  name: string;
  order: number;
  publishedVersion: number | null;
}

/** What a public link's page gets: the form's name and its publicly fillable published definition. */
export interface PublicForm {
  name: string;
  version: number;
  definition: FormDefinition;
  takesFiles: boolean;
}

export interface PublishedVersion {
  formId: string;
  appId: string;
  version: number;
  definition: FormDefinition;
  publishedAt: string;
}

export type RecordData = Record<string, unknown>;

export interface RecordPage {
  items: RecordView[];
  total: number | null;
  nextCursor: string | null;
}

export interface RecordQuery {
  filter?: Condition;
  keyword?: string;
  sort?: { field: string; dir: 'asc' | 'desc' }[];
  limit?: number;
  cursor?: string;
  withTotal?: boolean;
}

export interface HistoryChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export interface HistoryItem {
  id: string;
  version: number;
  action: string;
  at: string;
  by: string | null;
  changes: HistoryChange[];
}

export interface BatchUpdateItem {
  id: string;
  baseVersion: number;
  data: RecordData;
}

export interface BinItem {
  id: string;
  formId: string;
  deletedAt: string;
  deletedBy: string | null;
  record: RecordView;
}

export interface BinPage {
  items: BinItem[];
  nextCursor: string | null;
}

export type { Condition, FieldMeta, FormDefinition };
