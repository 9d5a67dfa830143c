import type { Condition } from './condition.js';

/**
 * A flow definition is React Flow's own document: `{nodes, edges}` with each node's
 * configuration in `node.data` and branch conditions on `edge.data`, so the designer's state
 * and the engine's input are the same JSON. A meta-schema in @formloom/engine validates it and
 * a linter checks it on every publish (the same linter the flow designer runs while editing).
 *
 * A flow is either bound to a form (mode `process`: submitting a record of that form starts an
 * instance; its first node is `start`) or started by a trigger (mode `automation`: its first
 * node is `trigger`, and it has no human nodes).
 */
export type FlowMode = 'process' | 'automation';

export interface FlowPosition {
  x: number;
  y: number;
}

/** A React Flow node; `type` is the node kind (a key of the node-kind registry). */
export interface FlowNode<D = Record<string, unknown>> {
  id: string;
  type: string;
  position: FlowPosition;
  data: D;
}

export interface FlowEdgeData {
  /** Outgoing edges of a condition node: the branch condition, in the one condition language. */
  condition?: Condition;
  /** Outgoing edges of a condition node: lower is tried first. */
  priority?: number;
  /** Outgoing edges of a condition node: taken when no other branch matches (exactly one per condition node). */
  isDefault?: boolean;
}

/** A React Flow edge. */
export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
  label?: string;
  data?: FlowEdgeData;
}

export interface FlowDefinition {
  mode: FlowMode;
  /** process: the form whose records start it. */
  formId?: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** The node kinds the engine ships; plugins register more in the same registry. */
export const BUILTIN_FLOW_NODE_KINDS = [
  'start',
  'trigger',
  'approval',
  'handle',
  'cc',
  'condition',
  'parallel',
  'join',
  'create_record',
  'update_records',
  'upsert_record',
  'delete_records',
  'notify',
  'webhook',
  'delay',
  'subflow',
  'end',
] as const;
export type BuiltinFlowNodeKind = (typeof BUILTIN_FLOW_NODE_KINDS)[number];

/* ------------------------------------------------------------------ who gets a task */

/** A set of people given directly or through roles and departments. */
export interface AssigneeGroup {
  userIds?: string[];
  roleIds?: string[];
  /** Every member of these departments. */
  deptIds?: string[];
}

export type AssigneeRule =
  | { type: 'users'; userIds: string[] }
  | { type: 'roles'; roleIds: string[] }
  | { type: 'departments'; deptIds: string[] }
  /** The head of the initiator's (main) department; `levelsUp` 0 = that department, 1 = its parent… */
  | { type: 'dept_head'; levelsUp?: number }
  /**
   * The initiator's manager chain: managers up to `levels` levels (1 = direct manager), or up
   * to and including the first manager holding `untilRoleId`.
   */
  | { type: 'manager_chain'; levels?: number; untilRoleId?: string }
  | { type: 'initiator' }
  /** The people in a member field, or the heads of a department field, of the record. */
  | { type: 'field'; field: string }
  /** One member of the group, taking turns (state kept per flow node). */
  | { type: 'round_robin'; group: AssigneeGroup }
  /** The member of the group with the fewest open tasks. */
  | { type: 'least_busy'; group: AssigneeGroup }
  /** A rule table: the record's `field` value picks the people (e.g. sales territory → owner). */
  | {
      type: 'rule_table';
      field: string;
      rows: Array<{ value: string | number | boolean; userIds: string[] }>;
      fallbackUserIds?: string[];
    };

export interface Assignees {
  /** Union of the people every rule resolves to, in rule order, without duplicates. */
  rules: AssigneeRule[];
  /** When the rules resolve to nobody: skip the node, give it to admins, or stop the instance with an error. */
  whenEmpty: 'skip' | 'admin' | 'error';
  /** whenEmpty 'admin': these users (default: every user with the `admin` permission). */
  adminUserIds?: string[];
}

/* ------------------------------------------------------------------ human nodes */

/** What a task holder may do with a field at this node. Fields not listed are read-only. */
export type FieldPermission = 'hidden' | 'read' | 'edit' | 'required';

export const APPROVAL_ACTIONS = ['approve', 'reject', 'return', 'transfer', 'add_signer', 'comment', 'urge'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * Deadline of each task at a node. Durations in milliseconds. Reminders repeat every
 * `remindEveryMs` after `remindAfterMs` until the task is done or falls due; at `dueAfterMs`
 * the task is auto-approved, auto-rejected, returned, or escalated (reassigned to `escalateTo`).
 */
export interface TaskDeadline {
  remindAfterMs?: number;
  remindEveryMs?: number;
  dueAfterMs?: number;
  onDue?: 'approve' | 'reject' | 'return' | 'escalate';
  escalateTo?: Assignees;
}

export interface ApprovalNodeData {
  label?: string;
  assignees: Assignees;
  /** any one (或签), all (会签), in sequence (依次), or a vote threshold (`votePercent`). */
  mode: 'any' | 'all' | 'sequence' | 'vote';
  votePercent?: number;
  /** Actions offered at this node besides approve (default: all). */
  actions?: ApprovalAction[];
  /** Reject ends the instance as rejected (default) or returns to a configured earlier node. */
  rejectTo?: { type: 'end' } | { type: 'node'; nodeId: string };
  /** Return goes to the previous human node, any earlier node the user picks, or the initiator. */
  returnTo?: 'previous' | 'any' | 'initiator';
  fieldPermissions?: Record<string, FieldPermission>;
  autoSkip?: { approvedBefore?: boolean; initiator?: boolean };
  /** A handwritten signature is required with approve/reject. */
  signatureRequired?: boolean;
  deadline?: TaskDeadline;
}

/** An assignment (办理): the assignee fills or edits fields and submits. */
export interface HandleNodeData {
  label?: string;
  assignees: Assignees;
  mode: 'any' | 'all';
  actions?: ApprovalAction[];
  returnTo?: 'previous' | 'any' | 'initiator';
  fieldPermissions?: Record<string, FieldPermission>;
  deadline?: TaskDeadline;
}

export interface CcNodeData {
  label?: string;
  assignees: Assignees;
  fieldPermissions?: Record<string, FieldPermission>;
}

export interface StartNodeData {
  label?: string;
  /** What the initiator may edit when the instance is returned to them. */
  fieldPermissions?: Record<string, FieldPermission>;
}

export type FlowTrigger =
  | { type: 'record_created'; formId: string; condition?: Condition }
  | {
      type: 'record_updated';
      formId: string;
      /** Only when one of these fields changed (default: any change). */
      fields?: string[];
      condition?: Condition;
    }
  | { type: 'record_deleted'; formId: string }
  /** Cron (5 or 6 fields) in `tz` (default UTC). */
  | { type: 'schedule'; cron: string; tz?: string }
  /** A button on the record page of `formId`. */
  | { type: 'button'; formId: string; buttonLabel: string };

export interface TriggerNodeData {
  label?: string;
  trigger: FlowTrigger;
}

/* ------------------------------------------------------------------ action nodes */

/** Where an action takes a value from. */
export type ValueSource =
  | { from: 'value'; value: unknown }
  /** A field of the record the instance runs on (the triggering record). */
  | { from: 'field'; field: string }
  /** A formula in the one formula language over the triggering record's fields. */
  | { from: 'formula'; formula: string }
  /** The instance's initiator / the current time. */
  | { from: 'initiator' }
  | { from: 'now' };

/** Records of `formId` whose fields equal the given sources and that match `condition`. */
export interface RecordFinder {
  formId: string;
  match?: Array<{ field: string; source: ValueSource }>;
  condition?: Condition;
}

export interface CreateRecordNodeData {
  label?: string;
  formId: string;
  /** Target field → value source. */
  fieldMap: Record<string, ValueSource>;
}

export interface UpdateRecordsNodeData {
  label?: string;
  /** The triggering record, or records found by a finder. */
  target: { type: 'trigger' } | ({ type: 'find' } & RecordFinder);
  fieldMap: Record<string, ValueSource>;
}

export interface UpsertRecordNodeData {
  label?: string;
  finder: RecordFinder;
  fieldMap: Record<string, ValueSource>;
}

export interface DeleteRecordsNodeData {
  label?: string;
  target: { type: 'trigger' } | ({ type: 'find' } & RecordFinder);
}

/** Subject and body are handlebars templates (rendered with the record, the task and a link). */
export interface NotifyNodeData {
  label?: string;
  recipients: Assignees;
  channels: Array<'inapp' | 'email'>;
  subject: string;
  body: string;
}

export interface WebhookNodeData {
  label?: string;
  url: string;
  /** A handlebars template producing the JSON body; default: the record and instance as JSON. */
  bodyTemplate?: string;
  headers?: Record<string, string>;
}

export interface DelayNodeData {
  label?: string;
  /** Wait this long, or until the date in `untilField` (plus `offsetMs`, which may be negative). */
  durationMs?: number;
  untilField?: string;
  offsetMs?: number;
}

export interface SubflowNodeData {
  label?: string;
  flowId: string;
  /** sync waits for the subflow's instance to end; async goes on at once. */
  mode: 'sync' | 'async';
  /** The subflow runs on a record linked from this one, or on a newly created record. */
  record: { type: 'link'; field: string } | { type: 'create'; formId: string; fieldMap: Record<string, ValueSource> };
}

export interface EndNodeData {
  label?: string;
  result: 'approved' | 'rejected' | 'ended';
}

/** Condition, parallel split and join carry only a label; branches live on the edges. */
export interface PlainNodeData {
  label?: string;
}
