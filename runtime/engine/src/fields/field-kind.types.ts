import type { DynamicValue, ErrorDetail, FieldMeta } from '@formloom/model';

/**
 * One entry of the field-kind registry. Built-in kinds and plugin kinds register the same
 * way (`fieldKinds.register(spec)`). Issue 3 adds the designer palette item and player widget
 * on the browser side; this is the server-side half.
 */
export interface FieldKindSpec {
  kind: string;
  /** Layout-only kinds (section, divider, description) store no value and have no schema property. */
  layoutOnly?: boolean;
  /** The JSON Schema property the designer emits for this kind (used to check a definition's schema matches its metadata). */
  jsonSchema(meta: FieldMeta): Record<string, unknown>;
  /**
   * Server-side normalisation after ajv validation (trim text, round numbers to precision,
   * canonicalise phone numbers …). Returns the value to store. Throws nothing: report problems
   * through `validate`.
   */
  normalize?(value: unknown, meta: FieldMeta): unknown;
  /** Checks ajv cannot express (ID-number checksum, option membership with "other" …). */
  validate?(value: unknown, meta: FieldMeta, path: string): ErrorDetail[];
  /** The value is computed by the server (serial, formula): client values are ignored. */
  serverComputed?: boolean;
  /** Condition methods this kind supports (the compiler rejects others with 400). */
  methods: readonly string[];
  /** Whether records can be sorted on this field (and so the store gets an index for it). */
  sortable: boolean;
  /** Whether keyword search looks into this field. */
  searchable?: boolean;
  /** Whether `unique: true` is allowed on this kind (default false). */
  uniqueAllowed?: boolean;
  /**
   * The type condition values must have for this kind (`date`: `YYYY-MM-DD`, `datetime`: an
   * ISO-8601 instant). Default `string`.
   */
  valueType?: ConditionValueType;
  /** How the value is stored: one scalar (default), an array (multi-select, members …) or an object (address …). */
  valueShape?(meta: FieldMeta): ValueShape;
  /** Dynamic condition values allowed for this kind (`today` for dates, `current_user` for members …). */
  dynamicValues?: readonly DynamicValue[];
  /**
   * The group of the designer's palette the kind appears in. Default: `layout` for layout-only
   * kinds, else `advanced` (so a plugin kind shows up without saying more).
   */
  palette?: PaletteGroup;
  /** How an Excel cell becomes a value of this kind on import; kinds without it are not imported. */
  importAs?: ImportCellType;
}

export type PaletteGroup = 'basic' | 'advanced' | 'layout';
/**
 * `text`: the cell as text; `number`: numbers or numeric text; `date`/`datetime`: Excel dates or
 * ISO-like text; `boolean`: yes/no words; `option`/`options`: one or several options by label or value;
 * `record`: linked records by record id or by their exact display label (the import job looks them up).
 */
export type ImportCellType = 'text' | 'number' | 'date' | 'datetime' | 'boolean' | 'option' | 'options' | 'record';

/** `scalar`: any of string, number, boolean (formula results). */
export type ConditionValueType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'scalar';
export type ValueShape = 'scalar' | 'array' | 'object';
