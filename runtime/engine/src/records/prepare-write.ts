import {
  FormloomError,
  SYSTEM_FIELDS,
  validationFailed,
  type ConditionContext,
  type ErrorDetail,
} from '@formloom/model';
import { compileCondition } from '../conditions/compile-condition.js';
import { filterMatcher } from '../conditions/evaluate-condition.js';
import { ajvErrorsToDetails } from '../definitions/ajv-errors.js';
import { computeFormulaFields } from '../formulas/compute.js';
import type { CompiledForm } from './compiled-form.js';

export interface PreparedWrite {
  /** The record's field values after the write (field keys of the current version only). */
  data: Record<string, unknown>;
  /** Field keys whose value the write may have changed (to diff and to $set/$unset). */
  touched: string[];
}

export interface WriteOptions {
  /** The stored record being updated; null on create. */
  existing: Record<string, unknown> | null;
  /** Field keys the caller may write; null = every field. */
  writable: ReadonlySet<string> | null;
  /** System fields to evaluate visibility rules against. */
  system: Record<string, unknown>;
  ctx: ConditionContext;
}

const INPUT_LIMIT = 1000;

/**
 * Turns client input into the field values to store: refuses unknown, system and unwritable
 * keys, ignores server-computed fields, merges onto the existing record, clears fields hidden
 * by their visibility rule, validates with the version's ajv validator and each kind's own
 * checks, and normalises. Throws VALIDATION_FAILED / FORBIDDEN naming each field and rule.
 */
export function prepareWrite(form: CompiledForm, input: unknown, options: WriteOptions): PreparedWrite {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw validationFailed([{ path: 'data', rule: 'type', message: 'data must be an object of field values' }]);
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > INPUT_LIMIT)
    throw validationFailed([{ path: 'data', rule: 'maxProperties', message: 'Too many fields' }]);

  const keyErrors: ErrorDetail[] = [];
  const denied: ErrorDetail[] = [];
  const data: Record<string, unknown> = {};
  if (options.existing) {
    // Server-computed values are not the client's to validate; they stay as stored.
    for (const [key, field] of form.valueFields)
      if (!field.spec.serverComputed && options.existing[key] !== undefined && options.existing[key] !== null)
        data[key] = options.existing[key];
  } else {
    for (const d of form.staticDefaults) if (d.value !== null && d.value !== undefined) data[d.key] = d.value;
  }

  const touched = new Set<string>();
  for (const [key, value] of entries) {
    const field = form.valueFields.get(key);
    if (!field) {
      const system = key.startsWith('_') || Object.hasOwn(SYSTEM_FIELDS, key);
      keyErrors.push({
        path: `data.${key}`,
        rule: system ? 'systemField' : 'unknownField',
        message: system ? 'System fields are set by the server' : 'Not a field of this form',
      });
      continue;
    }
    if (field.spec.serverComputed) continue;
    if (options.writable && !options.writable.has(key)) {
      denied.push({ path: `data.${key}`, rule: 'writable', message: 'You may not change this field' });
      continue;
    }
    touched.add(key);
    if (value === null || value === undefined) delete data[key];
    else data[key] = value;
  }
  if (keyErrors.length) throw validationFailed(keyErrors);
  if (denied.length) throw new FormloomError('FORBIDDEN', 'You may not change some of these fields', denied);
  if (!options.existing) for (const d of form.staticDefaults) touched.add(d.key);

  const hidden = new Set<string>();
  if (form.visibility.length) {
    const record = { ...options.system, ...data };
    for (const rule of form.visibility) {
      const test = rule.test ?? filterMatcher(compileCondition(rule.condition, form.catalogue, options.ctx));
      if (test(record)) continue;
      hidden.add(rule.key);
      if (!rule.keepHiddenValue && data[rule.key] !== undefined) {
        delete data[rule.key];
        touched.add(rule.key);
      }
    }
  }

  const errors: ErrorDetail[] = [];
  if (!form.validate(data)) {
    for (const e of ajvErrorsToDetails(form.validate.errors, 'data')) {
      const key = e.path.split('.')[1];
      if (e.rule === 'required' && hidden.has(key)) continue;
      errors.push(e);
    }
  }
  const failed = new Set(errors.map((e) => e.path.split('.')[1]));
  for (const key of touched) {
    const value = data[key];
    if (value === undefined || failed.has(key)) continue;
    const { spec, meta } = form.valueFields.get(key)!;
    if (spec.validate) {
      const problems = spec.validate(value, meta, `data.${key}`);
      if (problems.length) {
        errors.push(...problems);
        continue;
      }
    }
    if (spec.normalize) data[key] = spec.normalize(value, meta);
  }
  if (errors.length) throw validationFailed(errors);

  if (form.formulaKeys.length > 0) {
    // Client values are never trusted for formulas: recomputed from the values being stored.
    // A formula that fails (#DIV/0! …) stores nothing, as an empty cell would show.
    const computed = computeFormulaFields(form.published.definition.fields, data, {
      now: options.ctx.now,
      timeZone: options.ctx.timeZone,
    });
    for (const key of form.formulaKeys) {
      const value = computed.values[key];
      // Like a cleared field, an empty result is not stored.
      if (value === undefined || value === null) delete data[key];
      else data[key] = value;
      touched.add(key);
    }
  }
  return { data, touched: [...touched] };
}
