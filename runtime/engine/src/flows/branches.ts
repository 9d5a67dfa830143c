import type { ConditionContext, FlowDefinition } from '@formloom/model';
import type { FieldCatalogue } from '../conditions/field-catalogue.js';

export interface BranchChoice {
  edgeId: string;
  target: string;
  evaluations: Array<{ edgeId: string; matched: boolean; isDefault: boolean }>;
}

/**
 * The branch a condition node takes for `record` (stored shape). Edges are tried by priority;
 * the default edge is taken when none matches; throws FormloomError when no default and none
 * matched. `fields` is the catalogue of the flow's form (conditions are compiled against it).
 */
export function chooseBranch(
  definition: FlowDefinition,
  nodeId: string,
  record: Record<string, unknown>,
  ctx: ConditionContext,
  fields: FieldCatalogue,
): BranchChoice {
  void definition;
  void nodeId;
  void record;
  void ctx;
  void fields;
  throw new Error('not implemented');
}
