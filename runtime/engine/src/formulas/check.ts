/**
 * The static checker the designer runs as the user types: syntax errors with positions, unknown
 * fields and functions, argument counts, obvious type errors (text where a number is needed, a
 * list where one value is needed), and the formula's result type. Messages name fields by label.
 */
import type { FormulaNode } from './ast.js';
import { splitFieldReference } from './ast.js';
import { formulaReferenceLabels } from './display.js';
import type { FormulaFieldInfo } from './evaluate.js';
import { FORMULA_FUNCTIONS } from './functions/index.js';
import type { ParamKind, StaticType } from './functions/function-spec.js';
import { type FormulaMessageCode, type FormulaTranslate, formulaMessages } from './messages.js';
import { parseFormula } from './parser.js';
import { parseNumericText } from './values.js';

export type FormulaIssueRule = 'syntax' | 'reference' | 'function' | 'arguments' | 'type' | 'cycle';

export interface FormulaIssue {
  /** Offsets into the checked text: `start` inclusive, `end` exclusive. */
  start: number;
  end: number;
  rule: FormulaIssueRule;
  code: FormulaMessageCode;
  params: Record<string, string>;
  message: string;
}

export interface CheckFormulaOptions {
  /** `key` (default): `{f_amount}` as stored. `label`: `{金额}` as the designer shows it. */
  references?: 'key' | 'label';
  /** Translates a message code; defaults to English. */
  t?: FormulaTranslate;
  /** The key of the field this formula belongs to (a reference to it is reported). */
  self?: string;
  /** The subform whose column this formula computes: `{subform.column}` is then one value. */
  rowOf?: string;
}

export interface CheckFormulaResult {
  errors: FormulaIssue[];
  resultType: StaticType;
  /** Referenced fields as stored keys: `f_amount`, `f_items.f_price`. */
  references: string[];
}

/** What the checker knows of a field kind's values. */
export function staticTypeOfKind(kind: string): StaticType {
  switch (kind) {
    case 'number':
    case 'money':
      return 'number';
    case 'date':
    case 'datetime':
      return 'date';
    case 'switch':
      return 'boolean';
    case 'text':
    case 'textarea':
    case 'radio':
    case 'select':
    case 'phone':
    case 'email':
    case 'url':
    case 'serial':
    case 'richtext':
    case 'address':
      return 'text';
    case 'checkbox':
    case 'multiselect':
    case 'members':
    case 'departments':
    case 'image':
    case 'attachment':
      return 'list';
    default:
      return 'any';
  }
}

interface Typed {
  type: StaticType;
  /** Text known to read as a number ("12", or an `any`) — not a type error where a number is needed. */
  numericText: boolean;
  /** How to name this operand in a message. */
  describe: string;
}

const snippet = (text: string, node: FormulaNode) => {
  const s = text.slice(node.start, node.end);
  return s.length > 30 ? `${s.slice(0, 27)}…` : s;
};

class Checker {
  readonly errors: FormulaIssue[] = [];
  readonly references = new Set<string>();
  private readonly keysByLabel: Record<string, string>;
  private readonly labelsByKey: Record<string, string>;

  constructor(
    private readonly text: string,
    private readonly fields: Record<string, FormulaFieldInfo>,
    private readonly options: CheckFormulaOptions,
    private readonly t: FormulaTranslate,
    /** Formula fields whose type is being inferred, to stop at cycles. */
    private readonly inferring: ReadonlySet<string> = new Set(),
  ) {
    const maps = formulaReferenceLabels(fields);
    this.keysByLabel = maps.keysByLabel;
    this.labelsByKey = maps.labelsByKey;
  }

  report(
    node: { start: number; end: number },
    rule: FormulaIssueRule,
    code: FormulaMessageCode,
    params: Record<string, string>,
  ) {
    this.errors.push({ start: node.start, end: node.end, rule, code, params, message: this.t(code, params) });
  }

  private labelOf(key: string): string {
    const label = Object.hasOwn(this.labelsByKey, key) ? this.labelsByKey[key] : undefined;
    return label && label !== key ? label : key;
  }

  /** Resolves the text between braces to a stored key (and column). */
  private resolve(node: Extract<FormulaNode, { type: 'field' }>): { key: string; column?: string } {
    if (this.options.references !== 'label') return { key: node.key, column: node.column };
    const inner = this.text.slice(node.start + 1, node.end - 1).trim();
    const lookup = (label: string) => (Object.hasOwn(this.keysByLabel, label) ? this.keysByLabel[label] : undefined);
    const whole = lookup(inner);
    if (whole) return splitFieldReference(whole);
    const { key, column } = splitFieldReference(inner);
    const parent = lookup(key) ?? key;
    if (column === undefined) return { key: parent };
    const path = lookup(`${key}.${column}`);
    return path ? splitFieldReference(path) : { key: parent, column };
  }

  private field(node: Extract<FormulaNode, { type: 'field' }>): Typed {
    const unknown: Typed = { type: 'any', numericText: true, describe: snippet(this.text, node) };
    const { key, column } = this.resolve(node);
    const info = Object.hasOwn(this.fields, key) ? this.fields[key] : undefined;
    const shownKey =
      this.options.references === 'label'
        ? splitFieldReference(this.text.slice(node.start + 1, node.end - 1)).key
        : key;
    if (!info) {
      this.report(node, 'reference', 'unknownField', {
        name: column === undefined ? shownKey : `${shownKey}.${column}`,
      });
      return unknown;
    }
    if (key === this.options.self) {
      this.report(node, 'reference', 'selfReference', { name: this.labelOf(key) });
      return unknown;
    }
    if (column === undefined) {
      if (info.kind === 'subform') {
        this.report(node, 'reference', 'subformNeedsColumn', { name: this.labelOf(key) });
        return unknown;
      }
      this.references.add(key);
      const type = this.typeOfField(key, info);
      return { type, numericText: type === 'any', describe: `{${this.labelOf(key)}}` };
    }
    if (info.kind !== 'subform' || !info.subform) {
      this.report(node, 'reference', 'notSubform', { name: this.labelOf(key) });
      return unknown;
    }
    const columnInfo = Object.hasOwn(info.subform.fields, column) ? info.subform.fields[column] : undefined;
    if (!columnInfo) {
      this.report(node, 'reference', 'unknownColumn', { subform: this.labelOf(key), column });
      return unknown;
    }
    this.references.add(`${key}.${column}`);
    const describe = `{${this.labelOf(`${key}.${column}`)}}`;
    if (this.options.rowOf === key) {
      const type = this.typeOfField(`${key}.${column}`, columnInfo);
      return { type, numericText: type === 'any', describe };
    }
    return { type: 'list', numericText: false, describe };
  }

  /** A field's type; a formula field's is its formula's result type (a cycle gives `any`). */
  private typeOfField(path: string, info: { kind: string; formula?: string }): StaticType {
    if (info.kind !== 'formula' || typeof info.formula !== 'string' || this.inferring.has(path))
      return staticTypeOfKind(info.kind);
    const parsed = parseFormula(info.formula);
    if (!parsed.ok) return 'any';
    const dot = path.indexOf('.');
    const inner = new Checker(
      info.formula,
      this.fields,
      { ...this.options, self: undefined, rowOf: dot < 0 ? undefined : path.slice(0, dot) },
      this.t,
      new Set([...this.inferring, path]),
    );
    const type = inner.visit(parsed.ast).type;
    return type === 'list' && dot >= 0 ? 'any' : type;
  }

  /** Reports an operand that cannot serve as `kind`; `where` names the operator or function. */
  private expect(node: FormulaNode, typed: Typed, kind: ParamKind, where: string) {
    const single = kind === 'number' || kind === 'text' || kind === 'boolean' || kind === 'date';
    if (single && typed.type === 'list') {
      this.report(node, 'type', 'expectsSingleValue', { what: typed.describe, where });
      return;
    }
    if (kind === 'number' && typed.type === 'text' && !typed.numericText)
      this.report(node, 'type', 'expectsNumber', { what: typed.describe, where });
  }

  visit(node: FormulaNode): Typed {
    switch (node.type) {
      case 'number':
        return { type: 'number', numericText: true, describe: snippet(this.text, node) };
      case 'boolean':
        return { type: 'boolean', numericText: true, describe: snippet(this.text, node) };
      case 'string':
        return {
          type: 'text',
          numericText: parseNumericText(node.value) !== undefined || /^\d{4}-\d{2}-\d{2}/.test(node.value),
          describe: snippet(this.text, node),
        };
      case 'field':
        return this.field(node);
      case 'unary':
      case 'percent': {
        const operand = this.visit(node.operand);
        if (operand.type !== 'list')
          this.expect(node.operand, operand, 'number', node.type === 'percent' ? '%' : node.op);
        return {
          type: operand.type === 'list' ? 'list' : 'number',
          numericText: true,
          describe: snippet(this.text, node),
        };
      }
      case 'binary':
        return this.binary(node);
      case 'call':
        return this.call(node);
    }
  }

  private binary(node: Extract<FormulaNode, { type: 'binary' }>): Typed {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    const describe = snippet(this.text, node);
    const list = left.type === 'list' || right.type === 'list';
    switch (node.op) {
      case '&':
        return { type: list ? 'list' : 'text', numericText: false, describe };
      case '+':
      case '-':
      case '*':
      case '/':
      case '^': {
        if (left.type !== 'list') this.expect(node.left, left, 'number', node.op);
        if (right.type !== 'list') this.expect(node.right, right, 'number', node.op);
        if (list) return { type: 'list', numericText: false, describe };
        let type: StaticType = 'number';
        if (node.op === '+' && (left.type === 'date') !== (right.type === 'date')) type = 'date';
        if (node.op === '-' && left.type === 'date' && right.type !== 'date')
          type = right.type === 'any' ? 'any' : 'date';
        if ((node.op === '+' || node.op === '-') && type === 'number' && (left.type === 'any' || right.type === 'any'))
          type = 'any';
        return { type, numericText: true, describe };
      }
      default:
        return { type: list ? 'list' : 'boolean', numericText: true, describe };
    }
  }

  private call(node: Extract<FormulaNode, { type: 'call' }>): Typed {
    const args = node.args.map((a) => this.visit(a));
    const describe = snippet(this.text, node);
    const spec = FORMULA_FUNCTIONS.get(node.name);
    if (!spec) {
      this.report({ start: node.start, end: node.nameEnd }, 'function', 'unknownFunction', { name: node.name });
      return { type: 'any', numericText: true, describe };
    }
    if (args.length < spec.minArgs)
      this.report(node, 'arguments', 'tooFewArguments', { name: spec.name, min: String(spec.minArgs) });
    else if (args.length > spec.maxArgs)
      this.report(node.args[spec.maxArgs], 'arguments', 'tooManyArguments', {
        name: spec.name,
        max: String(spec.maxArgs),
      });
    args.forEach((typed, i) => {
      const kind = spec.params.length === 0 ? 'any' : spec.params[Math.min(i, spec.params.length - 1)];
      this.expect(node.args[i], typed, kind, spec.name);
    });
    const type = typeof spec.returns === 'function' ? spec.returns(args.map((a) => a.type)) : spec.returns;
    return { type, numericText: type !== 'text', describe };
  }
}

/**
 * Checks a formula against a form's fields. With `references: 'label'` the text is in display
 * form (`{金额}`) and positions refer to that text, which is what the designer's editor shows.
 */
export function checkFormula(
  formula: string,
  fields: Record<string, FormulaFieldInfo>,
  options: CheckFormulaOptions = {},
): CheckFormulaResult {
  const t = options.t ?? formulaMessages('en');
  const parsed = parseFormula(formula);
  if (!parsed.ok) {
    const e = parsed.error;
    return {
      errors: [
        { start: e.start, end: e.end, rule: 'syntax', code: e.code, params: e.params, message: t(e.code, e.params) },
      ],
      resultType: 'any',
      references: [],
    };
  }
  const checker = new Checker(formula, fields, options, t);
  const result = checker.visit(parsed.ast);
  return { errors: checker.errors, resultType: result.type, references: [...checker.references] };
}
