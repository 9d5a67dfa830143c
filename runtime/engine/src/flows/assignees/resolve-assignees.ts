import type { AssigneeGroup, AssigneeRule, Assignees } from '@formloom/model';
import { messageRef, serverMessage, type MessageRef } from '../../messages/server-messages.js';
import type { OrgDirectory } from './org-directory.js';

export interface AssigneeContext {
  org: OrgDirectory;
  initiatorId: string | null;
  /** The record the instance runs on (field values by key), or null. */
  record: Record<string, unknown> | null;
  /** Kind of a field of the record's form (member, members, department, departments …) for `field` rules. */
  fieldKind(field: string): string | undefined;
  /** Open task counts per user (for least_busy). */
  openTaskCounts(userIds: string[]): Promise<Map<string, number>>;
  /** Next turn of a round robin keyed by `key` (flowId:nodeId) over `count` candidates, persisted. */
  nextTurn(key: string, count: number): Promise<number>;
}

export type AssigneeResolution =
  | { outcome: 'assigned'; userIds: string[]; via: 'rules' | 'admin' }
  | { outcome: 'skip' }
  | { outcome: 'error'; message: string; i18n: MessageRef };

const DEPARTMENT_KINDS = new Set(['department', 'departments']);
const MEMBER_KINDS = new Set(['member', 'members']);

/**
 * Who gets the tasks of a node: the union of what every rule resolves to, in rule order, without
 * duplicates and without disabled users. When that is nobody, `whenEmpty` decides: skip the node,
 * give it to admins (the node's `adminUserIds`, else every admin), or stop with an error.
 * `key` identifies the node for round robins (flowId:nodeId); a node's second round-robin rule
 * keeps its own turn (`key#1`).
 */
export async function resolveAssignees(
  assignees: Assignees,
  ctx: AssigneeContext,
  key: string,
): Promise<AssigneeResolution> {
  const found: string[] = [];
  for (const [index, rule] of assignees.rules.entries())
    found.push(...(await resolveRule(rule, ctx, index ? `${key}#${index}` : key)));
  const userIds = await ctx.org.activeOnly(unique(found));
  if (userIds.length) return { outcome: 'assigned', userIds, via: 'rules' };
  if (assignees.whenEmpty === 'skip') return { outcome: 'skip' };
  if (assignees.whenEmpty === 'admin') {
    const admins = await ctx.org.activeOnly(
      unique(assignees.adminUserIds?.length ? assignees.adminUserIds : await ctx.org.adminUserIds()),
    );
    if (admins.length) return { outcome: 'assigned', userIds: admins, via: 'admin' };
    return errorOutcome(messageRef('flow.error.noAssigneeNoAdmin'));
  }
  return errorOutcome(messageRef('flow.error.noAssignee'));
}

function errorOutcome(i18n: MessageRef): AssigneeResolution {
  return { outcome: 'error', message: serverMessage(i18n), i18n };
}

/** The people one rule stands for (before disabled users are dropped, except where a rule picks one person). */
export async function resolveRule(rule: AssigneeRule, ctx: AssigneeContext, key: string): Promise<string[]> {
  switch (rule.type) {
    case 'users':
      return rule.userIds;
    case 'roles':
      return ctx.org.usersOfRoles(rule.roleIds);
    case 'departments':
      return ctx.org.usersOfDepartments(rule.deptIds);
    case 'initiator':
      return ctx.initiatorId ? [ctx.initiatorId] : [];
    case 'dept_head': {
      if (!ctx.initiatorId) return [];
      const dept = await ctx.org.mainDepartmentOf(ctx.initiatorId);
      const head = dept ? await ctx.org.headOf(dept, rule.levelsUp ?? 0) : null;
      return head ? [head] : [];
    }
    case 'manager_chain':
      return managerChain(rule, ctx);
    case 'field':
      return peopleOfField(rule.field, ctx);
    case 'round_robin': {
      const candidates = await groupMembers(rule.group, ctx);
      if (!candidates.length) return [];
      const turn = await ctx.nextTurn(key, candidates.length);
      return [candidates[((turn % candidates.length) + candidates.length) % candidates.length]];
    }
    case 'least_busy': {
      const candidates = await groupMembers(rule.group, ctx);
      if (!candidates.length) return [];
      const counts = await ctx.openTaskCounts(candidates);
      let best = candidates[0];
      for (const userId of candidates) if ((counts.get(userId) ?? 0) < (counts.get(best) ?? 0)) best = userId;
      return [best];
    }
    case 'rule_table': {
      const values = valuesOf(ctx.record?.[rule.field]);
      const matched = rule.rows.filter((row) => values.some((v) => String(v) === String(row.value)));
      if (matched.length) return matched.flatMap((row) => row.userIds);
      return rule.fallbackUserIds ?? [];
    }
  }
}

/**
 * Managers of the initiator, nearest first: `levels` of them (default 1 = the direct manager),
 * or — with `untilRoleId` — up to and including the first one holding that role (within
 * `levels` when both are given; the whole chain when no one holds the role).
 */
async function managerChain(rule: Extract<AssigneeRule, { type: 'manager_chain' }>, ctx: AssigneeContext) {
  if (!ctx.initiatorId) return [];
  const chain = await ctx.org.managerChain(ctx.initiatorId);
  const limit = rule.levels ?? (rule.untilRoleId ? chain.length : 1);
  const out: string[] = [];
  for (const manager of chain.slice(0, limit)) {
    out.push(manager);
    if (rule.untilRoleId && (await ctx.org.rolesOf(manager)).includes(rule.untilRoleId)) break;
  }
  return out;
}

/** The users in a member field, or the heads of the departments in a department field. */
async function peopleOfField(field: string, ctx: AssigneeContext): Promise<string[]> {
  const kind = ctx.fieldKind(field);
  const ids = valuesOf(ctx.record?.[field]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (kind && MEMBER_KINDS.has(kind)) return ids;
  if (kind && DEPARTMENT_KINDS.has(kind)) {
    const heads = await Promise.all(ids.map((dept) => ctx.org.headOf(dept, 0)));
    return heads.filter((h): h is string => !!h);
  }
  return [];
}

/** The active members of a group, sorted so turns and ties are stable. */
async function groupMembers(group: AssigneeGroup, ctx: AssigneeContext): Promise<string[]> {
  const members = [
    ...(group.userIds ?? []),
    ...(group.roleIds?.length ? await ctx.org.usersOfRoles(group.roleIds) : []),
    ...(group.deptIds?.length ? await ctx.org.usersOfDepartments(group.deptIds) : []),
  ];
  return (await ctx.org.activeOnly(unique(members))).sort();
}

function valuesOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
