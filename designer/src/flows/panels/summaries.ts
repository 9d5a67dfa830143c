import type { AssigneeGroup, AssigneeRule, Assignees, TaskDeadline } from '@formloom/model';
import { formatDuration } from './durations.js';

/** i18next's `t`, reduced to what the summaries need (so pure tests can pass a fake). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Names to show instead of ids; anything missing is shown by its id. */
export interface SummaryNames {
  users?: Record<string, string>;
  roles?: Record<string, string>;
  departments?: Record<string, string>;
  /** Field key → label of the flow's form. */
  fields?: Record<string, string>;
}

const S = 'flowPanels.assignees.summary';
const MAX_NAMES = 3;

function nameList(ids: readonly string[], names: Record<string, string> | undefined, t: Translate): string {
  const shown = ids.slice(0, MAX_NAMES).map((id) => names?.[id] ?? id);
  const rest = ids.length - shown.length;
  return shown.join(t(`${S}.separator`)) + (rest > 0 ? ` +${rest}` : '');
}

function groupSummary(group: AssigneeGroup, names: SummaryNames, t: Translate): string {
  const parts = [
    ...(group.userIds ?? []).map((id) => names.users?.[id] ?? id),
    ...(group.roleIds ?? []).map((id) => names.roles?.[id] ?? id),
    ...(group.deptIds ?? []).map((id) => names.departments?.[id] ?? id),
  ];
  if (parts.length === 0) return t(`${S}.groupEmpty`);
  return nameList(parts, undefined, t);
}

/** One rule in a few words: "Role: Finance", "2 level(s) of managers", "People in field Owner". */
export function summarizeRule(rule: AssigneeRule, t: Translate, names: SummaryNames = {}): string {
  switch (rule.type) {
    case 'users':
      return rule.userIds.length > 0 && names.users
        ? t(`${S}.usersNamed`, { names: nameList(rule.userIds, names.users, t) })
        : t(`${S}.users`, { count: rule.userIds.length });
    case 'roles':
      return t(`${S}.roles`, { names: nameList(rule.roleIds, names.roles, t) });
    case 'departments':
      return t(`${S}.departments`, { names: nameList(rule.deptIds, names.departments, t) });
    case 'dept_head':
      return rule.levelsUp ? t(`${S}.dept_head_up`, { count: rule.levelsUp }) : t(`${S}.dept_head`);
    case 'manager_chain':
      return rule.untilRoleId
        ? t(`${S}.manager_until`, { role: names.roles?.[rule.untilRoleId] ?? rule.untilRoleId })
        : t(`${S}.manager_chain`, { count: rule.levels ?? 1 });
    case 'initiator':
      return t(`${S}.initiator`);
    case 'field':
      return t(`${S}.field`, { field: names.fields?.[rule.field] ?? rule.field });
    case 'round_robin':
      return t(`${S}.round_robin`, { group: groupSummary(rule.group, names, t) });
    case 'least_busy':
      return t(`${S}.least_busy`, { group: groupSummary(rule.group, names, t) });
    case 'rule_table':
      return t(`${S}.rule_table`, { field: names.fields?.[rule.field] ?? rule.field, count: rule.rows.length });
  }
}

/**
 * Who gets the task, in one line: "Role: Finance, Initiator". Nodes on the canvas show it
 * (D1's node components), as does the assignee picker's header.
 */
export function summarizeAssignees(assignees: Assignees | undefined, t: Translate, names: SummaryNames = {}): string {
  const rules = assignees?.rules ?? [];
  if (rules.length === 0) return t(`${S}.nobody`);
  return rules.map((rule) => summarizeRule(rule, t, names)).join(t(`${S}.separator`));
}

/** "Any one (或签)", "Vote ≥ 60%". */
export function summarizeMode(mode: string | undefined, votePercent: number | undefined, t: Translate): string {
  if (mode === 'vote') return t('flowPanels.mode.summaryVote', { percent: votePercent ?? 50 });
  return t(`flowPanels.mode.${mode ?? 'any'}`);
}

/** "Due in 2 d", or an empty string without a due time. */
export function summarizeDeadline(deadline: TaskDeadline | undefined, t: Translate): string {
  if (deadline?.dueAfterMs === undefined) return '';
  return t('flowPanels.deadline.summary', { duration: formatDuration(deadline.dueAfterMs, t) });
}
