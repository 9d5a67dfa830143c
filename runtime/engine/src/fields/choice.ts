import type { FieldMeta } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { BOOLEAN_METHODS, CHOICE_METHODS, detail, typeError } from './methods.js';

function optionCheck(value: string, meta: FieldMeta, path: string) {
  if (meta.allowOther) return [];
  const known = meta.options?.some((o) => o.value === value) ?? false;
  return known ? [] : [detail(path, 'option', `"${value}" is not one of the options`)];
}

function singleChoice(kind: string): FieldKindSpec {
  return {
    kind,
    jsonSchema: () => ({ type: 'string' }),
    validate: (value, meta, path) =>
      typeof value === 'string' ? optionCheck(value, meta, path) : typeError(path, 'a string'),
    methods: CHOICE_METHODS,
    sortable: true,
    searchable: true,
    palette: 'basic',
    importAs: 'option',
  };
}

function multiChoice(kind: string): FieldKindSpec {
  return {
    kind,
    jsonSchema: () => ({ type: 'array', items: { type: 'string' } }),
    normalize: (value) => (Array.isArray(value) ? [...new Set(value)] : value),
    validate(value, meta, path) {
      if (!Array.isArray(value)) return typeError(path, 'an array of strings');
      return value.flatMap((v, i) =>
        typeof v === 'string' ? optionCheck(v, meta, `${path}.${i}`) : typeError(`${path}.${i}`, 'a string'),
      );
    },
    methods: CHOICE_METHODS,
    sortable: false,
    searchable: true,
    valueShape: () => 'array',
    palette: 'basic',
    importAs: 'options',
  };
}

export const radio = singleChoice('radio');
export const select = singleChoice('select');
export const checkbox = multiChoice('checkbox');
export const multiselect = multiChoice('multiselect');

export const switchKind: FieldKindSpec = {
  kind: 'switch',
  jsonSchema: () => ({ type: 'boolean' }),
  validate: (value, _meta, path) => (typeof value === 'boolean' ? [] : typeError(path, 'true or false')),
  methods: BOOLEAN_METHODS,
  sortable: true,
  valueType: 'boolean',
  palette: 'basic',
  importAs: 'boolean',
};

export const choiceKinds = [radio, select, checkbox, multiselect, switchKind];
