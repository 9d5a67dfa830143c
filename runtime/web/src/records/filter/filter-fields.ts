import type { ConditionMethod, DynamicValue, FieldMeta, FormDefinition } from '@formloom/model';
import { fieldCatalogue } from '@formloom/engine/conditions/field-catalogue';
import type { ConditionValueType } from '@formloom/engine/fields/field-kind.types';
import { checkFormula, type FormulaFieldInfo } from '@formloom/engine/formulas';

/**
 * What the filter builder offers for one field: the methods its kind supports (the engine's
 * field-kind spec, so the browser offers exactly what the server accepts), the type values must
 * have, the dynamic values allowed, and the field's metadata (options …). System fields
 * (created/updated at and by) come after the form's own fields.
 */
export interface FilterField {
  name: string;
  /** The builder's label; system fields have none here and are translated by name. */
  label: string | null;
  kind: string;
  methods: readonly ConditionMethod[];
  valueType: ConditionValueType;
  dynamicValues: readonly DynamicValue[];
  meta: FieldMeta | null;
}

const OFFERED_SYSTEM_FIELDS = ['createdAt', 'updatedAt', 'createdBy', 'updatedBy'];

export function filterFields(definition: FormDefinition): FilterField[] {
  const catalogue = fieldCatalogue(definition);
  const own: FilterField[] = [];
  const system: FilterField[] = [];
  for (const entry of catalogue.values()) {
    if (entry.spec.methods.length === 0) continue;
    if (entry.system && !OFFERED_SYSTEM_FIELDS.includes(entry.name)) continue;
    const field: FilterField = {
      name: entry.name,
      label: entry.meta ? entry.meta.label || entry.name : null,
      kind: entry.kind,
      methods: entry.spec.methods as readonly ConditionMethod[],
      valueType: formulaValueType(entry.meta, definition) ?? entry.spec.valueType ?? 'string',
      dynamicValues: entry.spec.dynamicValues ?? [],
      meta: entry.meta,
    };
    (entry.system ? system : own).push(field);
  }
  system.sort((a, b) => OFFERED_SYSTEM_FIELDS.indexOf(a.name) - OFFERED_SYSTEM_FIELDS.indexOf(b.name));
  return [...own, ...system];
}

/**
 * A formula field's values have the type its formula computes (a number box for `{数量}*{单价}`),
 * where the checker can tell; otherwise the kind's own value type applies.
 */
function formulaValueType(meta: FieldMeta | null, definition: FormDefinition): ConditionValueType | undefined {
  if (meta?.kind !== 'formula' || !meta.formula) return undefined;
  const fields = definition.fields as Record<string, FormulaFieldInfo>;
  const { resultType } = checkFormula(meta.formula, fields);
  return resultType === 'number' ? 'number' : resultType === 'boolean' ? 'boolean' : undefined;
}

const WHO = new Set<DynamicValue>(['current_user', 'current_dept']);
const SCALAR = new Set<ConditionMethod>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

/** Dynamic values the engine accepts for this field and method ("me" only with eq/ne, periods with comparisons). */
export function dynamicChoices(field: FilterField, method: ConditionMethod): DynamicValue[] {
  if (!SCALAR.has(method)) return [];
  return field.dynamicValues.filter((d) => !WHO.has(d) || method === 'eq' || method === 'ne');
}

/** Methods that take no value. */
export const VALUELESS = new Set<ConditionMethod>(['empty', 'not_empty']);
