/**
 * The data a message template sees. Everything is copied into plain JSON first (no functions,
 * no class instances, no prototype keys), so a template can only read values, never call them.
 */
import { displayValue } from './display-value.js';

/** A field of the record's form, for lookups by label. */
export interface TemplateField {
  key: string;
  label: string;
}

/** The record a message is about (a RecordView fits). */
export interface TemplateRecordSource {
  id: string;
  formId?: string;
  /** Field values by field key. */
  data: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string | null;
}

export interface TemplateDataInput {
  record?: TemplateRecordSource | null;
  /** The form's fields (key and label), so templates can use labels. */
  fields?: TemplateField[];
  formName?: string;
  /** The task the message is about: e.g. { id, name, nodeId, assignees, dueAt, action, comment }. */
  task?: Record<string, unknown> | null;
  /** The flow instance: e.g. { id, flowId, flowName, status, initiator, startedAt }. */
  instance?: Record<string, unknown> | null;
  /** Absolute link into the player (the notifier prefixes PUBLIC_URL to a relative path). */
  link?: string | null;
  /** Anything else a caller wants to expose (copied as plain JSON). */
  extra?: Record<string, unknown>;
}

/** Keys that never enter template data, whatever the input (prototype-pollution and gadget names). */
const FORBIDDEN_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);
const MAX_DEPTH = 12;
const MAX_NODES = 20_000;

export type PlainValue = string | number | boolean | null | PlainValue[] | { [key: string]: PlainValue };

/**
 * A deep copy as plain JSON: functions, symbols and undefined dropped, dates as ISO strings,
 * non-finite numbers as null, forbidden keys dropped; too deep or too many values → cut (null).
 */
export function toPlainData(value: unknown): PlainValue {
  let nodes = 0;
  const copy = (input: unknown, depth: number): PlainValue | undefined => {
    nodes += 1;
    if (nodes > MAX_NODES || depth > MAX_DEPTH) return null;
    if (input === null) return null;
    if (typeof input === 'string' || typeof input === 'boolean') return input;
    if (typeof input === 'number') return Number.isFinite(input) ? input : null;
    if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString();
    if (Array.isArray(input)) return input.map((item) => copy(item, depth + 1) ?? null);
    if (typeof input === 'object') {
      const out: { [key: string]: PlainValue } = {};
      for (const [key, item] of Object.entries(input)) {
        if (FORBIDDEN_KEYS.has(key)) continue;
        const copied = copy(item, depth + 1);
        if (copied !== undefined)
          Object.defineProperty(out, key, { value: copied, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return undefined;
  };
  return copy(value, 0) ?? null;
}

/**
 * The standard message data: `record` (id, formId, formName, `data` by field key — also each
 * key directly on `record` — `labels` by field label, `fields` as [{key, label, value, display}]), `task`, `instance`, `link`, and
 * whatever `extra` holds (at the top level, never replacing the four).
 */
export function buildTemplateData(input: TemplateDataInput): Record<string, PlainValue> {
  const extra = toPlainData(input.extra ?? {});
  const result: Record<string, PlainValue> =
    typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? { ...extra } : {};
  result.record = input.record ? recordData(input.record, input.fields ?? [], input.formName) : null;
  result.task = input.task ? toPlainData(input.task) : null;
  result.instance = input.instance ? toPlainData(input.instance) : null;
  result.link = input.link ?? null;
  return result;
}

function recordData(record: TemplateRecordSource, fields: TemplateField[], formName: string | undefined): PlainValue {
  const data = toPlainData(record.data);
  const values = typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {};
  const labels: { [label: string]: PlainValue } = {};
  const list: PlainValue[] = [];
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(values, field.key) ? values[field.key] : null;
    if (!FORBIDDEN_KEYS.has(field.label)) {
      Object.defineProperty(labels, field.label, { value, enumerable: true, writable: true, configurable: true });
    }
    list.push({ key: field.key, label: field.label, value, display: displayValue(value) });
  }
  const result: { [key: string]: PlainValue } = {};
  // Values by key at the top too (`record.f_amount`), unless a key clashes with the names below.
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return Object.assign(result, {
    id: record.id,
    formId: record.formId ?? null,
    formName: formName ?? null,
    createdAt: record.createdAt ?? null,
    updatedAt: record.updatedAt ?? null,
    createdBy: record.createdBy ?? null,
    data: values,
    labels,
    fields: list,
  });
}
