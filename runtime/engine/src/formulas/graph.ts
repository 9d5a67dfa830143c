/**
 * Dependencies between a form's formulas: which fields a formula reads, the order to compute
 * them in, and the circular references that make an order impossible.
 */
import { type FormulaNode, walkFormula } from './ast.js';
import { parseFormula } from './parser.js';

/** Fields a formula reads, as stored keys: `f_amount`, and `f_items.f_price` for subform columns. */
export function referencedFields(formula: string | FormulaNode): string[] {
  let ast: FormulaNode;
  if (typeof formula === 'string') {
    const parsed = parseFormula(formula);
    if (!parsed.ok) return [];
    ast = parsed.ast;
  } else ast = formula;
  const out = new Set<string>();
  walkFormula(ast, (n) => {
    if (n.type === 'field') out.add(n.column === undefined ? n.key : `${n.key}.${n.column}`);
  });
  return [...out];
}

export interface FormulaGraph {
  /** Each cycle as the keys on it, in reference order (a self-reference is a cycle of one). */
  cycles: string[][];
  /** Every formula key not on a cycle, each after the formulas it reads. */
  order: string[];
}

/**
 * Analyses formulas keyed by the field they compute (`f_total`, or `f_items.f_subtotal` for a
 * subform column). A formula depends on another when it references it (a reference to a subform
 * column `{s.c}` depends on the column formula `s.c`).
 */
export function checkFormulaGraph(formulas: Record<string, string | FormulaNode>): FormulaGraph {
  const keys = Object.keys(formulas);
  const isFormula = new Set(keys);
  const edges = new Map<string, string[]>();
  for (const key of keys) {
    const deps = new Set<string>();
    for (const ref of referencedFields(formulas[key])) if (isFormula.has(ref)) deps.add(ref);
    edges.set(key, [...deps]);
  }

  // Tarjan's strongly connected components: each component of size > 1, or with a self-edge, is a cycle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const onCycle = new Set<string>();
  const strongConnect = (v: string) => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) {
        cycles.push(component.reverse());
        for (const c of component) onCycle.add(c);
      }
    }
  };
  for (const k of keys) if (!indexOf.has(k)) strongConnect(k);

  // Post-order DFS gives dependencies first; formulas that read a cycle are still ordered (they get its error).
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (v: string) => {
    if (done.has(v)) return;
    done.add(v);
    for (const w of edges.get(v) ?? []) visit(w);
    if (!onCycle.has(v)) order.push(v);
  };
  for (const k of keys) visit(k);
  return { cycles, order };
}
