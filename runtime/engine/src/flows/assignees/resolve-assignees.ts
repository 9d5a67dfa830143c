import type { Assignees } from '@formloom/model';
import type { OrgDirectory } from './org-directory.js';

export interface AssigneeContext {
  org: OrgDirectory;
  initiatorId: string | null;
  /** The record the instance runs on (field values by key), or null. */
  record: Record<string, unknown> | null;
  /** Kind of a field of the record's form (member, member_multi, department, … ) for `field` rules. */
  fieldKind(field: string): string | undefined;
  /** Open task counts per user (for least_busy). */
  openTaskCounts(userIds: string[]): Promise<Map<string, number>>;
  /** Next turn of a round robin keyed by `key` (flowId:nodeId) over `count` candidates, persisted. */
  nextTurn(key: string, count: number): Promise<number>;
}

export type AssigneeResolution =
  | { outcome: 'assigned'; userIds: string[]; via: 'rules' | 'admin' }
  | { outcome: 'skip' }
  | { outcome: 'error'; message: string };

/** Who gets the tasks of a node. `key` identifies the node for round robins (flowId:nodeId). */
export async function resolveAssignees(
  assignees: Assignees,
  ctx: AssigneeContext,
  key: string,
): Promise<AssigneeResolution> {
  void assignees;
  void ctx;
  void key;
  return Promise.reject(new Error('not implemented'));
}
