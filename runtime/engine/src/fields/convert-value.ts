import type { FieldMeta } from '@formloom/model';

/**
 * Converts a value of one field into a value for another field, for select-data copying
 * (选择数据), data-linkage defaults (数据联动) and bulk edits. Browser-safe and pure; the
 * player and the server use the same rules:
 *
 * - same kind (and, for links, the same target form): the value as it is;
 * - text, multi-line text: any scalar as text (numbers, dates, yes/no as true/false; a choice as
 *   its option's label, several joined with ", ");
 * - number, money: numbers, and text that is a number;
 * - phone, email, url: text (the kind's own validation still decides);
 * - date ← date-time (its UTC date), date-time ← date (midnight UTC);
 * - radio/select ← a text value that is one of the target's options (or any with "other");
 *   checkboxes/multi-select ← such values or arrays of them (unknown options dropped);
 * - member ↔ members, department ↔ departments (one → a list of one; a list → its first);
 * - link/select_data ← link/select_data of the same target form (one ↔ a list as above);
 * - switch ← switch, or the texts true/false;
 * - anything else (files, subforms, address, location, signature, rich text into other kinds …): incompatible.
 *
 * Returns `{ok: false}` for an incompatible or unconvertible value; `null`/`undefined` convert to
 * `{ok: true, value: undefined}` (an empty field).
 */
export type Converted = { ok: true; value: unknown } | { ok: false };

const TEXT_KINDS = new Set(['text', 'textarea']);
const TEXTUAL_KINDS = new Set(['phone', 'email', 'url']);
const NUMBER_KINDS = new Set(['number', 'money']);
const SINGLE_CHOICE = new Set(['radio', 'select']);
const MULTI_CHOICE = new Set(['checkbox', 'multiselect']);
const PEOPLE_PAIRS: Record<string, string> = {
  member: 'members',
  members: 'member',
  department: 'departments',
  departments: 'department',
};
const LINK_KINDS = new Set(['link', 'select_data']);
const NO = { ok: false } as const;
const yes = (value: unknown): Converted => ({ ok: true, value });

const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';

function toNumber(value: unknown): Converted {
  if (typeof value === 'number' && Number.isFinite(value)) return yes(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(/,/g, ''));
    if (Number.isFinite(n)) return yes(n);
  }
  return NO;
}

function isOption(value: string, meta: FieldMeta) {
  return meta.allowOther === true || (meta.options ?? []).some((o) => o.value === value);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** One of a single or multiple value shape into the other. */
function reshape(value: unknown, multiple: boolean): Converted {
  if (multiple) return yes(asList(value));
  if (!Array.isArray(value)) return yes(value);
  return value.length === 0 ? yes(undefined) : yes(value[0]);
}

export function convertFieldValue(value: unknown, from: FieldMeta, to: FieldMeta): Converted {
  if (value === null || value === undefined) return yes(undefined);
  if (LINK_KINDS.has(to.kind)) {
    if (!LINK_KINDS.has(from.kind) || from.link?.formId !== to.link?.formId) return NO;
    return reshape(value, to.link?.multiple === true);
  }
  if (from.kind === to.kind && !MULTI_CHOICE.has(to.kind) && !SINGLE_CHOICE.has(to.kind)) return yes(value);
  if (TEXT_KINDS.has(to.kind)) {
    const text = (v: string | number | boolean) => from.options?.find((o) => o.value === v)?.label ?? String(v);
    if (Array.isArray(value)) return value.every(isScalar) ? yes(value.map(text).join(', ')) : NO;
    return isScalar(value) ? yes(text(value)) : NO;
  }
  if (TEXTUAL_KINDS.has(to.kind)) return typeof value === 'string' ? yes(value) : NO;
  if (NUMBER_KINDS.has(to.kind)) return toNumber(value);
  if (to.kind === 'date') {
    if (typeof value !== 'string') return NO;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return yes(value);
    return from.kind === 'datetime' || /^\d{4}-\d{2}-\d{2}T/.test(value) ? yes(value.slice(0, 10)) : NO;
  }
  if (to.kind === 'datetime') {
    if (typeof value !== 'string') return NO;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return yes(`${value}T00:00:00.000Z`);
    return /^\d{4}-\d{2}-\d{2}T/.test(value) ? yes(value) : NO;
  }
  if (to.kind === 'switch') {
    if (typeof value === 'boolean') return yes(value);
    return value === 'true' ? yes(true) : value === 'false' ? yes(false) : NO;
  }
  if (SINGLE_CHOICE.has(to.kind)) {
    const single = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
    return typeof single === 'string' && isOption(single, to) ? yes(single) : NO;
  }
  if (MULTI_CHOICE.has(to.kind)) {
    const list = asList(value).filter((v): v is string => typeof v === 'string' && isOption(v, to));
    return list.length > 0 ? yes([...new Set(list)]) : NO;
  }
  if (PEOPLE_PAIRS[to.kind] === from.kind) return reshape(value, to.kind.endsWith('s'));
  return NO;
}
