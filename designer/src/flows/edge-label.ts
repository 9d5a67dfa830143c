import type { FieldMeta, FlowEdgeData } from '@formloom/model';
import type { BoxSize } from './auto-layout.js';
import { conditionSummary } from './panels/condition-summary.js';
import type { Translate } from './panels/summaries.js';

/** The words on an edge: the builder's label, else for a branch its condition in words or "default". */
export function edgeLabelText(
  label: unknown,
  flow: FlowEdgeData | undefined,
  branchIndex: number | null,
  fields: Record<string, FieldMeta>,
  t: Translate,
): string {
  if (typeof label === 'string' && label) return label;
  if (branchIndex === null) return '';
  if (flow?.isDefault) return t('flows.edge.default');
  if (!flow?.condition || flow.condition.cond.length === 0) return t('flows.edge.noCondition');
  return conditionSummary(flow.condition, fields, t);
}

/** The label pill's size (12 px text, padding, the order badge; CSS caps it at 220 px), for ELK to keep room. */
export function edgeLabelSize(text: string, withOrder: boolean): BoxSize {
  let width = 18 + (withOrder ? 20 : 0);
  for (const ch of text) width += /[\u2e80-\uffff]/.test(ch) ? 12 : 7;
  return { width: Math.min(220, Math.ceil(width)), height: 20 };
}
