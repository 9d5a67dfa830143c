import type { Condition, ConditionLeaf } from './condition.js';

/**
 * A form definition: `{schema, uiSchema, fields}`.
 * - `schema`: a JSON Schema (draft-07, the subset @rjsf/core renders) of `type: 'object'` whose
 *   `properties` are keyed by field key. It is what records are validated against (ajv).
 * - `uiSchema`: @rjsf/core's uiSchema (`ui:order`, `ui:widget`, `ui:options`, …).
 * - `fields`: per-field metadata, the one documented place for everything JSON Schema cannot
 *   say (kind, label, unique, serial pattern, link target, formula, visibility rule …).
 *   Every property of `schema` has an entry here; layout-only kinds (section, divider,
 *   description) have an entry here and none in `schema.properties`.
 *
 * Field keys are stable generated ids (`f_` + 6–12 lowercase letters/digits, or a readable
 * key in templates) matching FIELD_KEY_PATTERN; labels change freely. Field keys never start
 * with `_` (system fields do) and never contain `.` or `$`.
 *
 * The meta-schema and semantic checks live in @formloom/engine (`validateFormDefinition`).
 */
export const FIELD_KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'datetime',
  'radio',
  'checkbox',
  'select',
  'multiselect',
  'switch',
  'phone',
  'email',
  'url',
  'address',
  'location',
  'image',
  'attachment',
  'signature',
  'richtext',
  'serial',
  'formula',
  'member',
  'members',
  'department',
  'departments',
  'link',
  'select_data',
  'subform',
  'section',
  'divider',
  'description',
] as const;
export type BuiltInFieldKind = (typeof FIELD_KINDS)[number];
/** Plugins register more kinds in the field-kind registry; their names contain a `.` (`acme.rating`). */
export type FieldKind = BuiltInFieldKind | (string & {});

export interface FieldOption {
  value: string;
  label: string;
  /** CSS colour such as `#1677ff`. */
  color?: string;
}

/**
 * A leaf of a data-linkage condition: a leaf of the condition language on the other form's
 * field, whose value may instead come from this form's field `valueFrom.field` (the value the
 * record being filled holds at that moment). An empty `valueFrom` field makes the linkage yield
 * nothing.
 */
export interface LinkageConditionLeaf extends ConditionLeaf {
  valueFrom?: { field: string };
}
export interface LinkageCondition {
  rel: 'and' | 'or';
  cond: Array<LinkageConditionLeaf | LinkageCondition>;
}

export type DefaultValue =
  | { type: 'static'; value: unknown }
  | { type: 'formula'; formula: string }
  /**
   * Data linkage (数据联动): take `sourceField` from the first record of `formId` (newest first,
   * among those the user may read) matching `condition`; re-evaluated while the user fills the
   * form, until they type into the field themselves.
   */
  | { type: 'linkage'; formId: string; condition: LinkageCondition; sourceField: string };

export interface FieldMeta {
  kind: FieldKind;
  label: string;
  description?: string;
  placeholder?: string;
  /** Values must be unique across the form's records (enforced by a unique index in the store). */
  unique?: boolean;
  readOnly?: boolean;
  hidden?: boolean;
  /** Shown only when this condition holds on the record being edited. */
  visibility?: Condition;
  /** Keep the value when the field is hidden by its visibility rule (default: cleared). */
  keepHiddenValue?: boolean;
  default?: DefaultValue;
  /** radio, checkbox, select, multiselect. */
  options?: FieldOption[];
  allowOther?: boolean;
  /** number and money. */
  number?: { precision?: number; thousands?: boolean; unit?: string; currency?: string };
  /** serial: pattern with date tokens {YYYY} {YY} {MM} {DD} and one counter token of zeros {0000}. The counter restarts when the date part changes. */
  serial?: { pattern: string };
  /** formula: an expression in the formula language; calculated on every write. */
  formula?: string;
  /** link and select_data: the target form and which of its fields to show or copy. */
  link?: {
    formId: string;
    displayFields: string[];
    multiple?: boolean;
    /** What deleting a linked record does to this field: block the delete, or clear the link. */
    onDelete?: 'block' | 'clear';
    /** select_data: copy target field → this form's field. */
    copy?: Record<string, string>;
  };
  /** subform: its columns, keyed by column key (same rules as field keys). */
  subform?: { fields: Record<string, FieldMeta>; minRows?: number; maxRows?: number };
  /** attachment and image limits. */
  file?: { maxSizeMb?: number; accept?: string[]; maxCount?: number };
}

export interface JsonSchemaObject {
  type: 'object';
  title?: string;
  description?: string;
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  [keyword: string]: unknown;
}

export interface FormDefinition {
  schema: JsonSchemaObject;
  uiSchema: Record<string, unknown>;
  fields: Record<string, FieldMeta>;
}

/** An immutable published version of a form's definition. */
export interface PublishedFormVersion {
  formId: string;
  appId: string;
  version: number;
  definition: FormDefinition;
  publishedAt: string;
  publishedBy: string | null;
}
