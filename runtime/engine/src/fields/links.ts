import type { FieldMeta } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { CHOICE_METHODS, detail, typeError } from './methods.js';

/** Record ids as the engine makes them (and as imports may bring them): no operators, no path characters. */
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkRecordId(value: unknown, path: string) {
  if (typeof value !== 'string') return typeError(path, 'a record id');
  return RECORD_ID.test(value) ? [] : [detail(path, 'pattern', 'Must be a record id')];
}

const isMultiple = (meta: FieldMeta) => meta.link?.multiple === true;

function linkKind(kind: string): FieldKindSpec {
  return {
    kind,
    jsonSchema: (meta) => (isMultiple(meta) ? { type: 'array', items: { type: 'string' } } : { type: 'string' }),
    normalize: (value) => (Array.isArray(value) ? [...new Set(value)] : value),
    validate(value, meta, path) {
      if (!isMultiple(meta)) return checkRecordId(value, path);
      if (!Array.isArray(value)) return typeError(path, 'an array of record ids');
      return value.flatMap((v, i) => checkRecordId(v, `${path}.${i}`));
    },
    methods: CHOICE_METHODS,
    sortable: false,
    valueShape: (meta) => (isMultiple(meta) ? 'array' : 'scalar'),
    importAs: 'record',
  };
}

/** A link to one or more records of another form (`meta.link.formId`). */
export const link = linkKind('link');
/** Picks a record of another form and copies some of its fields (`meta.link.copy`); stores the picked record's id. */
export const selectData = linkKind('select_data');

export const linkKinds = [link, selectData];
