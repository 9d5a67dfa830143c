/**
 * The Excel-like formula language: parse, check, evaluate and compute formula fields, the same
 * in the browser and on the server. See README.md in this folder.
 */
export type { BinaryOperator, FormulaNode } from './ast.js';
export { walkFormula } from './ast.js';
export { parseFormula, type FormulaSyntaxCode, type FormulaSyntaxError, type ParseResult } from './parser.js';
export {
  evaluateFormula,
  evaluateFormulaValue,
  toFieldValue,
  type EvaluateOptions,
  type EvaluateResult,
  type FormulaFieldInfo,
  type FormulaFieldValue,
} from './evaluate.js';
export {
  checkFormula,
  staticTypeOfKind,
  type CheckFormulaOptions,
  type CheckFormulaResult,
  type FormulaIssue,
  type FormulaIssueRule,
} from './check.js';
export { checkFormulaGraph, referencedFields, type FormulaGraph } from './graph.js';
export {
  computeFormulaFields,
  formulaDefinitionIssues,
  formulasOf,
  type ComputeContext,
  type ComputeResult,
  type FormulaFieldError,
  type FormulaFieldMeta,
} from './compute.js';
export { formulaReferenceLabels, fromDisplay, toDisplay, type FormulaReferenceLabels } from './display.js';
export { FORMULA_MESSAGES, formulaMessages, type FormulaMessageCode, type FormulaTranslate } from './messages.js';
export { FORMULA_FUNCTIONS, formatText, type FunctionSpec, type StaticType } from './functions/index.js';
export {
  isFormulaError,
  type FormulaDate,
  type FormulaError,
  type FormulaErrorCode,
  type FormulaValue,
} from './values.js';
