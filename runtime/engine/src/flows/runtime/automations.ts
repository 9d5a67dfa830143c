import {
  notFound,
  badRequest,
  type FlowTrigger,
  type Principal,
  type RecordEvent,
  type TriggerNodeData,
} from '@formloom/model';
import { evaluateCondition } from '../../conditions/evaluate-condition.js';
import type { PublishedFlow } from '../flow-catalog.js';
import { FLOW_SCHEDULE_QUEUE, FLOW_SCHEDULES } from './flow-runtime.types.js';
import { derivedId, type RuntimeCore } from './runtime-core.js';
import { startInstance, type StartResult } from './start-instance.js';

/** The trigger of an automation (its trigger node's data), or null. */
export function triggerOf(flow: PublishedFlow): FlowTrigger | null {
  const node = flow.definition.nodes.find((n) => n.type === 'trigger');
  return node ? ((node.data as unknown as TriggerNodeData).trigger ?? null) : null;
}

const TRIGGER_OF_EVENT: Partial<Record<RecordEvent['type'], FlowTrigger['type']>> = {
  'record.created': 'record_created',
  'record.updated': 'record_updated',
  'record.deleted': 'record_deleted',
};

/**
 * The record-event subscriber: a record submitted to a form with enabled process flows starts
 * them (not records written by flows); created/updated/deleted records start the automations whose trigger matches
 * (changed fields, condition). Idempotent: the instance id is derived from the event id and the
 * flow id, so a redelivered event starts nothing new.
 */
export async function onRecordEvent(core: RuntimeCore, event: RecordEvent): Promise<StartResult[]> {
  const started: StartResult[] = [];
  const base = { formId: event.formId, recordId: event.recordId, initiatorId: event.by, depth: event.depth };
  // Process flows start on submissions (people, public links); records written by flows (depth >
  // 0) do not start them: a subflow starts its own instance on the record it created.
  if (event.type === 'record.created' && event.depth === 0)
    for (const flow of await core.flows.processFlowsOfForm(event.formId))
      started.push(
        await startInstance(core, {
          ...base,
          flow,
          instanceId: derivedId(`${event.id}:${flow.flowId}`),
          cause: 'submit',
        }),
      );

  const type = TRIGGER_OF_EVENT[event.type];
  if (!type) return started;
  for (const flow of await core.flows.automationsOf(type, event.formId)) {
    const trigger = triggerOf(flow);
    if (!trigger || trigger.type !== type || !('formId' in trigger) || trigger.formId !== event.formId) continue;
    if (trigger.type === 'record_updated' && trigger.fields && trigger.fields.length > 0)
      if (!trigger.fields.some((f) => event.changedFields.includes(f))) continue;
    if ((trigger.type === 'record_created' || trigger.type === 'record_updated') && trigger.condition) {
      const [record, fields] = await Promise.all([
        core.loadRecord(event.formId, event.recordId),
        core.catalogueOf(event.formId),
      ]);
      if (!record || !fields) continue;
      if (!evaluateCondition(trigger.condition, record, fields, core.conditionContext(event.by))) continue;
    }
    started.push(
      await startInstance(core, { ...base, flow, instanceId: derivedId(`${event.id}:${flow.flowId}`), cause: type }),
    );
  }
  return started;
}

/** A schedule iteration (queue job id `repeat:<scheduler>:<epoch>`): one instance per iteration. */
export async function onScheduleJob(core: RuntimeCore, flowId: string, jobId: string): Promise<void> {
  const flow = await core.flows.latest(flowId);
  if (!flow || triggerOf(flow)?.type !== 'schedule') return;
  await startInstance(core, {
    flow,
    instanceId: derivedId(`schedule:${jobId}`),
    formId: null,
    recordId: null,
    initiatorId: null,
    depth: 0,
    cause: 'schedule',
  });
}

const schedulerId = (flowId: string) => `flow:${flowId}`;

/** Schedules (or unschedules) one flow's cron after it changed. */
export async function syncSchedule(core: RuntimeCore, flowId: string): Promise<void> {
  const flow = await core.flows.latest(flowId);
  const trigger = flow ? triggerOf(flow) : null;
  const docs = core.store.collection<{ _id: string; cron: string; tz: string | null }>(FLOW_SCHEDULES);
  if (flow && trigger?.type === 'schedule') {
    await core.queue.schedule(
      FLOW_SCHEDULE_QUEUE,
      schedulerId(flowId),
      trigger.cron,
      'run',
      { flowId },
      trigger.tz ? { tz: trigger.tz } : {},
    );
    await docs.replaceOne(
      { _id: flowId },
      { _id: flowId, cron: trigger.cron, tz: trigger.tz ?? null },
      { upsert: true },
    );
  } else {
    await core.queue.unschedule(FLOW_SCHEDULE_QUEUE, schedulerId(flowId));
    await docs.deleteOne({ _id: flowId });
  }
}

/** At start-up: every enabled schedule automation is scheduled; schedules of flows that are gone are removed. */
export async function syncAllSchedules(core: RuntimeCore): Promise<number> {
  const flows = await core.flows.automationsOf('schedule');
  const wanted = new Set(flows.map((f) => f.flowId));
  const docs = core.store.collection<{ _id: string }>(FLOW_SCHEDULES);
  for (const doc of await docs.find({})) if (!wanted.has(doc._id)) await syncSchedule(core, doc._id);
  for (const flowId of wanted) await syncSchedule(core, flowId);
  return wanted.size;
}

/** A button on the record page: starts the automation on that record, as the person who pressed it. */
export async function startByButton(
  core: RuntimeCore,
  principal: Principal,
  flowId: string,
  formId: string,
  recordId: string,
): Promise<StartResult> {
  const flow = await core.flows.latest(flowId);
  const trigger = flow ? triggerOf(flow) : null;
  if (!flow || trigger?.type !== 'button') throw notFound('Button flow');
  if (trigger.formId !== formId)
    throw badRequest('This button belongs to another form', [
      { path: 'formId', rule: 'buttonForm', message: 'Not this form' },
    ]);
  if (!(await core.loadRecord(formId, recordId))) throw notFound('Record');
  return startInstance(core, { flow, formId, recordId, initiatorId: principal.userId, depth: 0, cause: 'button' });
}
