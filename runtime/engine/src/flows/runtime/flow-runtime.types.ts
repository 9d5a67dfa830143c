import type { Doc, FieldPermission } from '@formloom/model';
import type { MessageRef } from '../../messages/server-messages.js';

/** Store collections and queues of the flow runtime. */
export const FLOW_INSTANCES = 'flow_instances';
export const FLOW_TASKS = 'flow_tasks';
export const FLOW_TIMERS = 'flow_timers';
export const FLOW_JOURNAL = 'flow_journal';
export const FLOW_STEPS = 'flow_steps';
export const FLOW_COUNTERS = 'flow_counters';
export const FLOW_SCHEDULES = 'flow_schedules';
/** Messages of committed transitions not yet handed to the Notifier (see flow-outbox.ts). */
export const FLOW_OUTBOX = 'flow_outbox';
export const FLOW_STEPS_QUEUE = 'flow-steps';
export const FLOW_TIMERS_QUEUE = 'flow-timers';
export const FLOW_SCHEDULE_QUEUE = 'flow-schedules';

export type InstanceStatus = 'running' | 'approved' | 'rejected' | 'ended' | 'withdrawn' | 'cancelled' | 'failed';
export const FINISHED_STATUSES: readonly InstanceStatus[] = ['approved', 'rejected', 'ended', 'withdrawn', 'cancelled'];

/** What a waiting token waits for. */
export type TokenWait =
  { kind: 'tasks' } | { kind: 'timer'; timerId: string } | { kind: 'subflow'; childId: string } | { kind: 'join' };

/** One open parallel split a token is inside: the join merges `count` tokens of the same `forkId`. */
export interface ForkFrame {
  forkId: string;
  count: number;
  /** The token's trail length at the split: the trail from here on is this branch's (absent before this field existed). */
  trailStart?: number;
}

/**
 * A token: a position in the flow graph. `step` counts the token's moves; the step job that
 * executes the token's current node has the deterministic id `${instanceId}:${tokenId}:${step}`.
 */
export interface TokenState {
  id: string;
  nodeId: string;
  step: number;
  /** ready: a step job runs its node; waiting: parked (tasks, timer, subflow, join); done/cancelled: gone; failed: its step failed for good. */
  status: 'ready' | 'waiting' | 'done' | 'cancelled' | 'failed';
  wait?: TokenWait;
  forks: ForkFrame[];
  /** Human nodes (and start) this token passed, oldest first: where "return" may go. */
  trail: string[];
  /** A node was entered again by a return: start/human nodes treat it as a re-visit. */
  returned?: boolean;
}

export interface InstanceError {
  /** English. */
  message: string;
  /** The message by key, worded in the reader's language (absent for errors of unknown text, e.g. thrown ones). */
  i18n?: MessageRef;
  code?: string;
  tokenId?: string;
  nodeId?: string;
  stepId?: string;
  at: string;
}

export interface FlowInstanceDoc extends Doc {
  flowId: string;
  flowVersion: number;
  flowName: string;
  appId: string;
  mode: 'process' | 'automation';
  formId: string | null;
  recordId: string | null;
  initiatorId: string | null;
  /** For the inbox: the flow's name and the record's title. */
  title: string;
  status: InstanceStatus;
  /** Compare-and-set counter: every transition writes `revision + 1` where `revision` still is what it read. */
  revision: number;
  tokens: TokenState[];
  tokenSeq: number;
  /** Users who approved a task in this instance (auto-skip "approved before"). */
  approvedBy: string[];
  /** Automation depth: writes this instance makes carry depth + 1. */
  depth: number;
  /** A subflow's parent waiting on it (sync) or not (async). */
  parent: { instanceId: string; tokenId: string; step: number; sync: boolean } | null;
  /** Why it started: 'submit', 'record_created', 'schedule', 'button', 'subflow', 'api'. */
  cause: string;
  error: InstanceError | null;
  lastUrgedAt: string | null;
  /** Timers ever created for this instance (0: nothing to cancel, no timer query needed). Absent on old documents. */
  timerCount?: number;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export type TaskKind = 'approval' | 'handle' | 'cc' | 'resubmit';
export type TaskStatus =
  | 'pending'
  | 'queued'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'submitted'
  | 'transferred'
  | 'cancelled'
  | 'skipped'
  | 'cc';
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['pending', 'queued'];

/** How a task came to be: from the node's rules, or from an action on another task. */
export type TaskOrigin = 'rule' | 'before' | 'after' | 'alongside' | 'transfer' | 'escalate';

export interface FlowTaskDoc extends Doc {
  instanceId: string;
  flowId: string;
  flowName: string;
  appId: string;
  formId: string | null;
  recordId: string | null;
  title: string;
  initiatorId: string | null;
  nodeId: string;
  /** The builder's label of the node; null for an unlabelled one (older tasks stored the kind here). */
  nodeLabel: string | null;
  /** The node's kind (`approval`, `handle` …): names an unlabelled step. Absent on older tasks. */
  nodeKind?: string;
  tokenId: string;
  /** The step that activated the node: all tasks of one activation decide together. */
  activation: string;
  kind: TaskKind;
  assigneeId: string;
  status: TaskStatus;
  origin: TaskOrigin;
  /** Sequence mode: the order in which tasks become pending. */
  order: number;
  /** Stays queued until this task is approved (add signer before/after). */
  blockedBy: string | null;
  /** Approve/reject without a person (deadline, auto-skip). */
  auto: string | null;
  comment: string | null;
  signatureFileId: string | null;
  createdAt: string;
  actedAt: string | null;
  actedBy: string | null;
  /** CC tasks: when the recipient opened it. */
  readAt: string | null;
  fieldPermissions: Record<string, FieldPermission>;
  dueAt: string | null;
  remindCount: number;
  lastUrgedAt: string | null;
}

export type TimerKind = 'remind' | 'due' | 'delay';

export interface FlowTimerDoc extends Doc {
  instanceId: string;
  kind: TimerKind;
  taskId: string | null;
  tokenId: string | null;
  /** The token's step the timer belongs to (delay). */
  step: number | null;
  dueAt: string;
  status: 'pending' | 'fired' | 'cancelled';
  firedAt: string | null;
  /** remind: which reminder this is (1, 2, …). */
  seq: number;
}

export type JournalType = 'started' | 'step' | 'task' | 'action' | 'timer' | 'job' | 'error' | 'ended' | 'note';

export interface FlowJournalDoc extends Doc {
  instanceId: string;
  at: string;
  type: JournalType;
  nodeId: string | null;
  tokenId: string | null;
  stepId: string | null;
  userId: string | null;
  /** English text (for API consumers and entries written before `i18n` existed). */
  message: string;
  /** The text by key and params, worded in the reader's language (`@formloom/engine/messages`). */
  i18n?: MessageRef;
  data: Record<string, unknown>;
}

/** Marker that a step was applied (`_id` = the step id): a redelivered job finds it and does nothing. */
export interface FlowStepDoc extends Doc {
  instanceId: string;
  appliedAt: string;
  outcome: string;
}

export interface StepJobData {
  instanceId: string;
  tokenId: string;
  step: number;
}

export const stepId = (instanceId: string, tokenId: string, step: number): string => `${instanceId}:${tokenId}:${step}`;

/**
 * Journal ids sort in the order things happened within an instance: `<instance>:<revision>:<n>`
 * for the entries of the transition that wrote `revision`, `<instance>:<revision>:x<id>` for
 * entries written beside it (errors, ignored jobs) after that revision.
 */
export function journalId(instanceId: string, revision: number, suffix: string): string {
  return `${instanceId}:${String(revision).padStart(9, '0')}:${suffix}`;
}
