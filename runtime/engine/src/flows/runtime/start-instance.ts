import { isDuplicateKeyError, type FlowNode } from '@formloom/model';
import { newId } from '../../ids.js';
import { messageRef, serverMessage } from '../../messages/server-messages.js';
import { recordsCollection } from '../../records/collections.js';
import type { PublishedFlow } from '../flow-catalog.js';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  journalId,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type StepJobData,
} from './flow-runtime.types.js';
import { recordTitle } from './record-values.js';
import { journalText } from './runtime-texts.js';
import type { RuntimeCore } from './runtime-core.js';
import { queueStep } from './transitions.js';

export interface StartRequest {
  flow: PublishedFlow;
  /** Deterministic for instances started by events, schedules and subflows (a second start is a no-op). */
  instanceId?: string;
  formId: string | null;
  recordId: string | null;
  initiatorId: string | null;
  depth: number;
  cause: string;
  parent?: FlowInstanceDoc['parent'];
}

export interface StartResult {
  instance: FlowInstanceDoc;
  /** false when an instance with this id already existed. */
  created: boolean;
}

/** The node an instance starts at: the start or trigger node (else the first node nothing points to). */
export function entryNode(flow: PublishedFlow): FlowNode {
  const def = flow.definition;
  const entry =
    def.nodes.find((n) => n.type === 'start' || n.type === 'trigger') ??
    def.nodes.find((n) => !def.edges.some((e) => e.target === n.id));
  if (!entry) throw new Error(`The flow "${flow.name}" has no start node`);
  return entry;
}

/**
 * Creates an instance on the flow version given (it stays on it), with one ready token on the
 * entry node, and queues its first step. An automation nested deeper than the depth limit is
 * stored as failed with the reason in its journal, and does not run.
 */
export async function startInstance(core: RuntimeCore, request: StartRequest): Promise<StartResult> {
  const { flow } = request;
  const now = core.clock();
  const at = now.toISOString();
  const id = request.instanceId ?? newId(now.getTime());
  const instances = core.store.collection<FlowInstanceDoc>(FLOW_INSTANCES);
  const existing = await instances.findOne({ _id: id });
  if (existing) return { instance: existing, created: false };

  const entry = entryNode(flow);
  let title = flow.name;
  if (request.formId && request.recordId) {
    const [form, record] = await Promise.all([
      core.formOf(request.formId),
      core.loadRecord(request.formId, request.recordId),
    ]);
    const recordPart = recordTitle(record, form ? Object.keys(form.definition.fields) : []);
    if (recordPart) title = `${flow.name} · ${recordPart}`;
  }
  const tooDeep = request.depth >= core.maxDepth;
  const doc: FlowInstanceDoc = {
    _id: id,
    flowId: flow.flowId,
    flowVersion: flow.version,
    flowName: flow.name,
    appId: flow.appId,
    mode: flow.definition.mode,
    formId: request.formId,
    recordId: request.recordId,
    initiatorId: request.initiatorId,
    title,
    status: tooDeep ? 'failed' : 'running',
    revision: 1,
    tokens: [{ id: 't1', nodeId: entry.id, step: 1, status: tooDeep ? 'failed' : 'ready', forks: [], trail: [] }],
    tokenSeq: 1,
    approvedBy: [],
    depth: request.depth,
    parent: request.parent ?? null,
    cause: request.cause,
    error: tooDeep
      ? {
          code: 'DEPTH_LIMIT',
          message: serverMessage(messageRef('flow.journal.depthLimit', { max: core.maxDepth })),
          i18n: messageRef('flow.journal.depthLimit', { max: core.maxDepth }),
          at,
        }
      : null,
    lastUrgedAt: null,
    timerCount: 0,
    startedAt: at,
    updatedAt: at,
    endedAt: null,
  };
  const journal: FlowJournalDoc[] = [
    {
      _id: journalId(id, 1, '000'),
      instanceId: id,
      at,
      type: 'started',
      nodeId: entry.id,
      tokenId: 't1',
      stepId: null,
      userId: request.initiatorId,
      ...journalText(messageRef('flow.journal.started', { cause: request.cause, version: flow.version })),
      data: { cause: request.cause, version: flow.version, depth: request.depth },
    },
  ];
  if (tooDeep)
    journal.push({
      ...journal[0],
      _id: journalId(id, 1, '001'),
      type: 'note',
      ...journalText(messageRef('flow.journal.depthLimit', { max: core.maxDepth })),
    });
  try {
    await core.store.transaction(async (tx) => {
      await tx.collection<FlowInstanceDoc>(FLOW_INSTANCES).insertOne(doc);
      await tx.collection<FlowJournalDoc>(FLOW_JOURNAL).insertMany(journal);
      if (doc.mode === 'process' && doc.formId && doc.recordId)
        await tx
          .collection(recordsCollection(doc.formId))
          .updateOne({ _id: doc.recordId }, { $set: { _flowState: tooDeep ? 'failed' : 'running' } });
    });
  } catch (e) {
    if (!isDuplicateKeyError(e)) throw e;
    const raced = await instances.findOne({ _id: id });
    if (raced) return { instance: raced, created: false };
    throw e;
  }
  if (!tooDeep) {
    const first: StepJobData = { instanceId: id, tokenId: 't1', step: 1 };
    await queueStep(core, first).catch((e: unknown) =>
      core.logger.warn({ err: e, instanceId: id }, 'could not queue the first step; it is re-armed at the next start'),
    );
  }
  return { instance: doc, created: true };
}
