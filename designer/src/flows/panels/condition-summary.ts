import type { Condition, FieldMeta } from '@formloom/model';
import { isConditionGroup } from '@formloom/model';
import type { Translate } from './summaries.js';

function valueText(value: unknown, meta: FieldMeta | undefined): string {
  const label = (v: unknown) => meta?.options?.find((o) => o.value === v)?.label ?? String(v);
  if (Array.isArray(value)) return value.map(label).join(', ');
  return value === undefined || value === null ? '' : label(value);
}

/** A condition in words: "Amount greater than 10000 and Type is any of A, B" (D1 may use it for edge labels). */
export function conditionSummary(condition: Condition, fields: Record<string, FieldMeta>, t: Translate): string {
  const joiner = condition.rel === 'or' ? ' | ' : ' & ';
  return condition.cond
    .map((c) => {
      if (isConditionGroup(c)) return `(${conditionSummary(c, fields, t)})`;
      const meta = fields[c.field];
      const method = t(`visibility.methods.${c.method}`);
      const value = valueText(c.value, meta);
      return [meta?.label || c.field, method, value].filter(Boolean).join(' ');
    })
    .join(joiner);
}
