/**
 * Fills a record's formula fields from its other values, in dependency order: what the server
 * runs on every write (client values are not trusted) and the player runs while the user types.
 */
import type { ErrorDetail } from '@formloom/model';
import type { FormulaNode } from './ast.js';
import { checkFormula } from './check.js';
import { evaluateFormulaValue, type FormulaFieldInfo, toFieldValue } from './evaluate.js';
import { checkFormulaGraph } from './graph.js';
import { formulaMessages } from './messages.js';
import { parseFormula } from './parser.js';
import { type FormulaError, formulaError, isFormulaError } from './values.js';

/** The part of a field's definition formulas need (a FieldMeta of @formloom/model fits). */
export interface FormulaFieldMeta {
  kind: string;
  label?: string;
  formula?: string;
  default?: { type: string; formula?: string };
  subform?: { fields: Record<string, FormulaFieldMeta> };
}

export interface ComputeContext {
  now?: Date;
  timeZone?: string;
}

export interface FormulaFieldError {
  /** `f_total`, or `f_items[2].f_subtotal` for a subform cell. */
  path: string;
  error: FormulaError;
}

export interface ComputeResult {
  /** A copy of the values with every formula field (and subform formula column) filled; errors leave null. */
  values: Record<string, unknown>;
  errors: FormulaFieldError[];
}

/** Formula sources keyed by `field` or `subform.column`. */
export function formulasOf(fields: Record<string, FormulaFieldMeta>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, meta] of Object.entries(fields)) {
    if (meta.kind === 'formula' && typeof meta.formula === 'string') out[key] = meta.formula;
    for (const [column, columnMeta] of Object.entries(meta.subform?.fields ?? {}))
      if (columnMeta.kind === 'formula' && typeof columnMeta.formula === 'string')
        out[`${key}.${column}`] = columnMeta.formula;
  }
  return out;
}

export function computeFormulaFields(
  fields: Record<string, FormulaFieldMeta>,
  values: Record<string, unknown>,
  ctx: ComputeContext = {},
): ComputeResult {
  const formulas = formulasOf(fields);
  const graph = checkFormulaGraph(formulas);
  const out: Record<string, unknown> = { ...values };
  const failed: Record<string, FormulaError> = {};
  const errors: FormulaFieldError[] = [];
  const info = fields as Record<string, FormulaFieldInfo>;
  const now = ctx.now ?? new Date();
  const timeZone = ctx.timeZone ?? 'UTC';

  for (const cycle of graph.cycles)
    for (const key of cycle) {
      failed[key] = formulaError('#REF!', `Circular reference: ${[...cycle, cycle[0]].join(' → ')}`);
      setValue(out, key, null);
      errors.push({ path: key, error: failed[key] });
    }

  for (const key of graph.order) {
    const parsed = parseFormula(formulas[key]);
    const ast: FormulaNode | FormulaError = parsed.ok
      ? parsed.ast
      : formulaError('#NAME?', `The formula cannot be read: ${parsed.error.message}`);
    const dot = key.indexOf('.');
    if (dot < 0) {
      const v = isFormulaError(ast)
        ? ast
        : evaluateFormulaValue(ast, { values: out, fields: info, now, timeZone, failed });
      const stored = toFieldValue(v, timeZone);
      if (isFormulaError(stored)) {
        failed[key] = stored;
        errors.push({ path: key, error: stored });
        out[key] = null;
      } else out[key] = stored;
      continue;
    }
    const subform = key.slice(0, dot);
    const column = key.slice(dot + 1);
    const rows = Array.isArray(out[subform]) ? (out[subform] as unknown[]) : [];
    out[subform] = rows.map((row, i) => {
      const cells = row !== null && typeof row === 'object' ? { ...(row as Record<string, unknown>) } : {};
      const v = isFormulaError(ast)
        ? ast
        : evaluateFormulaValue(ast, {
            values: out,
            fields: info,
            now,
            timeZone,
            failed,
            row: { subform, values: cells },
          });
      const stored = toFieldValue(v, timeZone);
      if (isFormulaError(stored)) {
        failed[key] ??= stored;
        errors.push({ path: `${subform}[${i}].${column}`, error: stored });
        cells[column] = null;
      } else cells[column] = stored;
      return cells;
    });
  }
  return { values: out, errors };
}

function setValue(values: Record<string, unknown>, key: string, value: null) {
  const dot = key.indexOf('.');
  if (dot < 0) {
    values[key] = value;
    return;
  }
  const subform = key.slice(0, dot);
  const rows = values[subform];
  if (Array.isArray(rows))
    values[subform] = rows.map((r) =>
      r !== null && typeof r === 'object' ? { ...r, [key.slice(dot + 1)]: value } : r,
    );
}

/**
 * Problems with a definition's formulas for definition validation: unreadable formulas, unknown
 * fields or functions, type errors, and circular references. Paths are `fields.<key>.formula`,
 * `fields.<key>.default.formula`, `fields.<key>.subform.fields.<column>.formula`.
 */
export function formulaDefinitionIssues(fields: Record<string, FormulaFieldMeta>): ErrorDetail[] {
  const t = formulaMessages('en');
  const details: ErrorDetail[] = [];
  const info = fields as Record<string, FormulaFieldInfo>;
  const check = (path: string, formula: string, self: string | undefined, rowOf?: string) => {
    for (const issue of checkFormula(formula, info, { t, self, rowOf }).errors)
      details.push({ path, rule: `formula.${issue.code}`, message: `${issue.message} (at ${issue.start})` });
  };
  for (const [key, meta] of Object.entries(fields)) {
    if (meta.kind === 'formula' && typeof meta.formula === 'string') check(`fields.${key}.formula`, meta.formula, key);
    if (meta.default?.type === 'formula' && typeof meta.default.formula === 'string')
      check(`fields.${key}.default.formula`, meta.default.formula, key);
    for (const [column, columnMeta] of Object.entries(meta.subform?.fields ?? {}))
      if (columnMeta.kind === 'formula' && typeof columnMeta.formula === 'string')
        check(`fields.${key}.subform.fields.${column}.formula`, columnMeta.formula, undefined, key);
  }
  for (const cycle of checkFormulaGraph(formulasOf(fields)).cycles) {
    const [first] = cycle;
    const dot = first.indexOf('.');
    const path =
      dot < 0
        ? `fields.${first}.formula`
        : `fields.${first.slice(0, dot)}.subform.fields.${first.slice(dot + 1)}.formula`;
    details.push({
      path,
      rule: 'formula.circularReference',
      message: t('circularReference', { path: [...cycle, first].join(' → ') }),
    });
  }
  return details;
}
