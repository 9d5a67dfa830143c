import type { ErrorDetail, FieldMeta } from '@formloom/model';

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
}
