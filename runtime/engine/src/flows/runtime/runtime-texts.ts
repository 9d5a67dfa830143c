import {
  BUILTIN_FLOW_NODE_KINDS,
  type FlowNode,
  type FormloomError,
  type NotificationRequest,
  type PublishedFormVersion,
} from '@formloom/model';
import { fieldParams } from '../../messages/error-messages.js';
import {
  messageParams,
  messageRef,
  nodeKindName,
  SERVER_MESSAGES,
  serverMessage,
  type MessageRef,
} from '../../messages/server-messages.js';
import type { FlowTaskDoc } from './flow-runtime.types.js';
import type { NodeOutcome } from './node-handlers.js';

/**
 * The stored text of a journal entry: a plain sentence as it is, a `MessageRef` as its English
 * sentence (`message`) plus the ref (`i18n`) the player words in the reader's language.
 */
export function journalText(text: string | MessageRef | JournalText): JournalText {
  if (typeof text === 'string') return { message: text };
  if ('message' in text) return text;
  return { message: serverMessage(text, 'en'), i18n: text };
}

/** A journal entry's stored text: English, and the ref when it has one. */
export interface JournalText {
  message: string;
  i18n?: MessageRef;
}

/** The params that name a step: the builder's label (null when there is none) and the node's kind. */
export function nodeParams(node: FlowNode): { nodeLabel: string | null; nodeKind: string } {
  const label = node.data.label;
  return { nodeLabel: typeof label === 'string' && label.length > 0 ? label : null, nodeKind: node.type };
}

const BUILTIN_KINDS = new Set<string>(BUILTIN_FLOW_NODE_KINDS);

/**
 * A task's step as params. Tasks stored before `nodeKind` existed carry the kind as the label
 * of an unlabelled node (`approval`): read as no label of that kind.
 */
export function taskStepParams(task: Pick<FlowTaskDoc, 'nodeLabel' | 'nodeKind'>): {
  nodeLabel: string | null;
  nodeKind: string;
} {
  if (task.nodeKind !== undefined) return { nodeLabel: task.nodeLabel, nodeKind: task.nodeKind };
  if (task.nodeLabel !== null && BUILTIN_KINDS.has(task.nodeLabel))
    return { nodeLabel: null, nodeKind: task.nodeLabel };
  return { nodeLabel: task.nodeLabel, nodeKind: '' };
}

export type DefaultNotice = 'flow.notify.task' | 'flow.notify.cc' | 'flow.notify.reminder' | 'flow.notify.urge';

/**
 * The parts of a notification written from a default template: English subject and body
 * (templates over `data`, for readers that do not know `builtin`), the data, and the
 * `builtin` key the notifier words in each recipient's language.
 */
export function defaultNotice(
  key: DefaultNotice,
  task: FlowTaskDoc,
): Pick<NotificationRequest, 'subject' | 'body' | 'data' | 'builtin'> {
  const params = { title: task.title, ...taskStepParams(task) };
  const step = messageParams(params, (kind) => nodeKindName(kind, 'en')).step;
  return {
    subject: SERVER_MESSAGES.en[`${key}.subject`],
    body: SERVER_MESSAGES.en[`${key}.body`],
    data: { ...params, step, task: taskData(task), instance: { id: task.instanceId, title: task.title } },
    builtin: { key, params },
  };
}

/** A task as template data (`{{task.title}}`, `{{task.nodeLabel}}` — the label, else the kind). */
export function taskData(task: FlowTaskDoc): Record<string, unknown> {
  return {
    id: task._id,
    title: task.title,
    nodeLabel: task.nodeLabel ?? task.nodeKind ?? '',
    kind: task.kind,
    flowName: task.flowName,
    dueAt: task.dueAt,
  };
}

/** A node's failure with a keyed message (English in `message`, the ref for the reader's language). */
export function failWith(i18n: MessageRef, code: string): Extract<NodeOutcome, { type: 'fail' }> {
  return { type: 'fail', message: serverMessage(i18n), code, i18n };
}

/**
 * A write the records engine refused, keyed: the form's `name` and the first detail's field,
 * rule and limit (worded by the error catalogue), or the error's code when it names no field.
 */
export function refusedWrite(
  error: FormloomError,
  name: string,
  form: PublishedFormVersion | null,
): Extract<NodeOutcome, { type: 'fail' }> {
  const [first] = error.details;
  if (!first)
    return failWith(
      messageRef('flow.error.recordRefused', { form: name, errorCode: error.code, problem: error.message }),
      error.code,
    );
  const field = form ? fieldParams(form.definition, first) : {};
  const params = {
    form: name,
    field: field.label ?? first.path,
    rule: first.rule,
    problem: first.message,
    fieldKind: field.kind ?? null,
    limit: field.limit ?? null,
  };
  return failWith(messageRef('flow.error.recordRejected', params), error.code);
}

/** A value a formula could not compute, keyed: the target field's label and the formula's error code. */
export function badValue(
  field: string,
  formulaError: string,
  form: PublishedFormVersion | null,
): Extract<NodeOutcome, { type: 'fail' }> {
  const label = form?.definition.fields[field]?.label ?? field;
  return failWith(messageRef('flow.error.badValue', { field: label, formulaError }), 'VALUE');
}
