import { compileCondition } from '@formloom/engine/conditions/compile-condition';
import { filterMatcher } from '@formloom/engine/conditions/evaluate-condition';
import { fieldCatalogue, type FieldCatalogue } from '@formloom/engine/conditions/field-catalogue';
import {
  computeFormulaFields,
  evaluateFormula,
  FORMULA_FUNCTIONS,
  formulasOf,
  parseFormula,
  walkFormula,
  type FormulaFieldError,
} from '@formloom/engine/formulas';
import type { FieldMeta, FormDefinition, JsonSchemaObject } from '@formloom/model';
import { newRowId } from '../widgets/subform-rows';

/**
 * What the form shows while the user types, computed from the definition and the current values
 * with the engine's own evaluators (the same ones the server runs on every write):
 * formula fields filled, fields whose visibility rule fails hidden, and hidden values cleared
 * unless the field keeps them. Pure: no React, no browser APIs.
 */
export interface RenderContext {
  userId: string | null;
  deptIds: string[];
  now: Date;
  timeZone: string;
}

export interface FormState {
  /** The values with formulas computed and hidden values cleared: what the form shows and reports. */
  values: Record<string, unknown>;
  /** Keys of fields hidden by their visibility rule. */
  hidden: ReadonlySet<string>;
  /** Formula fields whose formula failed, with the error (`#DIV/0!`, …). */
  formulaErrors: FormulaFieldError[];
}

type Matcher = (record: Record<string, unknown>) => boolean;

interface CompiledRules {
  catalogue: FieldCatalogue;
  /** Rules without dynamic values compile once per definition; the others on every evaluation. */
  fixed: Map<string, Matcher>;
}

const compiled = new WeakMap<FormDefinition, CompiledRules>();

function rulesOf(definition: FormDefinition): CompiledRules {
  let rules = compiled.get(definition);
  if (rules === undefined) {
    rules = { catalogue: fieldCatalogue(definition), fixed: new Map() };
    compiled.set(definition, rules);
  }
  return rules;
}

const usesDynamicValue = (rule: unknown) => JSON.stringify(rule).includes('"dynamic"');

/**
 * Keys whose visibility rule does not hold on `values`. A rule the engine refuses (it names a
 * field that no longer exists, …) hides nothing: the server reports the definition error.
 */
export function hiddenByRules(
  definition: FormDefinition,
  values: Record<string, unknown>,
  ctx: RenderContext,
): Set<string> {
  const hidden = new Set<string>();
  const rules = rulesOf(definition);
  for (const [key, meta] of Object.entries(definition.fields)) {
    if (meta.visibility === undefined) continue;
    let matcher = rules.fixed.get(key);
    if (matcher === undefined) {
      matcher = compileRule(meta.visibility, rules.catalogue, ctx);
      if (!usesDynamicValue(meta.visibility)) rules.fixed.set(key, matcher);
    }
    if (!matcher(values)) hidden.add(key);
  }
  return hidden;
}

/** The engine's compiled filter as a predicate; a rule it refuses shows the field. */
function compileRule(rule: unknown, catalogue: FieldCatalogue, ctx: RenderContext): Matcher {
  try {
    return filterMatcher(compileCondition(rule, catalogue, ctx));
  } catch {
    return () => true;
  }
}

export function deriveFormState(
  definition: FormDefinition,
  input: Record<string, unknown>,
  ctx: RenderContext,
): FormState {
  const clock = { now: ctx.now, timeZone: ctx.timeZone };
  const first = computeFormulaFields(definition.fields, input, clock);
  const hidden = hiddenByRules(definition, first.values, ctx);
  let cleared = false;
  const values = { ...first.values };
  for (const key of hidden) {
    if (definition.fields[key]?.keepHiddenValue === true || values[key] === undefined) continue;
    delete values[key];
    cleared = true;
  }
  // Clearing a value can change formulas that read it.
  const final = cleared ? computeFormulaFields(definition.fields, values, clock) : first;
  return { values: cleared ? final.values : values, hidden, formulaErrors: final.errors };
}

/**
 * What a form's formulas and visibility rules read, per definition: a keystroke in any other
 * field cannot change a formula result or what is hidden.
 */
interface LogicInputs {
  /** Top-level keys read by a formula or a rule, the formula fields themselves and subforms with formula columns. */
  read: ReadonlySet<string>;
  /** A formula calls a clock function (NOW, TODAY) or a rule compares with a date relative to now. */
  clock: boolean;
}

const logicInputs = new WeakMap<FormDefinition, LogicInputs>();
const CLOCK_DYNAMIC_VALUES = new Set(['today', 'now', 'yesterday', 'tomorrow', 'this_week', 'this_month', 'this_year']);

function logicInputsOf(definition: FormDefinition): LogicInputs {
  let found = logicInputs.get(definition);
  if (found !== undefined) return found;
  const read = new Set<string>();
  let clock = false;
  const topKey = (path: string) => path.split(/[.[]/)[0] ?? path;
  for (const [key, formula] of Object.entries(formulasOf(definition.fields))) {
    read.add(topKey(key));
    const parsed = parseFormula(formula);
    if (!parsed.ok) continue;
    walkFormula(parsed.ast, (node) => {
      if (node.type === 'field') read.add(node.key);
      if (node.type === 'call' && FORMULA_FUNCTIONS.get(node.name.toUpperCase())?.volatile === true) clock = true;
    });
  }
  // Rules: every string in a rule that names a field counts (a superset of what it reads).
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (topKey(value) in definition.fields) read.add(topKey(value));
      if (CLOCK_DYNAMIC_VALUES.has(value)) clock = true;
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  for (const meta of Object.values(definition.fields)) if (meta.visibility !== undefined) visit(meta.visibility);
  found = { read, clock };
  logicInputs.set(definition, found);
  return found;
}

/** The input a state was derived from, to derive the next one from. */
export interface Derivation {
  definition: FormDefinition;
  input: Record<string, unknown>;
  ctx: RenderContext;
  state: FormState;
}

/**
 * `deriveFormState` for the next input, reusing the previous derivation when only fields that
 * no formula or visibility rule reads changed (a keystroke in an ordinary field): then formula
 * results, the hidden set and formula errors are those of the previous state, which a full
 * derivation would compute again unchanged. Anything else — a field a formula or rule reads,
 * a formula field, a hidden field, another user, a form whose formulas or rules read the clock
 * — derives the whole state.
 */
export function deriveNext(
  previous: Derivation | null,
  definition: FormDefinition,
  input: Record<string, unknown>,
  ctx: RenderContext,
): Derivation {
  const full = (): Derivation => ({ definition, input, ctx, state: deriveFormState(definition, input, ctx) });
  if (
    previous === null ||
    previous.definition !== definition ||
    previous.ctx.userId !== ctx.userId ||
    previous.ctx.deptIds.join() !== ctx.deptIds.join() ||
    previous.ctx.timeZone !== ctx.timeZone
  )
    return full();
  const logic = logicInputsOf(definition);
  if (logic.clock) return full();
  const { state } = previous;
  const affects = (key: string) =>
    !Object.is(input[key], previous.input[key]) && (logic.read.has(key) || state.hidden.has(key));
  for (const key in input) if (affects(key)) return full();
  for (const key in previous.input) if (!(key in input) && affects(key)) return full();
  const values = { ...input };
  for (const key of logic.read) {
    if (key in state.values) values[key] = state.values[key];
    else delete values[key];
  }
  for (const key of state.hidden)
    if (definition.fields[key]?.keepHiddenValue !== true && values[key] !== undefined) delete values[key];
  return { definition, input, ctx, state: { ...state, values } };
}

/**
 * The schema @rjsf/core validates and renders: hidden fields dropped, so they are neither shown
 * nor required. An empty property schema (a formula's result may be of any type) becomes
 * `{readOnly: true}`, because @rjsf/core renders nothing at all for `{}`; a subform's row limits
 * become minItems/maxItems.
 */
export function schemaForRender(
  schema: JsonSchemaObject,
  hidden: ReadonlySet<string>,
  fields: Record<string, FieldMeta> = {},
): JsonSchemaObject {
  const properties = Object.fromEntries(
    Object.entries(schema.properties)
      .filter(([key]) => !hidden.has(key))
      .map(([key, property]) => [key, renderedProperty(property, fields[key])]),
  );
  const required = (schema.required ?? []).filter((key) => !hidden.has(key));
  return { ...schema, properties, required };
}

function renderedProperty(property: Record<string, unknown>, meta: FieldMeta | undefined): Record<string, unknown> {
  if (Object.keys(property).length === 0) return { readOnly: true };
  const rows = meta?.kind === 'subform' ? meta.subform : undefined;
  if (rows === undefined) return property;
  // Row limits checked while filling, as the server does.
  return {
    ...property,
    ...(rows.minRows === undefined ? {} : { minItems: rows.minRows }),
    ...(rows.maxRows === undefined ? {} : { maxItems: rows.maxRows }),
  };
}

/**
 * Values a new record starts with: static defaults, then formula defaults evaluated over them
 * (a formula default that fails leaves the field empty), and a subform with a minimum of rows
 * starts with that many empty rows.
 */
export function initialValues(definition: FormDefinition, ctx: RenderContext): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, meta] of Object.entries(definition.fields)) {
    if (meta.default?.type === 'static' && meta.default.value !== undefined && meta.default.value !== null)
      values[key] = meta.default.value;
    else if (meta.kind === 'subform' && (meta.subform?.minRows ?? 0) > 0)
      values[key] = Array.from({ length: meta.subform?.minRows ?? 0 }, () => ({ _rowId: newRowId() }));
  }
  for (const [key, meta] of Object.entries(definition.fields)) {
    if (meta.default?.type !== 'formula') continue;
    const result = evaluateFormula(meta.default.formula, {
      values,
      fields: definition.fields,
      now: ctx.now,
      timeZone: ctx.timeZone,
    });
    if (result.ok && result.value !== null) values[key] = result.value;
  }
  return values;
}
