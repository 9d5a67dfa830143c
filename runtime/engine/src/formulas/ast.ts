/**
 * The syntax tree of a formula. Every node carries the source offsets it was parsed from
 * (`start` inclusive, `end` exclusive) so the checker can underline the exact text.
 */
export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=';

interface Span {
  start: number;
  end: number;
}

export interface NumberNode extends Span {
  type: 'number';
  value: number;
}
export interface StringNode extends Span {
  type: 'string';
  value: string;
}
export interface BooleanNode extends Span {
  type: 'boolean';
  value: boolean;
}
/** `{f_amount}` (key `f_amount`) or a subform column `{f_items.f_price}` (key `f_items`, column `f_price`). */
export interface FieldNode extends Span {
  type: 'field';
  key: string;
  column?: string;
}
export interface CallNode extends Span {
  type: 'call';
  /** Upper-cased function name. */
  name: string;
  nameEnd: number;
  args: FormulaNode[];
}
export interface UnaryNode extends Span {
  type: 'unary';
  op: '-' | '+';
  operand: FormulaNode;
}
export interface PercentNode extends Span {
  type: 'percent';
  operand: FormulaNode;
}
export interface BinaryNode extends Span {
  type: 'binary';
  op: BinaryOperator;
  left: FormulaNode;
  right: FormulaNode;
}

export type FormulaNode =
  NumberNode | StringNode | BooleanNode | FieldNode | CallNode | UnaryNode | PercentNode | BinaryNode;

/** Splits the text between braces into a field key and an optional subform column. */
export function splitFieldReference(inner: string): { key: string; column?: string } {
  const text = inner.trim();
  const dot = text.indexOf('.');
  if (dot < 0) return { key: text };
  return { key: text.slice(0, dot).trim(), column: text.slice(dot + 1).trim() };
}

/** Visits every node depth-first, parents before children. */
export function walkFormula(node: FormulaNode, visit: (n: FormulaNode) => void): void {
  visit(node);
  switch (node.type) {
    case 'call':
      for (const a of node.args) walkFormula(a, visit);
      break;
    case 'unary':
    case 'percent':
      walkFormula(node.operand, visit);
      break;
    case 'binary':
      walkFormula(node.left, visit);
      walkFormula(node.right, visit);
      break;
    default:
  }
}
