import type { NotifyNodeData, WebhookNodeData } from '@formloom/model';
import { buildTemplateData } from '../../../templates/template-data.js';
import { resolveAssignees } from '../../assignees/resolve-assignees.js';
import { assigneeContext } from '../assignee-context.js';
import { fieldValuesOf } from '../record-values.js';
import { nodeData, type FlowNodeHandler, type NodeExecution } from '../node-handlers.js';
import { messageRef } from '../../../messages/server-messages.js';
import { failWith } from '../runtime-texts.js';

/**
 * Template data of messages and webhooks in the notifier's standard shape (buildTemplateData):
 * the record's values by key (`record.f_amount`, `record.data.f_amount`) and by label
 * (`record.labels.Amount`, the `field` helper), the instance, and this node as `node`.
 */
async function templateData(exec: NodeExecution): Promise<Record<string, unknown>> {
  const record = await exec.record();
  const inst = exec.instance;
  const form = inst.formId ? await exec.core.formOf(inst.formId) : null;
  const fields = form ? Object.entries(form.definition.fields).map(([key, meta]) => ({ key, label: meta.label })) : [];
  return buildTemplateData({
    record: record
      ? {
          id: record._id,
          formId: inst.formId ?? undefined,
          data: fieldValuesOf(record),
          createdAt: record._createdAt,
          updatedAt: record._updatedAt,
          createdBy: record._createdBy,
        }
      : null,
    fields,
    instance: {
      id: inst._id,
      flowId: inst.flowId,
      flowName: inst.flowName,
      title: inst.title,
      initiatorId: inst.initiatorId,
    },
    extra: {
      recordVersion: record?._version ?? null,
      node: {
        id: exec.node.id,
        label: typeof exec.node.data.label === 'string' ? exec.node.data.label : exec.node.type,
      },
    },
  });
}

/** Notify: a message to people, through the notifier (idempotent on the step). */
export const notifyHandler: FlowNodeHandler = {
  kind: 'notify',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<NotifyNodeData>(exec);
    const notifier = exec.core.notifier();
    if (!notifier) return { type: 'next', journal: { message: messageRef('flow.journal.noNotifier') } };
    const ctx = await assigneeContext(exec.core, exec.instance, await exec.record());
    const resolution = await resolveAssignees(data.recipients, ctx, `${exec.instance.flowId}:${exec.node.id}`);
    if (resolution.outcome === 'error')
      return { type: 'fail', message: resolution.message, code: 'NO_ASSIGNEE', i18n: resolution.i18n };
    const recipients = resolution.outcome === 'assigned' ? resolution.userIds : [];
    if (recipients.length === 0)
      return { type: 'next', journal: { message: messageRef('flow.journal.nobodyToNotify') } };
    await notifier.notify({
      idempotencyKey: `flow:${exec.stepId}`,
      recipientIds: recipients,
      channels: data.channels.length > 0 ? data.channels : ['inapp'],
      subject: data.subject,
      body: data.body,
      data: await templateData(exec),
      link: exec.instance.recordId ? `/flows/instances/${exec.instance._id}` : undefined,
      category: 'flow',
    });
    return {
      type: 'next',
      journal: { message: messageRef('flow.journal.notified', { users: recipients.join(', ') }), data: { recipients } },
    };
  },
};

/** Webhook: queued by the notifier (signed, retried, logged), idempotent on the step. */
export const webhookHandler: FlowNodeHandler = {
  kind: 'webhook',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<WebhookNodeData>(exec);
    const notifier = exec.core.notifier();
    if (!notifier) return failWith(messageRef('flow.error.noNotifier'), 'NO_NOTIFIER');
    const key = `flow:${exec.stepId}`;
    await notifier.sendWebhook({
      idempotencyKey: key,
      url: data.url,
      bodyTemplate: data.bodyTemplate,
      payload: await templateData(exec),
      headers: data.headers,
      source: { flowId: exec.instance.flowId, instanceId: exec.instance._id, nodeId: exec.node.id },
    });
    return {
      type: 'next',
      journal: { message: messageRef('flow.journal.webhookQueued', { url: data.url }), data: { idempotencyKey: key } },
    };
  },
};
