import type { DynamicValue } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { ORDERED_METHODS, detail, typeError } from './methods.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO-8601 date-time with seconds optional and a zone (Z or ±hh:mm). */
const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar date written `YYYY-MM-DD`. */
export function isDateString(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** An ISO-8601 instant with an explicit zone. */
export function isDateTimeString(value: unknown): value is string {
  return typeof value === 'string' && DATETIME_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

/** The same instant as `YYYY-MM-DDTHH:mm:ss.sssZ`, so stored values sort and compare as strings. */
export function toUtcIso(value: string): string {
  return new Date(value).toISOString();
}

const DATE_DYNAMICS: readonly DynamicValue[] = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'this_month',
  'this_year',
  'now',
];

export const date: FieldKindSpec = {
  kind: 'date',
  jsonSchema: () => ({ type: 'string', format: 'date' }),
  validate: (value, _meta, path) =>
    isDateString(value) ? [] : [detail(path, 'format', 'Must be a date written YYYY-MM-DD')],
  methods: ORDERED_METHODS,
  sortable: true,
  valueType: 'date',
  dynamicValues: DATE_DYNAMICS,
  palette: 'basic',
  importAs: 'date',
};

export const datetime: FieldKindSpec = {
  kind: 'datetime',
  jsonSchema: () => ({ type: 'string', format: 'date-time' }),
  normalize: (value) => (isDateTimeString(value) ? toUtcIso(value) : value),
  validate: (value, _meta, path) =>
    typeof value !== 'string'
      ? typeError(path, 'a date-time string')
      : isDateTimeString(value)
        ? []
        : [detail(path, 'format', 'Must be an ISO-8601 date-time with a zone, e.g. 2026-11-23T10:00:00Z')],
  methods: ORDERED_METHODS,
  sortable: true,
  valueType: 'datetime',
  dynamicValues: DATE_DYNAMICS,
  palette: 'basic',
  importAs: 'datetime',
};

export const dateKinds = [date, datetime];
