import type { ErrorDetail, FieldMeta, FormDefinition } from '@formloom/model';
import { createAjv } from '../ajv.js';
import { fieldCatalogue } from '../conditions/field-catalogue.js';
import { validateCondition } from '../conditions/validate-condition.js';
import { formulaDefinitionIssues } from '../formulas/compute.js';
import { fieldKinds as defaultKinds, type FieldKindRegistry } from '../fields/registry.js';
import { parseSerialPattern } from '../fields/serial-pattern.js';
import { linkedDefinitionIssues } from '../records/linked-definition-checks.js';
import { ajvErrorsToDetails } from './ajv-errors.js';
import { formDefinitionMetaSchema } from './form-definition.meta-schema.js';

const validateShape = createAjv().compile(formDefinitionMetaSchema);
const CHOICE_KINDS = new Set(['radio', 'select', 'checkbox', 'multiselect']);
const LINK_KINDS = new Set(['link', 'select_data']);

/**
 * Checks a form definition: first its shape against the meta-schema, then the rules between
 * its parts. Returns every problem found (empty = valid), each naming the path
 * (`fields.f_abc.serial.pattern`) and the rule (`required`, `pattern`, `unknownKind`, `mismatch` …).
 */
export function validateFormDefinition(def: unknown, kinds: FieldKindRegistry = defaultKinds): ErrorDetail[] {
  if (!validateShape(def)) return ajvErrorsToDetails(validateShape.errors);
  const definition = def as FormDefinition;
  const errors: ErrorDetail[] = [];
  const push = (path: string, rule: string, message: string) => errors.push({ path, rule, message });
  const properties = definition.schema.properties;
  const fields = definition.fields;

  for (const key of Object.keys(properties))
    if (!Object.hasOwn(fields, key)) push(`fields.${key}`, 'required', 'Every schema property needs a fields entry');
  for (const [index, key] of (definition.schema.required ?? []).entries())
    if (!Object.hasOwn(properties, key))
      push(`schema.required.${index}`, 'unknownField', `"${key}" is not a property of the schema`);

  let kindsKnown = true;
  for (const [key, meta] of Object.entries(fields)) {
    if (!kinds.has(meta.kind)) {
      kindsKnown = false;
      push(`fields.${key}.kind`, 'unknownKind', `No field kind "${meta.kind}" is registered`);
      continue;
    }
    const spec = kinds.get(meta.kind);
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (spec.layoutOnly) {
      if (property)
        push(`schema.properties.${key}`, 'layoutOnly', `A ${meta.kind} stores nothing and has no schema property`);
    } else if (!property) {
      push(`schema.properties.${key}`, 'required', `The ${meta.kind} field "${key}" needs a schema property`);
    } else {
      checkTypeMatches(spec.jsonSchema(meta), property, `schema.properties.${key}.type`, meta.kind, push);
    }
    checkFieldMeta(meta, `fields.${key}`, kinds, push);
  }

  if (kindsKnown) {
    const catalogue = fieldCatalogue(definition, { fieldKinds: kinds });
    for (const [key, meta] of Object.entries(fields))
      if (meta.visibility) errors.push(...validateCondition(meta.visibility, catalogue, `fields.${key}.visibility`));
    // Parse errors, unknown fields and functions, argument counts, type errors, circular references.
    errors.push(...formulaDefinitionIssues(fields));
  }
  // Select-data copies and data-linkage defaults (records/linked-definition-checks.ts).
  errors.push(...linkedDefinitionIssues(definition));
  return errors;
}

type Push = (path: string, rule: string, message: string) => void;

function typesOf(schema: Record<string, unknown>): string[] | null {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return null;
}

/** The property's type must be the kind's type (optionally together with `null`). */
function checkTypeMatches(
  expected: Record<string, unknown>,
  property: Record<string, unknown>,
  path: string,
  kind: string,
  push: Push,
) {
  const want = typesOf(expected);
  if (!want) return;
  const have = typesOf(property);
  const ok =
    have !== null &&
    have.filter((t) => t !== 'null').every((t) => want.includes(t)) &&
    have.some((t) => want.includes(t));
  if (!ok) push(path, 'mismatch', `A ${kind} field needs type ${want.join(' or ')} in the schema`);
}

function checkFieldMeta(meta: FieldMeta, path: string, kinds: FieldKindRegistry, push: Push) {
  const spec = kinds.get(meta.kind);
  if (meta.unique && !spec.uniqueAllowed) push(`${path}.unique`, 'unique', `A ${meta.kind} field cannot be unique`);

  if (CHOICE_KINDS.has(meta.kind)) {
    if (!meta.options?.length && !meta.allowOther) push(`${path}.options`, 'required', 'A choice field needs options');
    const seen = new Set<string>();
    meta.options?.forEach((o, i) => {
      if (seen.has(o.value)) push(`${path}.options.${i}.value`, 'uniqueItems', `Option value "${o.value}" is repeated`);
      seen.add(o.value);
    });
  }

  if (meta.kind === 'serial') {
    if (!meta.serial)
      push(`${path}.serial`, 'required', 'A serial field needs a pattern such as CUS-{YYYY}{MM}-{0000}');
    else {
      const parsed = parseSerialPattern(meta.serial.pattern);
      if (!parsed.ok) push(`${path}.serial.pattern`, 'pattern', parsed.message);
    }
  }

  if (LINK_KINDS.has(meta.kind) && !meta.link) push(`${path}.link`, 'required', 'A link field needs its target form');

  if (meta.kind === 'subform') {
    if (!meta.subform) push(`${path}.subform`, 'required', 'A subform needs its columns');
    else {
      const { minRows, maxRows } = meta.subform;
      if (minRows !== undefined && maxRows !== undefined && minRows > maxRows)
        push(`${path}.subform.minRows`, 'maximum', 'minRows cannot exceed maxRows');
      for (const [column, columnMeta] of Object.entries(meta.subform.fields)) {
        const at = `${path}.subform.fields.${column}`;
        if (!kinds.has(columnMeta.kind)) {
          push(`${at}.kind`, 'unknownKind', `No field kind "${columnMeta.kind}" is registered`);
          continue;
        }
        const columnSpec = kinds.get(columnMeta.kind);
        if (columnMeta.kind === 'subform' || columnSpec.layoutOnly || columnSpec.serverComputed)
          push(`${at}.kind`, 'unknownKind', `A ${columnMeta.kind} cannot be a subform column`);
        else checkFieldMeta(columnMeta, at, kinds, push);
        if (columnMeta.unique) push(`${at}.unique`, 'unique', 'Subform columns cannot be unique');
      }
    }
  }
}
