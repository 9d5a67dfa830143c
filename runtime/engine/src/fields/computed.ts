import type { FieldKindSpec } from './field-kind.types.js';
import { ORDERED_METHODS, TEXT_METHODS } from './methods.js';

/** Serial numbers (`CUS-{YYYY}{MM}-{0000}`) are assigned by the records service from a counter. */
export const serial: FieldKindSpec = {
  kind: 'serial',
  jsonSchema: () => ({ type: 'string' }),
  serverComputed: true,
  methods: TEXT_METHODS,
  sortable: true,
  searchable: true,
  uniqueAllowed: true,
};

/** Calculated by the server on every write from the record's other values (see formulas/); client values are ignored. */
export const formula: FieldKindSpec = {
  kind: 'formula',
  jsonSchema: () => ({}),
  serverComputed: true,
  methods: ORDERED_METHODS,
  sortable: true,
  valueType: 'scalar',
};

export const computedKinds = [serial, formula];
