import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable } from '../../server/schemas.js';
import { RecordViewSchema } from '../../records/record-schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
/** Task ids are derived from step ids: `<instance>:<token>:<step>:<n>`. */
const TaskId = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_:.-]+$' });

export const InstanceParams = Type.Object({ instanceId: Id });
export const TaskParams = Type.Object({ taskId: TaskId });
export const FlowParams = Type.Object({ flowId: Id });
export const BoxParams = Type.Object({
  box: Type.Union([Type.Literal('todo'), Type.Literal('done'), Type.Literal('cc'), Type.Literal('initiated')]),
});

export const InboxQuery = Type.Object(
  {
    keyword: Type.Optional(Type.String({ maxLength: 100 })),
    formId: Type.Optional(Id),
    appId: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 4096, description: 'nextCursor of the previous page (opaque)' })),
  },
  { additionalProperties: false },
);
export type InboxQueryInput = Static<typeof InboxQuery>;

export const InboxItemSchema = Type.Object({
  kind: Type.Union([Type.Literal('task'), Type.Literal('instance')]),
  id: Type.String({ description: 'Task id (kind task) or instance id (kind instance)' }),
  instanceId: Type.String(),
  flowId: Type.String(),
  flowName: Type.String(),
  appId: Type.String(),
  formId: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  title: Type.String(),
  nodeLabel: Nullable(
    Type.String({ description: "The step's own label; null for an unlabelled step (name it by nodeKind)" }),
  ),
  nodeKind: Nullable(Type.String({ description: 'The kind of the step (approval, handle …); null for instances' })),
  taskKind: Nullable(Type.String()),
  status: Type.String({ description: 'Task status, or the instance status for kind instance' }),
  initiatorId: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  createdAt: Type.String(),
  actedAt: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
  unread: Type.Boolean({ description: 'CC copies not yet opened' }),
});
export type InboxItem = Static<typeof InboxItemSchema>;

export const InboxPageSchema = Type.Object({ items: Type.Array(InboxItemSchema), nextCursor: Nullable(Type.String()) });

export const InboxCountsSchema = Type.Object({
  todo: Type.Integer(),
  done: Type.Integer(),
  cc: Type.Integer(),
  ccUnread: Type.Integer(),
  initiated: Type.Integer(),
  initiatedRunning: Type.Integer(),
});

const FieldPermission = Type.Union([
  Type.Literal('hidden'),
  Type.Literal('read'),
  Type.Literal('edit'),
  Type.Literal('required'),
]);

export const TaskSchema = Type.Object({
  id: Type.String(),
  instanceId: Type.String(),
  flowId: Type.String(),
  flowName: Type.String(),
  title: Type.String(),
  nodeId: Type.String(),
  nodeLabel: Nullable(
    Type.String({ description: "The step's own label; null for an unlabelled step (name it by nodeKind)" }),
  ),
  nodeKind: Type.String({ description: 'The kind of the step (approval, handle, cc, start …); empty when unknown' }),
  kind: Type.String(),
  assigneeId: Type.String(),
  status: Type.String(),
  origin: Type.String(),
  auto: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  signatureFileId: Nullable(Type.String()),
  createdAt: Type.String(),
  actedAt: Nullable(Type.String()),
  actedBy: Nullable(Type.String()),
  dueAt: Nullable(Type.String()),
});
export type TaskView = Static<typeof TaskSchema>;

export const TaskViewSchema = Type.Object({
  task: TaskSchema,
  /** What the holder may do now (empty once the task is handled). */
  actions: Type.Array(Type.String()),
  /** Field key → what the holder sees/edits/must fill; fields not listed are read-only, hidden ones are absent from `record`. */
  fields: Type.Record(Type.String(), FieldPermission),
  /** Whether approving or rejecting needs the holder's handwritten signature (the step's setting). */
  signatureRequired: Type.Boolean(),
  /** Earlier nodes the holder may return to (when the node allows picking). */
  returnTargets: Type.Array(
    Type.Object({
      nodeId: Type.String(),
      label: Nullable(Type.String({ description: 'The step label; null when it has none (name it by kind)' })),
      kind: Type.String(),
    }),
  ),
  record: Nullable(RecordViewSchema),
  instance: Type.Object({ id: Type.String(), status: Type.String(), initiatorId: Nullable(Type.String()) }),
});

export const TaskActionBody = Type.Object(
  {
    action: Type.Union([
      Type.Literal('approve'),
      Type.Literal('reject'),
      Type.Literal('return'),
      Type.Literal('transfer'),
      Type.Literal('add_signer'),
      Type.Literal('comment'),
    ]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    signatureFileId: Type.Optional(Id),
    data: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$' }), Type.Unknown(), { maxProperties: 500 }),
    ),
    baseVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    toNodeId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    toUserId: Type.Optional(Id),
    userIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true })),
    position: Type.Optional(Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Literal('alongside')])),
  },
  { additionalProperties: false },
);

export const BatchApproveBody = Type.Object(
  {
    taskIds: Type.Array(TaskId, { minItems: 1, maxItems: 100, uniqueItems: true }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export const BatchApproveResponse = Type.Object({
  results: Type.Array(
    Type.Object({
      taskId: Type.String(),
      ok: Type.Boolean(),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});

/** A text by key and params (`@formloom/engine/messages`), to word in the reader's language. */
export const MessageRefSchema = Type.Object({
  key: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

/** Why an instance failed: English, and by key for the reader's language when known. */
const InstanceErrorSchema = Type.Object({
  message: Type.String(),
  code: Nullable(Type.String()),
  nodeId: Nullable(Type.String()),
  i18n: Nullable(MessageRefSchema),
});

export const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  type: Type.String({ description: 'started, step, action, timer, ended (and error, note for managers)' }),
  nodeId: Nullable(Type.String()),
  nodeLabel: Nullable(
    Type.String({ description: "The step's own label; null when it has none (name it by nodeKind)" }),
  ),
  nodeKind: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  action: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  signatureFileId: Nullable(Type.String()),
  message: Type.String({ description: 'English text' }),
  i18n: Nullable(MessageRefSchema),
});

export const InstanceStateSchema = Type.Object({
  id: Type.String(),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  flowName: Type.String(),
  appId: Type.String(),
  mode: Type.String(),
  formId: Nullable(Type.String()),
  recordId: Nullable(Type.String()),
  title: Type.String(),
  status: Type.String(),
  initiatorId: Nullable(Type.String()),
  cause: Type.String(),
  startedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  error: Nullable(InstanceErrorSchema),
  /** The nodes where the instance stands now. */
  currentNodes: Type.Array(Type.Object({ nodeId: Type.String(), label: Type.String(), kind: Type.String() })),
  /** Who is being waited on. */
  waitingOn: Type.Array(
    Type.Object({
      taskId: Type.String(),
      nodeId: Type.String(),
      nodeLabel: Nullable(Type.String()),
      nodeKind: Type.String(),
      assigneeId: Type.String(),
      dueAt: Nullable(Type.String()),
    }),
  ),
  nodesPassed: Type.Array(
    Type.Object({ nodeId: Type.String(), label: Type.String(), kind: Type.String(), at: Type.String() }),
  ),
  tasks: Type.Array(TaskSchema),
  timeline: Type.Array(TimelineEntrySchema),
  canWithdraw: Type.Boolean(),
  canUrge: Type.Boolean(),
  canManage: Type.Boolean(),
});

export const InstanceSummarySchema = Type.Object({
  id: Type.String(),
  flowId: Type.String(),
  flowVersion: Type.Integer(),
  flowName: Type.String(),
  appId: Type.String(),
  title: Type.String(),
  status: Type.String(),
  initiatorId: Nullable(Type.String()),
  startedAt: Type.String(),
  updatedAt: Type.String(),
  error: Nullable(InstanceErrorSchema),
});

export const AdminListQuery = Type.Object(
  {
    appId: Type.Optional(Id),
    status: Type.Union([Type.Literal('failed'), Type.Literal('stuck')], { default: 'failed' }),
    /** stuck: a step has been ready (queued but not applied) for longer than this. */
    olderThanMs: Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600 * 1000, default: 60_000 }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export const AdminListSchema = Type.Object({ items: Type.Array(InstanceSummarySchema) });

export const JournalSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String(),
      type: Type.String(),
      nodeId: Nullable(Type.String()),
      tokenId: Nullable(Type.String()),
      stepId: Nullable(Type.String()),
      userId: Nullable(Type.String()),
      message: Type.String({ description: 'English text' }),
      i18n: Nullable(MessageRefSchema),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
});

export const ButtonBody = Type.Object({ formId: Id, recordId: Id }, { additionalProperties: false });
export const StartedSchema = Type.Object({ instanceId: Type.String(), status: Type.String() });
export const UrgedSchema = Type.Object({ notified: Type.Array(Type.String()) });
