import { FormloomError, type ConditionContext, type FlowDefinition, type FlowEdge } from '@formloom/model';
import type { FieldCatalogue } from '../conditions/field-catalogue.js';
import { evaluateCondition } from '../conditions/evaluate-condition.js';

export interface BranchEvaluation {
  edgeId: string;
  matched: boolean;
  isDefault: boolean;
}

export interface BranchChoice {
  edgeId: string;
  target: string;
  /** Every branch in the order tried (the default last): what it evaluated to. */
  evaluations: BranchEvaluation[];
}

/** Outgoing edges of a condition node in the order they are tried: by priority, then as drawn; the default last. */
export function branchOrder(definition: FlowDefinition, nodeId: string): FlowEdge[] {
  const out = definition.edges.map((edge, index) => ({ edge, index })).filter(({ edge }) => edge.source === nodeId);
  const rank = (e: FlowEdge) => (e.data?.isDefault ? 2 : e.data?.priority === undefined ? 1 : 0);
  return out
    .sort(
      (a, b) =>
        rank(a.edge) - rank(b.edge) || (a.edge.data?.priority ?? 0) - (b.edge.data?.priority ?? 0) || a.index - b.index,
    )
    .map(({ edge }) => edge);
}

/**
 * The branch a condition node takes for `record` (stored shape: field keys and `_` system
 * fields). Every non-default branch is evaluated (so a dry run can show each result); the first
 * match by priority wins; the default edge is taken when none matches. A non-default branch
 * without a condition always matches (the linter warns about it). Throws FormloomError
 * (`noBranch`) when none matches and there is no default. `fields` is the catalogue of the
 * flow's form: conditions are compiled against it.
 */
export function chooseBranch(
  definition: FlowDefinition,
  nodeId: string,
  record: Record<string, unknown>,
  ctx: ConditionContext,
  fields: FieldCatalogue,
): BranchChoice {
  const edges = branchOrder(definition, nodeId);
  const evaluations: BranchEvaluation[] = [];
  let chosen: FlowEdge | undefined;
  for (const edge of edges) {
    if (edge.data?.isDefault) continue;
    const condition = edge.data?.condition;
    const matched = condition === undefined ? true : evaluateCondition(condition, record, fields, ctx);
    evaluations.push({ edgeId: edge.id, matched, isDefault: false });
    if (matched && !chosen) chosen = edge;
  }
  const fallback = edges.find((e) => e.data?.isDefault);
  if (fallback) evaluations.push({ edgeId: fallback.id, matched: !chosen, isDefault: true });
  chosen ??= fallback;
  if (!chosen)
    throw new FormloomError('BAD_REQUEST', `No branch of condition "${nodeId}" matches and it has no default`, [
      { path: `nodes.${nodeId}`, rule: 'noBranch', message: 'No branch matches and there is no default branch' },
    ]);
  return { edgeId: chosen.id, target: chosen.target, evaluations };
}
