import type { TFunction } from 'i18next';
import { BUILTIN_FLOW_NODE_KINDS } from '@formloom/model';

const KINDS = new Set<string>(BUILTIN_FLOW_NODE_KINDS);

/**
 * A step's name as people read it. The server names a step without a label of its own by its
 * node kind (`start`, `condition`, `end` …); those are shown as the kind's name in the user's
 * language ("发起", "条件分支") instead of the internal word.
 */
export function nodeLabelText(label: string | null | undefined, t: TFunction): string {
  if (!label) return '';
  return KINDS.has(label) ? t(`tasks.flow.kinds.${label}`, { defaultValue: label }) : label;
}
