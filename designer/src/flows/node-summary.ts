import type { AssigneeRule, Assignees, FlowTrigger, TaskDeadline } from '@formloom/model';
import type { SummaryNames } from './panels/summaries.js';

/** One line a node card shows: an i18n key under `flows.summary.` and its params. */
export interface SummaryLine {
  key: string;
  params?: Record<string, string | number>;
  /** Shown in the warning colour (e.g. nobody chosen yet). */
  warn?: boolean;
  /** How many more rules the line stands for ("+2"). */
  more?: number;
  /** An assignee rule, said as the panels say it (`summarizeRule` with these names) instead of the key. */
  rule?: AssigneeRule;
  names?: SummaryNames;
}

/** How the card names things it only has ids of. */
export interface NameLookup {
  user(id: string): string;
  department(id: string): string;
  role(id: string): string;
  field(key: string): string;
  form(id: string): string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A duration as the largest whole unit: `{n, unit: 'd' | 'h' | 'm'}`. */
export function durationParts(ms: number): { n: number; unit: 'd' | 'h' | 'm' } {
  if (ms >= DAY && ms % DAY === 0) return { n: ms / DAY, unit: 'd' };
  if (ms >= HOUR && ms % HOUR === 0) return { n: ms / HOUR, unit: 'h' };
  return { n: Math.max(1, Math.round(ms / 60_000)), unit: 'm' };
}

/** The names a rule shows (people, roles, departments, fields), looked up by id. */
function ruleNames(rule: AssigneeRule, lookup: NameLookup): SummaryNames {
  const userIds: string[] = [];
  const roleIds: string[] = [];
  const deptIds: string[] = [];
  const fieldKeys: string[] = [];
  switch (rule.type) {
    case 'users':
      userIds.push(...rule.userIds);
      break;
    case 'roles':
      roleIds.push(...rule.roleIds);
      break;
    case 'departments':
      deptIds.push(...rule.deptIds);
      break;
    case 'manager_chain':
      if (rule.untilRoleId) roleIds.push(rule.untilRoleId);
      break;
    case 'field':
    case 'rule_table':
      fieldKeys.push(rule.field);
      break;
    case 'round_robin':
    case 'least_busy':
      userIds.push(...(rule.group.userIds ?? []));
      roleIds.push(...(rule.group.roleIds ?? []));
      deptIds.push(...(rule.group.deptIds ?? []));
      break;
    default:
      break;
  }
  const map = (ids: string[], name: (id: string) => string) => Object.fromEntries(ids.map((id) => [id, name(id)]));
  return {
    users: map(userIds, lookup.user),
    roles: map(roleIds, lookup.role),
    departments: map(deptIds, lookup.department),
    fields: map(fieldKeys, lookup.field),
  };
}

/**
 * Who: the first rule in the panels' words (`summarizeRule`, with names) and how many more, or a
 * warning when nobody is chosen.
 */
export function assigneesLine(assignees: Assignees | undefined, lookup: NameLookup): SummaryLine {
  const rules = assignees?.rules ?? [];
  if (rules.length === 0) return { key: 'nobody', warn: true };
  const line: SummaryLine = { key: 'rule', rule: rules[0], names: ruleNames(rules[0], lookup) };
  return rules.length > 1 ? { ...line, more: rules.length - 1 } : line;
}

function deadlineLine(deadline: TaskDeadline | undefined): SummaryLine | null {
  if (!deadline?.dueAfterMs) return null;
  const { n, unit } = durationParts(deadline.dueAfterMs);
  return { key: `deadline.${unit}`, params: { count: n } };
}

function triggerLine(trigger: FlowTrigger | undefined, lookup: NameLookup): SummaryLine {
  if (!trigger) return { key: 'trigger.none', warn: true };
  if (trigger.type === 'schedule') return { key: 'trigger.schedule', params: { cron: trigger.cron } };
  return { key: `trigger.${trigger.type}`, params: { form: trigger.formId ? lookup.form(trigger.formId) : '—' } };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * What a node card shows at a glance, per kind: who approves and how (any/all/sequence/vote), the
 * deadline, the trigger, the target form, the channels … Plugin kinds show nothing extra.
 */
export function nodeSummary(kind: string, data: Record<string, unknown>, lookup: NameLookup): SummaryLine[] {
  const lines: SummaryLine[] = [];
  switch (kind) {
    case 'approval':
    case 'handle': {
      lines.push(assigneesLine(data.assignees as Assignees | undefined, lookup));
      const mode = str(data.mode) || 'any';
      lines.push({ key: `mode.${mode}`, params: { percent: Number(data.votePercent ?? 0) } });
      const deadline = deadlineLine(data.deadline as TaskDeadline | undefined);
      if (deadline) lines.push(deadline);
      break;
    }
    case 'cc':
      lines.push(assigneesLine(data.assignees as Assignees | undefined, lookup));
      break;
    case 'notify': {
      lines.push(assigneesLine(data.recipients as Assignees | undefined, lookup));
      const channels = Array.isArray(data.channels) ? (data.channels as string[]) : [];
      if (channels.length > 0) lines.push({ key: `channels.${[...channels].sort().join('_')}` });
      break;
    }
    case 'trigger':
      lines.push(triggerLine(data.trigger as FlowTrigger | undefined, lookup));
      break;
    case 'create_record':
      lines.push(
        str(data.formId)
          ? { key: 'form', params: { form: lookup.form(str(data.formId)) } }
          : { key: 'noForm', warn: true },
      );
      lines.push({
        key: 'fieldsMapped',
        params: { count: Object.keys((data.fieldMap as object | undefined) ?? {}).length },
      });
      break;
    case 'update_records':
    case 'delete_records': {
      const target = data.target as { type?: string; formId?: string } | undefined;
      lines.push(
        target?.type === 'find'
          ? { key: 'targetFind', params: { form: lookup.form(str(target.formId)) } }
          : { key: 'targetThis' },
      );
      if (kind === 'update_records')
        lines.push({
          key: 'fieldsMapped',
          params: { count: Object.keys((data.fieldMap as object | undefined) ?? {}).length },
        });
      break;
    }
    case 'upsert_record': {
      const finder = data.finder as { formId?: string } | undefined;
      lines.push(
        str(finder?.formId)
          ? { key: 'form', params: { form: lookup.form(str(finder?.formId)) } }
          : { key: 'noForm', warn: true },
      );
      break;
    }
    case 'webhook': {
      const url = str(data.url);
      const host = hostOf(url);
      lines.push(host ? { key: 'url', params: { host } } : { key: 'noUrl', warn: true });
      break;
    }
    case 'delay': {
      if (typeof data.durationMs === 'number') {
        const { n, unit } = durationParts(data.durationMs);
        lines.push({ key: `wait.${unit}`, params: { count: n } });
      } else if (str(data.untilField))
        lines.push({ key: 'waitUntil', params: { field: lookup.field(str(data.untilField)) } });
      break;
    }
    case 'subflow':
      lines.push({ key: `subflow.${str(data.mode) || 'sync'}` });
      break;
    case 'end':
      lines.push({ key: `result.${str(data.result) || 'ended'}` });
      break;
    default:
      break;
  }
  return lines;
}
