import type { FieldMeta } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { ORDERED_METHODS, typeError } from './methods.js';

/** Rounds half away from zero to `precision` decimals, without binary artefacts like 1.005 → 1. */
export function roundTo(value: number, precision: number): number {
  const rounded = Number(`${Math.round(Number(`${Math.abs(value)}e${precision}`))}e-${precision}`);
  return value < 0 ? -rounded : rounded;
}

function numberKind(kind: string, defaultPrecision: number | null): FieldKindSpec {
  const precisionOf = (meta: FieldMeta) => meta.number?.precision ?? defaultPrecision;
  return {
    kind,
    jsonSchema: () => ({ type: 'number' }),
    normalize(value, meta) {
      const precision = precisionOf(meta);
      return typeof value === 'number' && precision !== null ? roundTo(value, precision) : value;
    },
    validate: (value, _meta, path) =>
      typeof value === 'number' && Number.isFinite(value) ? [] : typeError(path, 'a finite number'),
    methods: ORDERED_METHODS,
    sortable: true,
    valueType: 'number',
    uniqueAllowed: kind === 'number',
    palette: 'basic',
    importAs: 'number',
  };
}

export const number = numberKind('number', null);
/** Money rounds to 2 decimals unless the field says otherwise. */
export const money = numberKind('money', 2);

export const numberLikeKinds = [number, money];
