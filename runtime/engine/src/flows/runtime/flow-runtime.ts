import type { Principal, RecordEvent } from '@formloom/model';
import { onRecordEvent, onScheduleJob, startByButton, syncAllSchedules, syncSchedule } from './automations.js';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_OUTBOX,
  FLOW_SCHEDULE_QUEUE,
  FLOW_STEPS_QUEUE,
  FLOW_TASKS,
  FLOW_TIMERS,
  FLOW_TIMERS_QUEUE,
  type FlowInstanceDoc,
  type FlowTaskDoc,
  type FlowTimerDoc,
  type StepJobData,
} from './flow-runtime.types.js';
import { rearmOutbox, runNotifyJob, type NotifyJobData } from './flow-outbox.js';
import { flowNodeHandlers } from './handler-registry.js';
import { cancelInstance, resumeParent, retryInstance, urgeInstance, withdrawInstance } from './instance-actions.js';
import type { FlowNodeHandlerRegistry } from './node-handlers.js';
import { createRuntimeCore, derivedId, type FlowRuntimeOptions, type RuntimeCore } from './runtime-core.js';
import { startInstance, type StartRequest, type StartResult } from './start-instance.js';
import { runStep } from './step-runner.js';
import { actOnTask, batchApprove, type BatchResult, type TaskActionInput } from './task-actions.js';
import { fireTimer, rearmTimers } from './timers.js';
import { armTimer, queueStep } from './transitions.js';

const FLOW_MAINTENANCE_QUEUE = 'flow-maintenance';
/** Work that has been due this long without happening is queued again by the sweep. */
const SWEEP_GRACE_MS = 30_000;

export interface FlowRuntime {
  core: RuntimeCore;
  handlers: FlowNodeHandlerRegistry;
  start(request: StartRequest): Promise<StartResult>;
  /** The record-event subscriber (process flows on submit, record automations). */
  onRecordEvent(event: RecordEvent): Promise<StartResult[]>;
  act(principal: Principal, taskId: string, input: TaskActionInput): Promise<FlowTaskDoc>;
  batchApprove(principal: Principal, taskIds: string[], comment?: string): Promise<BatchResult[]>;
  withdraw(principal: Principal, instanceId: string): Promise<FlowInstanceDoc>;
  urge(principal: Principal, instanceId: string): Promise<{ notified: string[] }>;
  cancel(principal: Principal, instanceId: string): Promise<FlowInstanceDoc>;
  retry(principal: Principal, instanceId: string): Promise<FlowInstanceDoc>;
  button(principal: Principal, flowId: string, formId: string, recordId: string): Promise<StartResult>;
  /** Re-schedules one flow's cron after a publish/enable/disable. */
  syncSchedule(flowId: string): Promise<void>;
  /** Creates the store indexes (idempotent). */
  ensureIndexes(): Promise<void>;
  /** Registers the queue processors (steps, timers, schedules) in this process. */
  startWorkers(): Promise<void>;
  /**
   * At start-up: queues every ready token's step, every pending timer, the resumes of ended sync
   * subflows, the schedules, and a `notify` job for every message left in the outbox.
   */
  rearm(): Promise<{ steps: number; timers: number; schedules: number; notifications: number }>;
  /**
   * Every minute (a queue schedule): queues again the overdue pending timers and the steps of
   * instances that have not moved for a while, in case their jobs were lost (a queue that lost
   * data), and the messages left in the outbox for a while (a failed send). Deterministic job
   * ids make this a no-op for jobs that still exist.
   */
  sweep(): Promise<{ steps: number; timers: number; notifications: number }>;
}

/**
 * The flow runtime: a token state machine persisted in the store (see README.md). Everything
 * that moves an instance is a compare-and-set transition; everything asynchronous is a queue job
 * with a deterministic id whose handler is idempotent.
 */
export function createFlowRuntime(options: FlowRuntimeOptions & { handlers?: FlowNodeHandlerRegistry }): FlowRuntime {
  const core = createRuntimeCore(options);
  const handlers = options.handlers ?? flowNodeHandlers;

  const startChild = async (
    parent: FlowInstanceDoc,
    tokenId: string,
    step: number,
    request: { key: string; flowId: string; recordId: string | null; formId: string | null; sync: boolean },
  ): Promise<string> => {
    const flow = await core.flows.latest(request.flowId);
    if (!flow) throw new Error(`The flow "${request.flowId}" is not published or not enabled`);
    const { instance } = await startInstance(core, {
      flow,
      instanceId: derivedId(request.key),
      formId: request.formId,
      recordId: request.recordId,
      initiatorId: parent.initiatorId,
      depth: parent.depth,
      cause: 'subflow',
      parent: { instanceId: parent._id, tokenId, step, sync: request.sync },
    });
    return instance._id;
  };

  const runtime: FlowRuntime = {
    core,
    handlers,
    start: (request) => startInstance(core, request),
    onRecordEvent: (event) => onRecordEvent(core, event),
    act: (principal, taskId, input) => actOnTask(core, principal, taskId, input),
    batchApprove: (principal, taskIds, comment) => batchApprove(core, principal, taskIds, comment),
    withdraw: (principal, id) => withdrawInstance(core, principal, id),
    urge: (principal, id) => urgeInstance(core, principal, id),
    cancel: (principal, id) => cancelInstance(core, principal, id),
    retry: (principal, id) => retryInstance(core, principal, id),
    button: (principal, flowId, formId, recordId) => startByButton(core, principal, flowId, formId, recordId),
    syncSchedule: (flowId) => syncSchedule(core, flowId),

    async ensureIndexes() {
      const store = core.store;
      await store.collection(FLOW_INSTANCES).createIndex({ keys: { status: 1, updatedAt: 1 } });
      await store.collection(FLOW_INSTANCES).createIndex({ keys: { initiatorId: 1, startedAt: -1 } });
      await store.collection(FLOW_INSTANCES).createIndex({ keys: { appId: 1, status: 1 } });
      await store.collection(FLOW_INSTANCES).createIndex({ keys: { formId: 1, recordId: 1 } });
      await store.collection(FLOW_TASKS).createIndex({ keys: { assigneeId: 1, status: 1, createdAt: -1 } });
      await store.collection(FLOW_TASKS).createIndex({ keys: { instanceId: 1, createdAt: 1 } });
      await store.collection(FLOW_TASKS).createIndex({ keys: { activation: 1 } });
      await store.collection(FLOW_TIMERS).createIndex({ keys: { status: 1, dueAt: 1 } });
      await store.collection(FLOW_TIMERS).createIndex({ keys: { taskId: 1 } });
      await store.collection(FLOW_TIMERS).createIndex({ keys: { instanceId: 1, status: 1 } });
      await store.collection(FLOW_JOURNAL).createIndex({ keys: { instanceId: 1, _id: 1 } });
      await store.collection(FLOW_OUTBOX).createIndex({ keys: { createdAt: 1 } });
    },

    async startWorkers() {
      await core.queue.process<
        StepJobData | NotifyJobData | { parentId: string; tokenId: string; step: number; childId: string }
      >(
        FLOW_STEPS_QUEUE,
        async (job) => {
          if (job.name === 'resume' && 'parentId' in job.data) return resumeParent(core, job.data);
          if (job.name === 'notify' && 'outboxId' in job.data) return runNotifyJob(core, job.data);
          if ('instanceId' in job.data)
            await runStep(core, handlers, job.data, { made: job.attemptsMade, max: core.stepAttempts }, startChild);
        },
        { concurrency: core.concurrency },
      );
      await core.queue.process<{ timerId: string }>(FLOW_TIMERS_QUEUE, (job) => fireTimer(core, job.data.timerId), {
        concurrency: 4,
      });
      await core.queue.process<{ flowId: string }>(FLOW_SCHEDULE_QUEUE, (job) =>
        onScheduleJob(core, job.data.flowId, job.id),
      );
      await core.queue.process(FLOW_MAINTENANCE_QUEUE, async () => {
        await runtime.sweep();
      });
      await core.queue.schedule(FLOW_MAINTENANCE_QUEUE, 'flow-sweep', '* * * * *', 'sweep', {});
      core.flows.onChange((flowId) => {
        syncSchedule(core, flowId).catch((e: unknown) =>
          core.logger.warn({ err: e, flowId }, 'could not sync a flow schedule'),
        );
      });
    },

    async sweep() {
      const now = core.clock().getTime();
      const overdue = await core.store
        .collection<FlowTimerDoc>(FLOW_TIMERS)
        .find(
          { status: 'pending', dueAt: { $lt: new Date(now - SWEEP_GRACE_MS).toISOString() } },
          { projection: { _id: 1, dueAt: 1 } },
        );
      for (const t of overdue) await armTimer(core, t);
      const idle = await core.store.collection<FlowInstanceDoc>(FLOW_INSTANCES).find(
        {
          status: 'running',
          'tokens.status': 'ready',
          updatedAt: { $lt: new Date(now - SWEEP_GRACE_MS).toISOString() },
        },
        { projection: { _id: 1, tokens: 1 } },
      );
      let steps = 0;
      for (const inst of idle)
        for (const t of inst.tokens)
          if (t.status === 'ready') {
            await queueStep(core, { instanceId: inst._id, tokenId: t.id, step: t.step });
            steps += 1;
          }
      const notifications = await rearmOutbox(core, SWEEP_GRACE_MS);
      return { steps, timers: overdue.length, notifications };
    },

    async rearm() {
      const running = await core.store
        .collection<FlowInstanceDoc>(FLOW_INSTANCES)
        .find({ status: 'running' }, { projection: { _id: 1, tokens: 1 } });
      let steps = 0;
      for (const inst of running)
        for (const t of inst.tokens) {
          if (t.status === 'ready') {
            await queueStep(core, { instanceId: inst._id, tokenId: t.id, step: t.step });
            steps += 1;
          }
          if (t.status === 'waiting' && t.wait?.kind === 'subflow') {
            const child = await core.store
              .collection<FlowInstanceDoc>(FLOW_INSTANCES)
              .findOne({ _id: t.wait.childId }, { projection: { status: 1 } });
            if (child && child.status !== 'running' && child.status !== 'failed')
              await resumeParent(core, { parentId: inst._id, tokenId: t.id, step: t.step, childId: t.wait.childId });
          }
        }
      const timers = await rearmTimers(core);
      const schedules = await syncAllSchedules(core);
      const notifications = await rearmOutbox(core, 0);
      return { steps, timers, schedules, notifications };
    },
  };
  return runtime;
}
