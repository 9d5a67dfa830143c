import type { ErrorDetail, FieldMeta } from '@formloom/model';
import { newId } from '../ids.js';
import type { FieldKindSpec } from './field-kind.types.js';
import { PRESENCE_METHODS, detail, isPlainObject, typeError } from './methods.js';

const ADDRESS_KEYS = ['province', 'city', 'district', 'detail'] as const;

/** `{province, city, district, detail}`; every part optional, each a string. */
export const address: FieldKindSpec = {
  kind: 'address',
  jsonSchema: () => ({ type: 'object' }),
  normalize(value) {
    if (!isPlainObject(value)) return value;
    const out: Record<string, string> = {};
    for (const key of ADDRESS_KEYS) if (typeof value[key] === 'string') out[key] = (value[key] as string).trim();
    return out;
  },
  validate(value, _meta, path) {
    if (!isPlainObject(value)) return typeError(path, 'an address object');
    const errors: ErrorDetail[] = [];
    for (const key of Object.keys(value)) {
      if (!(ADDRESS_KEYS as readonly string[]).includes(key))
        errors.push(detail(`${path}.${key}`, 'unknownField', 'An address has province, city, district and detail'));
      else if (typeof value[key] !== 'string' || (value[key] as string).length > 500)
        errors.push(detail(`${path}.${key}`, 'type', 'Must be a string of at most 500 characters'));
    }
    return errors;
  },
  methods: PRESENCE_METHODS,
  sortable: false,
  valueShape: () => 'object',
};

/** `{lat, lng}` in degrees, with an optional `address` label. */
export const location: FieldKindSpec = {
  kind: 'location',
  jsonSchema: () => ({ type: 'object' }),
  validate(value, _meta, path) {
    if (!isPlainObject(value)) return typeError(path, 'a location object');
    const errors: ErrorDetail[] = [];
    const { lat, lng } = value;
    if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90))
      errors.push(detail(`${path}.lat`, 'range', 'Latitude must be a number from -90 to 90'));
    if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180))
      errors.push(detail(`${path}.lng`, 'range', 'Longitude must be a number from -180 to 180'));
    for (const key of Object.keys(value)) {
      if (key === 'address') {
        if (typeof value.address !== 'string') errors.push(...typeError(`${path}.address`, 'a string'));
      } else if (key !== 'lat' && key !== 'lng') {
        errors.push(detail(`${path}.${key}`, 'unknownField', 'A location has lat, lng and address'));
      }
    }
    return errors;
  },
  methods: PRESENCE_METHODS,
  sortable: false,
  valueShape: () => 'object',
};

/**
 * Rows of columns: `[{_rowId, <column>: value, …}]`. Each column is validated and normalised by
 * its own kind, looked up in the registry the subform kind was made with.
 */
export function subformKind(lookup: (kind: string) => FieldKindSpec): FieldKindSpec {
  const columnsOf = (meta: FieldMeta) => meta.subform?.fields ?? {};
  return {
    kind: 'subform',
    jsonSchema: () => ({ type: 'array', items: { type: 'object' } }),
    normalize(value, meta) {
      if (!Array.isArray(value)) return value;
      const columns = columnsOf(meta);
      return value.map((row: Record<string, unknown>) => {
        const out: Record<string, unknown> = { _rowId: typeof row._rowId === 'string' ? row._rowId : newId() };
        for (const [key, column] of Object.entries(columns)) {
          const spec = lookup(column.kind);
          if (spec.layoutOnly || spec.serverComputed) continue;
          const cell = row[key];
          if (cell === undefined || cell === null) continue;
          out[key] = spec.normalize ? spec.normalize(cell, column) : cell;
        }
        return out;
      });
    },
    validate(value, meta, path) {
      if (!Array.isArray(value)) return typeError(path, 'an array of rows');
      const errors: ErrorDetail[] = [];
      const { minRows, maxRows } = meta.subform ?? {};
      if (minRows !== undefined && value.length < minRows)
        errors.push(detail(path, 'minItems', `At least ${minRows} row(s)`));
      if (maxRows !== undefined && value.length > maxRows)
        errors.push(detail(path, 'maxItems', `At most ${maxRows} row(s)`));
      const columns = columnsOf(meta);
      value.forEach((row, i) => {
        const at = `${path}.${i}`;
        if (!isPlainObject(row)) return errors.push(...typeError(at, 'a row object'));
        for (const [key, cell] of Object.entries(row)) {
          if (key === '_rowId') {
            if (typeof cell !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(cell))
              errors.push(detail(`${at}._rowId`, 'pattern', 'Must be a row id'));
            continue;
          }
          const column = Object.hasOwn(columns, key) ? columns[key] : undefined;
          if (!column) {
            errors.push(detail(`${at}.${key}`, 'unknownField', 'Not a column of this subform'));
            continue;
          }
          const spec = lookup(column.kind);
          if (cell === null || spec.serverComputed || spec.layoutOnly || !spec.validate) continue;
          errors.push(...spec.validate(cell, column, `${at}.${key}`));
        }
      });
      return errors;
    },
    methods: PRESENCE_METHODS,
    sortable: false,
    valueShape: () => 'array',
  };
}
