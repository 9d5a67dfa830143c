import {
  conflict,
  type DocumentStore,
  type FlowNode,
  type NotificationRequest,
  type TaskDeadline,
} from '@formloom/model';
import { messageRef, type MessageRef } from '../../messages/server-messages.js';
import { recordsCollection } from '../../records/collections.js';
import type { PublishedFlow } from '../flow-catalog.js';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_OUTBOX,
  FLOW_STEPS_QUEUE,
  FLOW_TASKS,
  FLOW_TIMERS,
  FLOW_TIMERS_QUEUE,
  journalId,
  OPEN_TASK_STATUSES,
  stepId,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowTaskDoc,
  type FlowTimerDoc,
  type InstanceError,
  type InstanceStatus,
  type JournalType,
  type StepJobData,
  type TokenState,
  type TokenWait,
} from './flow-runtime.types.js';
import { deliverOutbox, type FlowOutboxDoc } from './flow-outbox.js';
import { defaultNotice, journalText, type JournalText } from './runtime-texts.js';
import { nodeOf, type RuntimeCore } from './runtime-core.js';

/** Node kinds a "return" may go back to (and that are remembered in a token's trail). */
export const RETURNABLE_KINDS = new Set(['start', 'approval', 'handle']);

/** Work that may only happen once the transition committed: queue jobs, timers, messages. */
export interface AfterCommit {
  steps: StepJobData[];
  timers: FlowTimerDoc[];
  cancelledTimers: string[];
  /** Messages; stored in `flow_outbox` with the transition, sent after the commit. */
  notifications: NotificationRequest[];
  /** The outbox documents of `notifications` (filled at commit). */
  outbox: FlowOutboxDoc[];
  resumes: Array<{ parentId: string; tokenId: string; step: number; childId: string }>;
}

export interface JournalFields {
  nodeId?: string | null;
  tokenId?: string | null;
  stepId?: string | null;
  userId?: string | null;
  data?: Record<string, unknown>;
}

/** Thrown inside a transition to roll it back without error (e.g. the step was already applied). */
class AbortTransition extends Error {}
class RevisionConflict extends Error {}

export const ABORT = Symbol('abort');

/**
 * One transition of an instance being built inside a store transaction: the instance is a copy
 * that is written back with `revision + 1` only if the stored revision is still the one read.
 */
export class Draft {
  readonly effects: AfterCommit = {
    steps: [],
    timers: [],
    cancelledTimers: [],
    notifications: [],
    outbox: [],
    resumes: [],
  };
  private readonly entries: FlowJournalDoc[] = [];

  constructor(
    readonly core: RuntimeCore,
    readonly tx: DocumentStore,
    readonly instance: FlowInstanceDoc,
    readonly flow: PublishedFlow,
    readonly now: Date,
  ) {}

  get nowIso(): string {
    return this.now.toISOString();
  }

  node(nodeId: string): FlowNode {
    return nodeOf(this.flow.definition, nodeId);
  }

  token(tokenId: string): TokenState | undefined {
    return this.instance.tokens.find((t) => t.id === tokenId);
  }

  /** A journal entry; a `MessageRef` is stored with its English text (`message`) and as `i18n`. */
  journal(type: JournalType, text: string | MessageRef | JournalText, fields: JournalFields = {}): void {
    this.entries.push({
      _id: journalId(this.instance._id, this.instance.revision + 1, String(this.entries.length).padStart(3, '0')),
      instanceId: this.instance._id,
      at: this.nowIso,
      type,
      nodeId: fields.nodeId ?? null,
      tokenId: fields.tokenId ?? null,
      stepId: fields.stepId ?? null,
      userId: fields.userId ?? null,
      ...journalText(text),
      data: fields.data ?? {},
    });
  }

  /** Journal entries to write with the transition. */
  get journalEntries(): FlowJournalDoc[] {
    return this.entries;
  }

  /** Marks the token ready: its step job is queued after the commit. */
  private ready(token: TokenState): void {
    token.status = 'ready';
    delete token.wait;
    this.effects.steps.push({ instanceId: this.instance._id, tokenId: token.id, step: token.step });
  }

  /** Moves the token onto `target` (a new step). */
  moveTo(token: TokenState, target: string, options: { returned?: boolean } = {}): void {
    const from = this.node(token.nodeId);
    if (!options.returned && RETURNABLE_KINDS.has(from.type) && token.trail.at(-1) !== from.id)
      token.trail.push(from.id);
    this.node(target);
    token.nodeId = target;
    token.step += 1;
    if (options.returned) token.returned = true;
    else delete token.returned;
    this.ready(token);
  }

  /** Follows the node's outgoing edge (the first by priority); a node without one ends the token. */
  advance(token: TokenState): void {
    const edges = this.flow.definition.edges
      .filter((e) => e.source === token.nodeId)
      .sort((a, b) => (a.data?.priority ?? 0) - (b.data?.priority ?? 0));
    if (edges.length === 0) {
      token.status = 'done';
      delete token.wait;
      this.finishIfIdle();
      return;
    }
    this.moveTo(token, edges[0].target);
  }

  /** A parallel split: the token is consumed and one token per outgoing edge starts. */
  fork(token: TokenState): void {
    const edges = this.flow.definition.edges.filter((e) => e.source === token.nodeId);
    if (edges.length === 0) {
      this.advance(token);
      return;
    }
    const forkId = `${token.id}@${token.step}`;
    token.status = 'done';
    delete token.wait;
    for (const edge of edges) {
      this.instance.tokenSeq += 1;
      const child: TokenState = {
        id: `t${this.instance.tokenSeq}`,
        nodeId: token.nodeId,
        step: 0,
        status: 'ready',
        forks: [...token.forks, { forkId, count: edges.length, trailStart: token.trail.length }],
        trail: [...token.trail],
      };
      this.instance.tokens.push(child);
      this.moveTo(child, edge.target);
    }
  }

  /** A token reached a join: it waits until every token of its innermost split arrived, then one goes on. */
  join(token: TokenState): void {
    const frame = token.forks.at(-1);
    if (!frame) {
      this.advance(token);
      return;
    }
    token.status = 'waiting';
    token.wait = { kind: 'join' };
    const arrived = this.instance.tokens.filter(
      (t) =>
        t.status === 'waiting' &&
        t.wait?.kind === 'join' &&
        t.nodeId === token.nodeId &&
        t.forks.at(-1)?.forkId === frame.forkId,
    );
    if (arrived.length < frame.count) return;
    const trail = [...new Set(arrived.flatMap((t) => t.trail))];
    for (const t of arrived) {
      t.status = 'done';
      delete t.wait;
    }
    this.instance.tokenSeq += 1;
    const merged: TokenState = {
      id: `t${this.instance.tokenSeq}`,
      nodeId: token.nodeId,
      step: 0,
      status: 'waiting',
      forks: token.forks.slice(0, -1),
      trail,
    };
    this.instance.tokens.push(merged);
    this.advance(merged);
  }

  park(token: TokenState, wait: TokenWait): void {
    token.status = 'waiting';
    token.wait = wait;
  }

  /** Stores new tasks; pending ones get their deadline timers and a message to the holder. */
  async insertTasks(tasks: FlowTaskDoc[], deadline?: TaskDeadline): Promise<void> {
    if (tasks.length === 0) return;
    await this.tx.collection<FlowTaskDoc>(FLOW_TASKS).insertMany(tasks);
    for (const task of tasks) if (task.status === 'pending') await this.taskOpened(task, deadline);
    const cc = tasks.filter((t) => t.status === 'cc');
    if (cc.length > 0) this.notifyCc(cc);
  }

  /** A task became pending (created so, or unblocked): deadline timers and a message. */
  async taskOpened(task: FlowTaskDoc, deadline?: TaskDeadline): Promise<void> {
    const timers: FlowTimerDoc[] = [];
    const at = (ms: number) => new Date(this.now.getTime() + ms).toISOString();
    const base = { instanceId: task.instanceId, taskId: task._id, tokenId: task.tokenId, step: null, firedAt: null };
    if (deadline?.remindAfterMs !== undefined && deadline.remindAfterMs >= 0)
      timers.push({
        _id: `${task._id}:remind:1`,
        ...base,
        kind: 'remind',
        seq: 1,
        dueAt: at(deadline.remindAfterMs),
        status: 'pending',
      });
    if (deadline?.dueAfterMs !== undefined && deadline.dueAfterMs >= 0) {
      timers.push({
        _id: `${task._id}:due`,
        ...base,
        kind: 'due',
        seq: 0,
        dueAt: at(deadline.dueAfterMs),
        status: 'pending',
      });
      task.dueAt = at(deadline.dueAfterMs);
      await this.tx.collection<FlowTaskDoc>(FLOW_TASKS).updateOne({ _id: task._id }, { $set: { dueAt: task.dueAt } });
    }
    await this.insertTimers(timers);
    this.effects.notifications.push({
      idempotencyKey: `task:${task._id}`,
      recipientIds: [task.assigneeId],
      channels: ['inapp', 'email'],
      ...defaultNotice('flow.notify.task', task),
      link: `/tasks/${task._id}`,
      category: 'task',
    });
  }

  private notifyCc(tasks: FlowTaskDoc[]): void {
    for (const task of tasks)
      this.effects.notifications.push({
        idempotencyKey: `cc:${task._id}`,
        recipientIds: [task.assigneeId],
        channels: ['inapp'],
        ...defaultNotice('flow.notify.cc', task),
        link: `/tasks/${task._id}`,
        category: 'cc',
      });
  }

  async insertTimers(timers: FlowTimerDoc[]): Promise<void> {
    if (timers.length === 0) return;
    this.instance.timerCount = (this.instance.timerCount ?? 0) + timers.length;
    await this.tx.collection<FlowTimerDoc>(FLOW_TIMERS).insertMany(timers);
    this.effects.timers.push(...timers);
  }

  /** Cancels the pending timers of these tasks (their queue jobs are removed after the commit). */
  async cancelTaskTimers(taskIds: string[]): Promise<void> {
    if (taskIds.length === 0 || this.instance.timerCount === 0) return;
    const timers = this.tx.collection<FlowTimerDoc>(FLOW_TIMERS);
    const pending = await timers.find({ taskId: { $in: taskIds }, status: 'pending' }, { projection: { _id: 1 } });
    if (pending.length === 0) return;
    await timers.updateMany(
      { _id: { $in: pending.map((t) => t._id) }, status: 'pending' },
      { $set: { status: 'cancelled' } },
    );
    this.effects.cancelledTimers.push(...pending.map((t) => t._id));
  }

  /** Closes the open tasks of an activation (or of the instance) as `status`; `known` = the activation's tasks when already read. */
  async closeOpenTasks(filter: { activation?: string }, status: 'cancelled', known?: FlowTaskDoc[]): Promise<void> {
    const tasks = this.tx.collection<FlowTaskDoc>(FLOW_TASKS);
    const open = known
      ? known.filter((t) => OPEN_TASK_STATUSES.includes(t.status))
      : await tasks.find(
          { instanceId: this.instance._id, status: { $in: [...OPEN_TASK_STATUSES] }, ...filter },
          { projection: { _id: 1 } },
        );
    if (open.length === 0) return;
    const ids = open.map((t) => t._id);
    await tasks.updateMany({ _id: { $in: ids } }, { $set: { status, actedAt: this.nowIso } });
    await this.cancelTaskTimers(ids);
  }

  private finishIfIdle(): void {
    if (this.instance.status !== 'running') return;
    if (this.instance.tokens.some((t) => t.status === 'ready' || t.status === 'waiting')) return;
    this.pendingFinish = 'ended';
  }

  /** Set when the last token ended without an end node; applied at commit. */
  pendingFinish: 'ended' | null = null;

  /** Ends the instance: open tokens, tasks and timers are cancelled; a waiting sync parent is resumed. */
  async finish(status: Exclude<InstanceStatus, 'running' | 'failed'>): Promise<void> {
    const inst = this.instance;
    if (inst.status !== 'running' && inst.status !== 'failed') return;
    inst.status = status;
    inst.endedAt = this.nowIso;
    for (const t of inst.tokens)
      if (t.status === 'ready' || t.status === 'waiting' || t.status === 'failed') {
        t.status = 'cancelled';
        delete t.wait;
      }
    await this.closeOpenTasks({}, 'cancelled');
    const timers = this.tx.collection<FlowTimerDoc>(FLOW_TIMERS);
    const pending =
      inst.timerCount === 0
        ? []
        : await timers.find({ instanceId: inst._id, status: 'pending' }, { projection: { _id: 1 } });
    if (pending.length > 0) {
      await timers.updateMany({ instanceId: inst._id, status: 'pending' }, { $set: { status: 'cancelled' } });
      this.effects.cancelledTimers.push(...pending.map((t) => t._id));
    }
    if (inst.parent?.sync)
      this.effects.resumes.push({
        parentId: inst.parent.instanceId,
        tokenId: inst.parent.tokenId,
        step: inst.parent.step,
        childId: inst._id,
      });
    this.journal('ended', messageRef('flow.journal.ended', { status }), { data: { status } });
    await this.writeFlowState(status);
  }

  /** Stops the instance as failed at this token (an admin may retry the step or cancel the instance). */
  async fail(token: TokenState | null, error: InstanceError): Promise<void> {
    const inst = this.instance;
    if (token) token.status = 'failed';
    inst.status = 'failed';
    inst.error = error;
    // A keyed error is journaled as itself (worded in the reader's language); English says it failed.
    const text = messageRef('flow.journal.failed', { error: error.message });
    this.journal('error', error.i18n ? { ...journalText(text), i18n: error.i18n } : text, {
      nodeId: error.nodeId ?? null,
      tokenId: error.tokenId ?? null,
      stepId: error.stepId ?? null,
      data: { code: error.code ?? null },
    });
    await this.writeFlowState('failed');
  }

  async writeFlowState(state: string): Promise<void> {
    const inst = this.instance;
    if (inst.mode !== 'process' || !inst.formId || !inst.recordId) return;
    await this.tx
      .collection(recordsCollection(inst.formId))
      .updateOne({ _id: inst.recordId }, { $set: { _flowState: state } });
  }
}

export interface TransitionResult<T> {
  value: T;
  instance: FlowInstanceDoc;
}

/**
 * Runs `fn` on a copy of the instance inside a store transaction and writes it back with a
 * compare-and-set on `revision`; on a conflict (another process moved the instance) the whole
 * transition is tried again on the fresh instance. `fn` returning ABORT rolls back and yields
 * null. After the commit, the queued steps, timers and messages go out.
 */
export async function transition<T>(
  core: RuntimeCore,
  instanceId: string,
  fn: (draft: Draft) => Promise<T | typeof ABORT>,
  known?: FlowInstanceDoc,
): Promise<TransitionResult<T> | null> {
  // `known`: the instance as the caller just read it. The first attempt starts from it instead of
  // reading it again; the compare-and-set on `revision` rejects it if it was already stale.
  let hint = known?._id === instanceId ? known : undefined;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    let committed: { draft: Draft; value: T } | null;
    const first = hint;
    hint = undefined;
    try {
      committed = await core.store.transaction(async (tx) => {
        const stored = first ?? (await tx.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: instanceId }));
        if (!stored) return null;
        const flow = await core.flowOf(stored);
        const draft = new Draft(core, tx, structuredClone(stored), flow, core.clock());
        const value = await fn(draft);
        if (value === ABORT) throw new AbortTransition();
        if (draft.pendingFinish && draft.instance.status === 'running') await draft.finish(draft.pendingFinish);
        draft.instance.revision = stored.revision + 1;
        draft.instance.updatedAt = draft.nowIso;
        const written = await tx
          .collection<FlowInstanceDoc>(FLOW_INSTANCES)
          .replaceOne({ _id: instanceId, revision: stored.revision }, draft.instance);
        if (written.matchedCount === 0) throw new RevisionConflict();
        if (draft.journalEntries.length > 0)
          await tx.collection<FlowJournalDoc>(FLOW_JOURNAL).insertMany(draft.journalEntries);
        await storeOutbox(draft);
        return { draft, value };
      });
    } catch (e) {
      // A refusal decided on the caller's copy is checked again on the stored instance.
      if (e instanceof RevisionConflict || first) continue;
      if (e instanceof AbortTransition) return null;
      throw e;
    }
    if (!committed && first) continue;
    if (!committed) return null;
    await afterCommit(core, committed.draft.effects);
    return { value: committed.value, instance: committed.draft.instance };
  }
  throw conflict('The flow instance is changing too often; try again');
}

/**
 * Queues what a committed transition asked for and sends its messages. Failures are logged:
 * boot re-arming covers steps and timers, and the sweep sends messages left in the outbox.
 */
export async function afterCommit(core: RuntimeCore, effects: AfterCommit): Promise<void> {
  try {
    for (const s of effects.steps) await queueStep(core, s);
    for (const t of effects.timers) await armTimer(core, t);
    for (const id of effects.cancelledTimers) await core.queue.remove(FLOW_TIMERS_QUEUE, id);
    for (const r of effects.resumes)
      await core.queue.add(FLOW_STEPS_QUEUE, 'resume', r, {
        jobId: `${stepId(r.parentId, r.tokenId, r.step)}:resume`,
        attempts: core.stepAttempts,
        backoff: { type: 'exponential', delayMs: core.stepBackoffMs },
      });
  } catch (e) {
    core.logger.warn({ err: e }, 'could not queue flow work after a commit; it is re-armed at the next start');
  }
  for (const doc of effects.outbox)
    await deliverOutbox(core, doc).catch((e: unknown) =>
      core.logger.warn(
        { err: e, key: doc.request.idempotencyKey },
        'flow notification failed; it stays in the outbox and is sent again by the sweep',
      ),
    );
}

/** Stores the transition's messages with it, so that a crash after the commit cannot lose them. */
async function storeOutbox(draft: Draft): Promise<void> {
  const { notifications } = draft.effects;
  if (notifications.length === 0) return;
  draft.effects.outbox = notifications.map((request, i) => ({
    _id: `${draft.instance._id}:${draft.instance.revision}:${i}`,
    instanceId: draft.instance._id,
    createdAt: draft.nowIso,
    request,
  }));
  await draft.tx.collection<FlowOutboxDoc>(FLOW_OUTBOX).insertMany(draft.effects.outbox);
}

export async function queueStep(core: RuntimeCore, s: StepJobData): Promise<void> {
  await core.queue.add(FLOW_STEPS_QUEUE, 'step', s, {
    jobId: stepId(s.instanceId, s.tokenId, s.step),
    attempts: core.stepAttempts,
    backoff: { type: 'exponential', delayMs: core.stepBackoffMs },
  });
}

export async function armTimer(core: RuntimeCore, timer: Pick<FlowTimerDoc, '_id' | 'dueAt'>): Promise<void> {
  const delayMs = Math.max(0, new Date(timer.dueAt).getTime() - core.clock().getTime());
  await core.queue.add(
    FLOW_TIMERS_QUEUE,
    'fire',
    { timerId: timer._id },
    {
      jobId: timer._id,
      delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delayMs: 1000 },
    },
  );
}
