import type { AssigneeRule, Assignees, FlowTrigger, TaskDeadline } from '@formloom/model';

/** One line a node card shows: an i18n key under `flows.summary.` and its params. */
export interface SummaryLine {
  key: string;
  params?: Record<string, string | number>;
  /** Shown in the warning colour (e.g. nobody chosen yet). */
  warn?: boolean;
  /** How many more rules the line stands for ("+2"). */
  more?: number;
}

/** How the card names things it only has ids of. */
export interface NameLookup {
  user(id: string): string;
  department(id: string): string;
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

function names(ids: string[], name: (id: string) => string): string {
  const shown = ids.slice(0, 2).map(name).join(', ');
  return ids.length > 2 ? `${shown} +${ids.length - 2}` : shown;
}

function ruleLine(rule: AssigneeRule, lookup: NameLookup): SummaryLine {
  switch (rule.type) {
    case 'users':
      return { key: 'rule.users', params: { names: names(rule.userIds, lookup.user) } };
    case 'roles':
      return { key: 'rule.roles', params: { count: rule.roleIds.length } };
    case 'departments':
      return { key: 'rule.departments', params: { names: names(rule.deptIds, lookup.department) } };
    case 'dept_head':
      return { key: 'rule.dept_head', params: { levels: rule.levelsUp ?? 0 } };
    case 'manager_chain':
      return { key: 'rule.manager_chain', params: { levels: rule.levels ?? 1 } };
    case 'initiator':
      return { key: 'rule.initiator' };
    case 'field':
    case 'rule_table':
      return { key: `rule.${rule.type}`, params: { field: lookup.field(rule.field) } };
    case 'round_robin':
    case 'least_busy':
      return { key: `rule.${rule.type}` };
  }
}

/** Who: the first rule (and how many more), or a warning when nobody is chosen. */
export function assigneesLine(assignees: Assignees | undefined, lookup: NameLookup): SummaryLine {
  const rules = assignees?.rules ?? [];
  if (rules.length === 0) return { key: 'nobody', warn: true };
  const first = ruleLine(rules[0], lookup);
  return rules.length > 1 ? { ...first, more: rules.length - 1 } : first;
}

function deadlineLine(deadline: TaskDeadline | undefined): SummaryLine | null {
  if (!deadline?.dueAfterMs) return null;
  const { n, unit } = durationParts(deadline.dueAfterMs);
  return { key: `deadline.${unit}`, params: { n } };
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
        lines.push({ key: `wait.${unit}`, params: { n } });
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
