/**
 * Records. One collection per form (`rec_<formId>`); documents are flat: field keys at the top
 * level, system fields prefixed with `_`. Field keys can never start with `_`, so they never
 * collide with system fields, and system fields are written by the server only.
 */
export const SYSTEM_FIELDS = {
  id: '_id',
  version: '_version',
  formVersion: '_formVersion',
  createdAt: '_createdAt',
  createdBy: '_createdBy',
  updatedAt: '_updatedAt',
  updatedBy: '_updatedBy',
  owner: '_owner',
  ownerDept: '_ownerDept',
  flowState: '_flowState',
} as const;

/** System field names as the API and the condition language spell them. */
export type SystemFieldName = keyof typeof SYSTEM_FIELDS;
export const SYSTEM_FIELD_NAMES = Object.keys(SYSTEM_FIELDS) as SystemFieldName[];

export interface StoredRecord {
  _id: string;
  _version: number;
  _formVersion: number;
  _createdAt: string;
  _createdBy: string | null;
  _updatedAt: string;
  _updatedBy: string | null;
  _owner: string | null;
  _ownerDept: string | null;
  _flowState: string | null;
  [fieldKey: string]: unknown;
}

/** A record as the API returns it. */
export interface RecordView {
  id: string;
  formId: string;
  version: number;
  formVersion: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  owner: string | null;
  ownerDept: string | null;
  flowState: string | null;
  data: Record<string, unknown>;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export type RecordAction = 'create' | 'update' | 'delete' | 'restore';

/** One entry of a record's history (collection `record_history`). Versions have no gaps. */
export interface HistoryEntry {
  _id: string;
  formId: string;
  recordId: string;
  /** The record version this entry produced (for delete: the version that was deleted). */
  version: number;
  action: RecordAction;
  at: string;
  by: string | null;
  changes: FieldChange[];
}

/** Emitted after every committed record write; flows and automations subscribe to these. */
export interface RecordEvent {
  id: string;
  type: 'record.created' | 'record.updated' | 'record.deleted' | 'record.restored';
  appId: string;
  formId: string;
  recordId: string;
  version: number;
  at: string;
  by: string | null;
  /** Field keys that changed (updated); every field set (created). */
  changedFields: string[];
  /** Depth of automation-caused writes that led here (0 for a person's write). */
  depth: number;
}
