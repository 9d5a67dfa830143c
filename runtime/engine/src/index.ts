export * from './ids.js';
export * from './ajv.js';

export * from './fields/field-kind.types.js';
export * from './fields/registry.js';
export * from './fields/serial-pattern.js';
export { canonicalPhone } from './fields/text-like.js';
export { roundTo } from './fields/number-like.js';
export { isDateString, isDateTimeString, toUtcIso } from './fields/date.js';
export { convertFieldValue, type Converted } from './fields/convert-value.js';
export type { FileRef } from './fields/files.js';

export * from './definitions/validate-form-definition.js';
export { formDefinitionMetaSchema } from './definitions/form-definition.meta-schema.js';
export { ajvErrorsToDetails } from './definitions/ajv-errors.js';

export * from './conditions/field-catalogue.js';
export * from './conditions/validate-condition.js';
export * from './conditions/compile-condition.js';
export * from './conditions/evaluate-condition.js';
export { localDate, periodOf, startOfDayUtc } from './conditions/dynamic-values.js';
export { linkageInputs, resolveLinkageCondition } from './conditions/linkage-condition.js';

export * from './access/form-access.js';
export * from './access/resolve-form-access.js';
export * from './access/scope-filter.js';

export * from './events/record-events.js';

export * from './records/record-service.types.js';
export * from './records/record-service.js';
export * from './records/collections.js';
export { toRecordView } from './records/record-view.js';
export { appScopedRelatedForm } from './records/app-scoped-reader.js';
export { decodeCursor, encodeCursor, keysetFilter, type SortPath } from './records/query-cursor.js';
export * from './formulas/index.js';
export * from './flows/index.js';
