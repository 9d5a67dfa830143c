import { isDuplicateKeyError, type StoredRecord } from '@formloom/model';
import { newId } from '../../ids.js';
import { messageRef, type MessageRef } from '../../messages/server-messages.js';
import { applyOutcome } from './apply-outcome.js';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_STEPS,
  journalId,
  stepId as stepIdOf,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowStepDoc,
  type StepJobData,
} from './flow-runtime.types.js';
import type { ChildStart, FlowNodeHandlerRegistry, NodeOutcome } from './node-handlers.js';
import { nodeOf, type RuntimeCore } from './runtime-core.js';
import { failWith, journalText } from './runtime-texts.js';
import { ABORT, transition } from './transitions.js';

export interface StepAttempt {
  /** Tries made before this one. */
  made: number;
  max: number;
}

/**
 * Runs one step job: executes the token's node and applies the outcome in one compare-and-set
 * transition that also stores the step marker. A job for a step that was already applied (a
 * redelivery, a duplicate, a re-arm) finds the token moved on or the marker stored and does
 * nothing. A handler error is journaled and rethrown for the queue to retry; on the last try
 * the instance is marked failed (an admin can retry the step).
 */
export async function runStep(
  core: RuntimeCore,
  handlers: FlowNodeHandlerRegistry,
  data: StepJobData,
  attempt: StepAttempt,
  startChild: (parent: FlowInstanceDoc, tokenId: string, step: number, request: ChildStart) => Promise<string>,
): Promise<void> {
  const id = stepIdOf(data.instanceId, data.tokenId, data.step);
  const instance = await core.store.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: data.instanceId });
  if (!instance) return;
  const token = instance.tokens.find((t) => t.id === data.tokenId);
  if (instance.status !== 'running' || !token || token.step !== data.step || token.status !== 'ready') {
    await journalJob(
      core,
      instance,
      data.tokenId,
      id,
      instance.status !== 'running'
        ? messageRef('flow.journal.jobIgnoredStatus', { status: instance.status })
        : messageRef('flow.journal.jobIgnoredApplied'),
    );
    return;
  }
  if (await core.store.collection<FlowStepDoc>(FLOW_STEPS).findOne({ _id: id })) {
    await journalJob(core, instance, data.tokenId, id, messageRef('flow.journal.jobIgnoredApplied'));
    return;
  }

  const flow = await core.flowOf(instance);
  const node = nodeOf(flow.definition, token.nodeId);
  const handler = handlers.get(node.type);
  const now = core.clock();
  let recordPromise: Promise<StoredRecord | null> | null = null;
  let outcome: NodeOutcome;
  if (!handler) outcome = failWith(messageRef('flow.error.unknownKind', { kind: node.type }), 'UNKNOWN_KIND');
  else {
    try {
      outcome = await handler.execute({
        core,
        flow,
        instance,
        token,
        node,
        stepId: id,
        now,
        record: () => {
          if (!instance.formId || !instance.recordId) return Promise.resolve(null);
          recordPromise ??= core.loadRecord(instance.formId, instance.recordId);
          return recordPromise;
        },
        startChild: (request) => startChild(instance, token.id, token.step, request),
      });
    } catch (e) {
      const last = attempt.made + 1 >= attempt.max;
      await journalError(core, instance, node.id, token.id, id, e, last);
      if (!last) throw e;
      // Nobody foresaw it: its raw message inside a keyed sentence.
      outcome = failWith(messageRef('flow.error.unexpected', { detail: errorText(e) }), 'STEP_ERROR');
    }
  }

  await transition(
    core,
    instance._id,
    async (draft) => {
      const current = draft.token(token.id);
      if (draft.instance.status !== 'running' || !current || current.step !== data.step || current.status !== 'ready')
        return ABORT;
      if (outcome.type !== 'fail') {
        try {
          await draft.tx
            .collection<FlowStepDoc>(FLOW_STEPS)
            .insertOne({ _id: id, instanceId: instance._id, appliedAt: draft.nowIso, outcome: outcome.type });
        } catch (e) {
          if (isDuplicateKeyError(e)) return ABORT;
          throw e;
        }
      }
      await applyOutcome(draft, current, node, outcome, id);
      return true;
    },
    instance,
  );
}

/** A job that changed nothing (a redelivery, a duplicate), journaled outside any transition. */
async function journalJob(
  core: RuntimeCore,
  instance: Pick<FlowInstanceDoc, '_id' | 'revision'>,
  tokenId: string,
  stepId: string,
  text: MessageRef,
): Promise<void> {
  const now = core.clock();
  await core.store
    .collection<FlowJournalDoc>(FLOW_JOURNAL)
    .insertOne({
      _id: journalId(instance._id, instance.revision, `x${newId(now.getTime())}`),
      instanceId: instance._id,
      at: now.toISOString(),
      type: 'job',
      nodeId: null,
      tokenId,
      stepId,
      userId: null,
      ...journalText(text),
      data: {},
    })
    .catch((e: unknown) => core.logger.error({ err: e }, 'could not journal a flow job'));
}

/** An error of one try, journaled outside the instance's transition (the instance does not change). */
export async function journalError(
  core: RuntimeCore,
  instance: Pick<FlowInstanceDoc, '_id' | 'revision'>,
  nodeId: string | null,
  tokenId: string | null,
  stepId: string | null,
  error: unknown,
  final: boolean,
): Promise<void> {
  const now = core.clock();
  const entry: FlowJournalDoc = {
    _id: journalId(instance._id, instance.revision, `x${newId(now.getTime())}`),
    instanceId: instance._id,
    at: now.toISOString(),
    type: 'error',
    nodeId,
    tokenId,
    stepId,
    userId: null,
    ...journalText(
      messageRef(final ? 'flow.journal.stepFailed' : 'flow.journal.stepRetry', {
        error: errorText(error),
      }),
    ),
    data: { final },
  };
  await core.store
    .collection<FlowJournalDoc>(FLOW_JOURNAL)
    .insertOne(entry)
    .catch((e: unknown) => core.logger.error({ err: e }, 'could not journal a flow step error'));
}

/** What an exception says (its raw message). */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
