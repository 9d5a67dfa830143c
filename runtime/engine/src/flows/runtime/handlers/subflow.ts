import type { SubflowNodeData } from '@formloom/model';
import { nodeData, type FlowNodeHandler } from '../node-handlers.js';
import { resolveFieldMap } from '../value-sources.js';
import { messageRef } from '../../../messages/server-messages.js';
import { failWith } from '../runtime-texts.js';

/**
 * Subflow: starts a flow on a record linked from this one or on a new record. sync waits for
 * the child instance to end (it resumes this token), async goes on at once. The child's id is
 * derived from the step, so a re-run finds the same child.
 */
export const subflowHandler: FlowNodeHandler = {
  kind: 'subflow',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<SubflowNodeData>(exec);
    const child = await exec.core.flows.latest(data.flowId);
    if (!child) return failWith(messageRef('flow.error.noFlow', { flowId: data.flowId }), 'NO_FLOW');
    const record = await exec.record();
    let recordId: string | null;
    const formId = child.definition.formId ?? null;
    if (data.record.type === 'link') {
      const value = record?.[data.record.field];
      recordId =
        typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
      if (!recordId)
        return {
          type: 'next',
          journal: { message: messageRef('flow.journal.subflowNoRecord', { field: data.record.field }) },
        };
    } else {
      const form = exec.instance.formId ? await exec.core.formOf(exec.instance.formId) : null;
      const values = resolveFieldMap(data.record.fieldMap, {
        record,
        fields: form?.definition.fields,
        initiatorId: exec.instance.initiatorId,
        now: exec.now,
        timeZone: exec.core.timeZone,
      });
      const ctx = await exec.core.systemContext(data.record.formId, exec.instance.depth + 1);
      recordId = (await exec.core.records.create(ctx, values, { idempotencyKey: `flow:${exec.stepId}` })).id;
    }
    const childId = await exec.startChild({
      key: `subflow:${exec.stepId}`,
      flowId: data.flowId,
      recordId,
      formId: data.record.type === 'create' ? data.record.formId : formId,
      sync: data.mode === 'sync',
    });
    if (data.mode === 'async')
      return {
        type: 'next',
        journal: { message: messageRef('flow.journal.subflowStarted', { childId }), data: { childId } },
      };
    return {
      type: 'wait',
      wait: { kind: 'subflow', childId },
      journal: { message: messageRef('flow.journal.subflowWaiting', { childId }), data: { childId } },
    };
  },
};
