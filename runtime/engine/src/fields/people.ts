import type { DynamicValue } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { CHOICE_METHODS, detail, typeError } from './methods.js';

/** Ids of users and departments: non-empty, no operators, no path characters. */
const ORG_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkId(value: unknown, path: string) {
  if (typeof value !== 'string') return typeError(path, 'an id string');
  return ORG_ID.test(value) ? [] : [detail(path, 'pattern', 'Must be a user or department id')];
}

function single(kind: string, dynamicValues: readonly DynamicValue[]): FieldKindSpec {
  return {
    kind,
    jsonSchema: () => ({ type: 'string' }),
    validate: (value, _meta, path) => checkId(value, path),
    methods: CHOICE_METHODS,
    sortable: true,
    dynamicValues,
  };
}

function multiple(kind: string, dynamicValues: readonly DynamicValue[]): FieldKindSpec {
  return {
    kind,
    jsonSchema: () => ({ type: 'array', items: { type: 'string' } }),
    normalize: (value) => (Array.isArray(value) ? [...new Set(value)] : value),
    validate: (value, _meta, path) =>
      Array.isArray(value) ? value.flatMap((v, i) => checkId(v, `${path}.${i}`)) : typeError(path, 'an array of ids'),
    methods: CHOICE_METHODS,
    sortable: false,
    valueShape: () => 'array',
    dynamicValues,
  };
}

export const member = single('member', ['current_user']);
export const members = multiple('members', ['current_user']);
export const department = single('department', ['current_dept']);
export const departments = multiple('departments', ['current_dept']);

export const peopleKinds = [member, members, department, departments];
