import type { FieldMeta, FormDefinition } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { newKey } from './field-key.js';
import type { Width } from './layout.js';

/**
 * Pure edits of a form definition. Each returns a new definition and keeps the three parts in
 * agreement: `fields` (order and metadata), `schema.properties` (from the registry's
 * `jsonSchema(meta)` plus title/validation keywords) and `uiSchema` (`ui:order`, width).
 */

export const emptyDefinition = (): FormDefinition => ({
  schema: { type: 'object', properties: {} },
  uiSchema: { 'ui:order': ['*'] },
  fields: {},
});

/** Validation keywords the property panel edits on the schema property. */
export const RULE_KEYWORDS = ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern'] as const;
export type RuleKeyword = (typeof RULE_KEYWORDS)[number];
export type Rules = Partial<Record<RuleKeyword, number | string>>;

const isLayout = (kind: string) => fieldKinds.has(kind) && fieldKinds.get(kind).layoutOnly === true;

function uiOf(def: FormDefinition, key: string): Record<string, unknown> {
  const current = def.uiSchema[key];
  return current && typeof current === 'object' ? { ...(current as Record<string, unknown>) } : {};
}

/** Rebuilds the schema property of `key` from its metadata, keeping rules and the default. */
function schemaProperty(meta: FieldMeta, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const property: Record<string, unknown> = { ...fieldKinds.get(meta.kind).jsonSchema(meta), title: meta.label };
  if (meta.description) property.description = meta.description;
  for (const keyword of RULE_KEYWORDS) if (previous?.[keyword] !== undefined) property[keyword] = previous[keyword];
  if (meta.default?.type === 'static' && meta.default.value !== undefined) property.default = meta.default.value;
  return property;
}

/** Rewrites fields in `order`, re-deriving schema properties, `required` and `ui:order`. */
function rebuild(def: FormDefinition, order: string[], fields: Record<string, FieldMeta>): FormDefinition {
  const orderedFields: Record<string, FieldMeta> = {};
  const properties: Record<string, Record<string, unknown>> = {};
  for (const key of order) {
    const meta = fields[key];
    orderedFields[key] = meta;
    if (!isLayout(meta.kind)) properties[key] = schemaProperty(meta, def.schema.properties[key]);
  }
  const required = (def.schema.required ?? []).filter((k) => Object.hasOwn(properties, k));
  const schema = { ...def.schema, properties };
  if (required.length > 0) schema.required = required;
  else delete schema.required;
  const uiSchema: Record<string, unknown> = { ...def.uiSchema, 'ui:order': [...Object.keys(properties), '*'] };
  for (const key of Object.keys(uiSchema))
    if (!key.startsWith('ui:') && !Object.hasOwn(orderedFields, key)) delete uiSchema[key];
  return { schema, uiSchema, fields: orderedFields };
}

const orderOf = (def: FormDefinition) => Object.keys(def.fields);

export function addField(
  def: FormDefinition,
  meta: FieldMeta,
  index: number,
): { definition: FormDefinition; key: string } {
  const key = newKey(def.fields);
  const order = orderOf(def);
  order.splice(Math.max(0, Math.min(index, order.length)), 0, key);
  return { definition: rebuild(def, order, { ...def.fields, [key]: meta }), key };
}

export function moveField(def: FormDefinition, key: string, toIndex: number): FormDefinition {
  const order = orderOf(def).filter((k) => k !== key);
  order.splice(Math.max(0, Math.min(toIndex, order.length)), 0, key);
  return rebuild(def, order, def.fields);
}

export function removeField(def: FormDefinition, key: string): FormDefinition {
  const fields = { ...def.fields };
  delete fields[key];
  const next = rebuild(
    def,
    orderOf(def).filter((k) => k !== key),
    fields,
  );
  return next;
}

/** A copy right after the original, with a new key; its rules, width and required flag come along. */
export function duplicateField(def: FormDefinition, key: string): { definition: FormDefinition; key: string } {
  const meta = structuredClone(def.fields[key]);
  const { definition, key: copy } = addField(def, meta, orderOf(def).indexOf(key) + 1);
  const withRules = setRules(definition, copy, pickRules(def.schema.properties[key]));
  const withWidth = setWidth(
    withRules,
    copy,
    (uiOf(def, key)['ui:options'] as { width?: Width } | undefined)?.width ?? 'full',
  );
  return { definition: setRequired(withWidth, copy, isRequired(def, key)), key: copy };
}

export function updateMeta(def: FormDefinition, key: string, patch: Partial<FieldMeta>): FormDefinition {
  const meta: FieldMeta = { ...def.fields[key], ...patch };
  for (const name of Object.keys(patch) as (keyof FieldMeta)[]) if (patch[name] === undefined) delete meta[name];
  return rebuild(def, orderOf(def), { ...def.fields, [key]: meta });
}

export const isRequired = (def: FormDefinition, key: string) => (def.schema.required ?? []).includes(key);

export function setRequired(def: FormDefinition, key: string, required: boolean): FormDefinition {
  const rest = (def.schema.required ?? []).filter((k) => k !== key);
  const schema = { ...def.schema, required: required ? [...rest, key] : rest };
  return rebuild({ ...def, schema }, orderOf(def), def.fields);
}

export function pickRules(property: Record<string, unknown> | undefined): Rules {
  const rules: Rules = {};
  for (const keyword of RULE_KEYWORDS) {
    const value = property?.[keyword];
    if (typeof value === 'number' || typeof value === 'string') rules[keyword] = value;
  }
  return rules;
}

/** Replaces the validation keywords of `key`'s schema property (undefined or '' removes one). */
export function setRules(def: FormDefinition, key: string, rules: Rules): FormDefinition {
  const property = { ...def.schema.properties[key] };
  for (const keyword of RULE_KEYWORDS) {
    const value = rules[keyword];
    if (value === undefined || value === '') delete property[keyword];
    else property[keyword] = value;
  }
  const schema = { ...def.schema, properties: { ...def.schema.properties, [key]: property } };
  return rebuild({ ...def, schema }, orderOf(def), def.fields);
}

export function setWidth(def: FormDefinition, key: string, width: Width): FormDefinition {
  const ui = uiOf(def, key);
  const options = { ...((ui['ui:options'] as Record<string, unknown> | undefined) ?? {}), width };
  return { ...def, uiSchema: { ...def.uiSchema, [key]: { ...ui, 'ui:options': options } } };
}
