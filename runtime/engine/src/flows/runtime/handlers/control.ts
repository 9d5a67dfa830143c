import { isFormloomError, type DelayNodeData, type EndNodeData } from '@formloom/model';
import type { FieldCatalogue } from '../../../conditions/field-catalogue.js';
import { chooseBranch } from '../../branches.js';
import { nodeData, type FlowNodeHandler } from '../node-handlers.js';
import { messageRef } from '../../../messages/server-messages.js';
import { failWith, nodeParams } from '../runtime-texts.js';

/** Start of an automation: the trigger already happened. */
export const triggerHandler: FlowNodeHandler = { kind: 'trigger', execute: async () => ({ type: 'next' }) };

export const endHandler: FlowNodeHandler = {
  kind: 'end',
  async execute(execution) {
    const data = nodeData<EndNodeData>(execution);
    const result = data.result === 'approved' || data.result === 'rejected' ? data.result : 'ended';
    return { type: 'end', result };
  },
};

/** Condition (条件分支): the first matching branch by priority, else the default. */
export const conditionHandler: FlowNodeHandler = {
  kind: 'condition',
  async execute(exec) {
    const record = (await exec.record()) ?? {};
    const fields: FieldCatalogue =
      (exec.instance.formId ? await exec.core.catalogueOf(exec.instance.formId) : null) ?? new Map();
    try {
      const choice = chooseBranch(
        exec.flow.definition,
        exec.node.id,
        record,
        exec.core.conditionContext(exec.instance.initiatorId),
        fields,
      );
      return {
        type: 'goto',
        target: choice.target,
        journal: {
          message: messageRef('flow.journal.branch', { edge: choice.edgeId }),
          data: { evaluations: choice.evaluations },
        },
      };
    } catch (e) {
      if (isFormloomError(e) && e.details.some((d) => d.rule === 'noBranch'))
        return failWith(messageRef('flow.error.noBranch', nodeParams(exec.node)), 'NO_BRANCH');
      if (isFormloomError(e)) return failWith(messageRef('flow.error.unexpected', { detail: e.message }), 'NO_BRANCH');
      throw e;
    }
  },
};

export const parallelHandler: FlowNodeHandler = { kind: 'parallel', execute: async () => ({ type: 'fork' }) };
export const joinHandler: FlowNodeHandler = { kind: 'join', execute: async () => ({ type: 'join' }) };

/** Delay: waits a duration, or until a date field of the record (plus an offset). */
export const delayHandler: FlowNodeHandler = {
  kind: 'delay',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<DelayNodeData>(exec);
    let dueMs = exec.now.getTime() + (data.durationMs ?? 0);
    if (data.untilField) {
      const value = (await exec.record())?.[data.untilField];
      const at = typeof value === 'string' ? Date.parse(value) : NaN;
      if (Number.isNaN(at))
        return { type: 'next', journal: { message: messageRef('flow.journal.noDate', { field: data.untilField }) } };
      dueMs = at + (data.offsetMs ?? 0);
    }
    if (dueMs <= exec.now.getTime())
      return { type: 'next', journal: { message: messageRef('flow.journal.delayOver') } };
    const timerId = `${exec.stepId}:delay`;
    return {
      type: 'wait',
      wait: { kind: 'timer', timerId },
      timers: [
        {
          _id: timerId,
          instanceId: exec.instance._id,
          kind: 'delay',
          taskId: null,
          tokenId: exec.token.id,
          step: exec.token.step,
          dueAt: new Date(dueMs).toISOString(),
          status: 'pending',
          firedAt: null,
          seq: 0,
        },
      ],
      journal: { message: messageRef('flow.journal.waitingUntil', { until: new Date(dueMs).toISOString() }) },
    };
  },
};
