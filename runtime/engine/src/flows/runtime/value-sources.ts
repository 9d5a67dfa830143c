import type { StoredRecord, ValueSource } from '@formloom/model';
import { evaluateFormulaValue, toFieldValue } from '../../formulas/evaluate.js';
import { isFormulaError } from '../../formulas/values.js';
import type { FormulaFieldInfo } from '../../formulas/evaluate.js';
import { fieldValuesOf } from './record-values.js';

export interface ValueSourceContext {
  /** The record the instance runs on (stored shape), or null. */
  record: StoredRecord | null;
  /** Field definitions of that record's form (for formulas). */
  fields: Record<string, FormulaFieldInfo> | undefined;
  initiatorId: string | null;
  now: Date;
  timeZone: string;
}

/** Thrown when a value cannot be computed (a formula error): the step fails without retrying. */
export class ValueSourceError extends Error {
  constructor(
    readonly field: string,
    /** The formula's error code (`#DIV/0!` …), what users recognise in any language. */
    readonly formulaError: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValueSourceError';
  }
}

/** One value from its source: a constant, a field of the record, a formula over it, the initiator, now. */
export function resolveValueSource(target: string, source: ValueSource, ctx: ValueSourceContext): unknown {
  switch (source.from) {
    case 'value':
      return source.value;
    case 'field':
      return ctx.record?.[source.field] ?? null;
    case 'initiator':
      return ctx.initiatorId;
    case 'now':
      return ctx.now.toISOString();
    case 'formula': {
      const value = evaluateFormulaValue(source.formula, {
        values: fieldValuesOf(ctx.record),
        now: ctx.now,
        timeZone: ctx.timeZone,
        fields: ctx.fields,
      });
      const stored = toFieldValue(value, ctx.timeZone);
      if (isFormulaError(stored))
        throw new ValueSourceError(target, stored.code, `${target}: ${stored.code} ${stored.message}`);
      return stored;
    }
  }
}

/** Target field → value, for a whole field map. */
export function resolveFieldMap(
  fieldMap: Record<string, ValueSource>,
  ctx: ValueSourceContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, source] of Object.entries(fieldMap)) out[field] = resolveValueSource(field, source, ctx);
  return out;
}
