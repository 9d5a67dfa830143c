import { FLOW_NODE_KIND_MESSAGES } from '../flows/definitions/node-kind-messages.js';
import { codeMessage, ruleMessage } from './error-messages.js';

/**
 * Texts the server writes for people, by stable key, in English and Simplified Chinese: flow
 * journal entries (`flow.journal.*`), why an instance failed (`flow.error.*`; an exception
 * nobody foresaw as `flow.error.unexpected` around its raw message), the default notification templates (`flow.notify.*`,
 * subject and body) and the Excel import's error report (`exchange.import.*`).
 *
 * Stored data keeps the English text (for API consumers and old readers) plus a `MessageRef`
 * `{key, params}`; the player words the ref in the user's language with i18next
 * (`serverMessageI18nResources`), e-mails and files are written in the recipient's language
 * (`serverMessage`). Texts use `{{name}}` placeholders, which both i18next and the isolated
 * handlebars renderer fill. A param pair `nodeLabel` (null for an unlabelled step) + `nodeKind`
 * becomes `{{step}}`: the builder's label, else the kind's name in the language.
 * `server-messages.test.ts` fails on a key without both texts or one used in the server
 * sources but missing here.
 */
export const MESSAGE_LANGUAGES = ['en', 'zh-CN'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export type MessageParamValue = string | number | boolean | null;
export type MessageParams = Record<string, MessageParamValue>;

const EN = {
  // Flow instance journal
  'flow.journal.started': 'Started ({{cause}}) on version {{version}}',
  'flow.journal.depthLimit': 'Automation depth limit ({{max}}) reached: automations triggering each other stopped here',
  'flow.journal.stepRetry': 'Step failed, will retry: {{error}}',
  'flow.journal.stepFailed': 'Step failed for good: {{error}}',
  'flow.journal.stepNext': '{{step}}: passed',
  'flow.journal.stepGoto': '{{step}}: branch chosen',
  'flow.journal.stepFork': '{{step}}: branches started',
  'flow.journal.stepJoin': '{{step}}: branch arrived',
  'flow.journal.stepWait': '{{step}}: waiting',
  'flow.journal.stepEnd': '{{step}}: reached',
  'flow.journal.failed': 'The instance failed: {{error}}',
  'flow.journal.jobIgnoredStatus': 'Step job ignored: the instance is {{status}}',
  'flow.journal.jobIgnoredApplied': 'Step job ignored: the step was already applied',
  'flow.journal.ended': 'The instance ended: {{status}}',
  'flow.journal.branch': 'Branch {{edge}}',
  'flow.journal.noDate': 'No date in {{field}}: not waiting',
  'flow.journal.delayOver': 'The delay is already over',
  'flow.journal.waitingUntil': 'Waiting until {{until}}',
  'flow.journal.nobodyToAsk': 'Nobody to ask: the node was skipped',
  'flow.journal.allSkipped': 'Every approver was skipped automatically',
  'flow.journal.waitingFor': 'Waiting for {{users}}',
  'flow.journal.copiedTo': 'Copied to {{users}}',
  'flow.journal.noInitiator': 'No initiator to resubmit: going on',
  'flow.journal.toInitiator': 'Returned to the initiator to resubmit',
  'flow.journal.noNotifier': 'No notifier is configured: nothing was sent',
  'flow.journal.nobodyToNotify': 'Nobody to notify',
  'flow.journal.notified': 'Notified {{users}}',
  'flow.journal.webhookQueued': 'Webhook queued to {{url}}',
  'flow.journal.recordCreated': 'Created record {{recordId}}',
  'flow.journal.recordUpdated': 'Updated record {{recordId}}',
  'flow.journal.recordsUpdated': 'Updated {{count}} record(s)',
  'flow.journal.noRecordToUpdate': 'No record to update',
  'flow.journal.recordsDeleted': 'Deleted {{count}} record(s)',
  'flow.journal.noRecordToDelete': 'No record to delete',
  'flow.journal.subflowNoRecord': 'No record linked in {{field}}: subflow not started',
  'flow.journal.subflowStarted': 'Started subflow {{childId}}',
  'flow.journal.subflowWaiting': 'Waiting for subflow {{childId}}',
  'flow.journal.subflowEnded': 'Subflow {{childId}} ended',
  'flow.journal.approved': '{{step}}: approved',
  'flow.journal.rejected': '{{step}}: rejected',
  'flow.journal.returnedTo': 'Returned to {{step}}',
  'flow.journal.action': '{{action}}',
  'flow.journal.actionWithComment': '{{action}}: {{comment}}',
  'flow.journal.withdraw': 'withdraw',
  'flow.journal.urge': 'urge',
  'flow.journal.cancel': 'cancel',
  'flow.journal.retry': 'retry',
  'flow.journal.timerDelayOver': 'The delay is over',
  'flow.journal.reminded': 'Reminded {{user}}',
  'flow.journal.dueApproved': 'Due: approved automatically',
  'flow.journal.dueRejected': 'Due: rejected automatically',
  'flow.journal.dueNoReturn': 'Due: nothing earlier to return to',
  'flow.journal.dueReturned': 'Due: returned automatically',
  'flow.journal.dueNoEscalation': 'Due: nobody to escalate to',
  'flow.journal.dueEscalated': 'Due: escalated to {{users}}',
  'flow.journal.due': 'Due',
  // Why an instance failed (its error, also the journal's error entry)
  'flow.error.noAssignee': 'The assignee rules found no one',
  'flow.error.noAssigneeNoAdmin': 'The assignee rules found no one and there is no active admin to take over',
  'flow.error.noFlow': 'The flow "{{flowId}}" is not published or not enabled',
  'flow.error.noNotifier': 'No notifier is configured: webhooks cannot be sent',
  'flow.error.noBranch': 'No branch of {{step}} matches and it has no default branch',
  'flow.error.recordRejected': '{{form}} refused the record: {{field}}: {{problem}}',
  'flow.error.recordRefused': '{{form}} refused the write: {{problem}}',
  'flow.error.badValue': 'The formula for {{field}} gives {{formulaError}}',
  'flow.error.unknownKind': 'No handler for the node kind "{{kind}}"',
  'flow.error.unexpected': 'Unexpected error: {{detail}}',
  // An instance's status (the `status` param)
  'flow.status.running': 'in progress',
  'flow.status.approved': 'approved',
  'flow.status.rejected': 'rejected',
  'flow.status.ended': 'ended',
  'flow.status.withdrawn': 'withdrawn',
  'flow.status.cancelled': 'cancelled',
  'flow.status.failed': 'failed',
  // Why an instance started (the `cause` param)
  'flow.cause.submit': 'submit',
  'flow.cause.record_created': 'record created',
  'flow.cause.record_updated': 'record updated',
  'flow.cause.record_deleted': 'record deleted',
  'flow.cause.schedule': 'schedule',
  'flow.cause.button': 'button',
  'flow.cause.subflow': 'subflow',
  'flow.cause.api': 'API',
  // Default notification templates (params: title, nodeLabel, nodeKind)
  'flow.notify.task.subject': 'Task: {{step}} · {{title}}',
  'flow.notify.task.body': '{{title}} is waiting for you at "{{step}}".',
  'flow.notify.cc.subject': 'CC: {{title}}',
  'flow.notify.cc.body': '{{title}} was copied to you at "{{step}}".',
  'flow.notify.reminder.subject': 'Reminder: {{title}}',
  'flow.notify.reminder.body': '{{title}} is still waiting for you at "{{step}}".',
  'flow.notify.urge.subject': 'Reminder: {{title}} is waiting for you',
  'flow.notify.urge.body': '{{title}} is waiting for you at "{{step}}".',
  // Excel import error report (errors.xlsx)
  'exchange.import.sheet': 'Errors',
  'exchange.import.rowHeader': 'Row',
  'exchange.import.errorsHeader': 'Errors',
} as const;

export type ServerMessageKey = keyof typeof EN;

const ZH: Record<ServerMessageKey, string> = {
  'flow.journal.started': '已发起（{{cause}}），流程版本 {{version}}',
  'flow.journal.depthLimit': '已达到自动化嵌套上限（{{max}}）：自动化相互触发在此停止',
  'flow.journal.stepRetry': '节点执行失败，将重试：{{error}}',
  'flow.journal.stepFailed': '节点执行失败，不再重试：{{error}}',
  'flow.journal.stepNext': '{{step}}：已通过',
  'flow.journal.stepGoto': '{{step}}：已选择分支',
  'flow.journal.stepFork': '{{step}}：已开始并行分支',
  'flow.journal.stepJoin': '{{step}}：分支已到达',
  'flow.journal.stepWait': '{{step}}：等待中',
  'flow.journal.stepEnd': '{{step}}：已到达',
  'flow.journal.failed': '流程出错：{{error}}',
  'flow.journal.jobIgnoredStatus': '已忽略节点任务：流程{{status}}',
  'flow.journal.jobIgnoredApplied': '已忽略节点任务：该节点已执行过',
  'flow.journal.ended': '流程已结束：{{status}}',
  'flow.journal.branch': '进入分支 {{edge}}',
  'flow.journal.noDate': '{{field}} 中没有日期：不等待',
  'flow.journal.delayOver': '延时已过，无需等待',
  'flow.journal.waitingUntil': '等待至 {{until}}',
  'flow.journal.nobodyToAsk': '没有处理人：已跳过该节点',
  'flow.journal.allSkipped': '所有审批人均已自动跳过',
  'flow.journal.waitingFor': '等待 {{users}} 处理',
  'flow.journal.copiedTo': '已抄送给 {{users}}',
  'flow.journal.noInitiator': '没有可重新提交的发起人：继续流转',
  'flow.journal.toInitiator': '已退回发起人重新提交',
  'flow.journal.noNotifier': '未配置通知服务：未发送任何消息',
  'flow.journal.nobodyToNotify': '没有需要通知的人',
  'flow.journal.notified': '已通知 {{users}}',
  'flow.journal.webhookQueued': 'Webhook 已排队发送至 {{url}}',
  'flow.journal.recordCreated': '已新增数据 {{recordId}}',
  'flow.journal.recordUpdated': '已修改数据 {{recordId}}',
  'flow.journal.recordsUpdated': '已修改 {{count}} 条数据',
  'flow.journal.noRecordToUpdate': '没有需要修改的数据',
  'flow.journal.recordsDeleted': '已删除 {{count}} 条数据',
  'flow.journal.noRecordToDelete': '没有需要删除的数据',
  'flow.journal.subflowNoRecord': '{{field}} 中没有关联数据：未启动子流程',
  'flow.journal.subflowStarted': '已启动子流程 {{childId}}',
  'flow.journal.subflowWaiting': '等待子流程 {{childId}}',
  'flow.journal.subflowEnded': '子流程 {{childId}} 已结束',
  'flow.journal.approved': '{{step}}：已同意',
  'flow.journal.rejected': '{{step}}：已拒绝',
  'flow.journal.returnedTo': '已退回到 {{step}}',
  'flow.journal.action': '{{action}}',
  'flow.journal.actionWithComment': '{{action}}：{{comment}}',
  'flow.journal.withdraw': '撤回',
  'flow.journal.urge': '催办',
  'flow.journal.cancel': '取消',
  'flow.journal.retry': '重试',
  'flow.journal.timerDelayOver': '延时结束',
  'flow.journal.reminded': '已提醒 {{user}}',
  'flow.journal.dueApproved': '已超时：自动同意',
  'flow.journal.dueRejected': '已超时：自动拒绝',
  'flow.journal.dueNoReturn': '已超时：没有可退回的节点',
  'flow.journal.dueReturned': '已超时：自动退回',
  'flow.journal.dueNoEscalation': '已超时：没有可移交的人',
  'flow.journal.dueEscalated': '已超时：已移交给 {{users}}',
  'flow.journal.due': '已超时',
  'flow.error.noAssignee': '按处理人规则没有找到任何人',
  'flow.error.noAssigneeNoAdmin': '按处理人规则没有找到任何人，也没有可以接手的管理员',
  'flow.error.noFlow': '流程“{{flowId}}”未发布或未启用',
  'flow.error.noNotifier': '未配置通知服务：无法发送 Webhook',
  'flow.error.noBranch': '“{{step}}”没有满足条件的分支，也没有默认分支',
  'flow.error.recordRejected': '“{{form}}”拒绝写入数据：{{field}}：{{problem}}',
  'flow.error.recordRefused': '“{{form}}”拒绝写入：{{problem}}',
  'flow.error.badValue': '{{field}} 的公式结果为 {{formulaError}}',
  'flow.error.unknownKind': '没有能执行节点类型“{{kind}}”的处理程序',
  'flow.error.unexpected': '意外错误：{{detail}}',
  'flow.status.running': '进行中',
  'flow.status.approved': '已通过',
  'flow.status.rejected': '已拒绝',
  'flow.status.ended': '已结束',
  'flow.status.withdrawn': '已撤回',
  'flow.status.cancelled': '已取消',
  'flow.status.failed': '出错',
  'flow.cause.submit': '提交数据',
  'flow.cause.record_created': '新增数据',
  'flow.cause.record_updated': '修改数据',
  'flow.cause.record_deleted': '删除数据',
  'flow.cause.schedule': '定时',
  'flow.cause.button': '按钮',
  'flow.cause.subflow': '子流程',
  'flow.cause.api': '接口',
  'flow.notify.task.subject': '待办：{{step}} · {{title}}',
  'flow.notify.task.body': '“{{title}}”正在“{{step}}”等待你处理。',
  'flow.notify.cc.subject': '抄送：{{title}}',
  'flow.notify.cc.body': '“{{title}}”在“{{step}}”抄送给了你。',
  'flow.notify.reminder.subject': '提醒：{{title}}',
  'flow.notify.reminder.body': '“{{title}}”仍在“{{step}}”等待你处理。',
  'flow.notify.urge.subject': '催办：{{title}} 正在等待你处理',
  'flow.notify.urge.body': '“{{title}}”正在“{{step}}”等待你处理。',
  'exchange.import.sheet': '错误',
  'exchange.import.rowHeader': '行号',
  'exchange.import.errorsHeader': '错误原因',
};

export const SERVER_MESSAGES: Record<MessageLanguage, Record<ServerMessageKey, string>> = { en: EN, 'zh-CN': ZH };

/** A text by key with its parameters: what stored data carries beside its English sentence. */
export interface MessageRef {
  key: ServerMessageKey;
  params: MessageParams;
}

export function messageRef(key: ServerMessageKey, params: MessageParams = {}): MessageRef {
  return { key, params };
}

export function isServerMessageKey(key: unknown): key is ServerMessageKey {
  return typeof key === 'string' && Object.hasOwn(EN, key);
}

/** `zh`, `zh-CN`, `zh-Hans-CN` … → zh-CN; anything else (or nothing) → `fallback`. */
export function messageLanguage(value: unknown, fallback: MessageLanguage = 'en'): MessageLanguage {
  if (typeof value !== 'string') return fallback;
  const lower = value.trim().toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

/**
 * The language an `Accept-Language` header prefers among ours (by q-value, then order), or
 * `fallback` when it names neither.
 */
export function languageOfAcceptHeader(header: unknown, fallback: MessageLanguage = 'en'): MessageLanguage {
  if (typeof header !== 'string' || header === '') return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

/** The built-in kinds' names (`approval` → "Approval" / "审批"); other kinds keep their id. */
export function nodeKindName(kind: string, lang: MessageLanguage): string {
  const names = FLOW_NODE_KIND_MESSAGES[lang];
  return Object.hasOwn(names, kind) ? names[kind].label : kind;
}

/**
 * The params a text is filled with: `step` added from `nodeLabel` (the builder's) or, for an
 * unlabelled step, `nodeKind` named by `kindName`.
 */
export function messageParams(params: MessageParams, kindName: (kind: string) => string): MessageParams {
  if (!('nodeKind' in params) && !('nodeLabel' in params)) return { ...params };
  const label = typeof params.nodeLabel === 'string' && params.nodeLabel !== '' ? params.nodeLabel : null;
  const kind = typeof params.nodeKind === 'string' ? params.nodeKind : '';
  return { ...params, step: label ?? kindName(kind) };
}

/**
 * A refused write's `problem` in `lang`: worded by its `rule` (a field's, with `fieldKind` and
 * `limit`) or
 * its `errorCode` from the error catalogue, else the server's sentence as it is.
 */
export function problemText(params: MessageParams, lang: MessageLanguage): MessageParamValue | undefined {
  const problem = params.problem;
  if (typeof problem !== 'string') return problem;
  if (typeof params.rule === 'string') {
    const kind = typeof params.fieldKind === 'string' ? params.fieldKind : undefined;
    const limit = typeof params.limit === 'string' || typeof params.limit === 'number' ? params.limit : undefined;
    return ruleMessage({ path: '', rule: params.rule, message: problem }, lang, { kind, limit });
  }
  if (typeof params.errorCode === 'string') return codeMessage({ code: params.errorCode, message: problem }, lang);
  return problem;
}

/** A param that is a code with a text of its own (`cause` → `flow.cause.*`, `status` → `flow.status.*`). */
function codeWord(prefix: 'flow.cause' | 'flow.status', value: MessageParamValue | undefined, lang: MessageLanguage) {
  const key = `${prefix}.${String(value)}`;
  return typeof value === 'string' && isServerMessageKey(key) ? SERVER_MESSAGES[lang][key] : value;
}

/** The text of `ref` in `lang`, placeholders filled (plain text: no escaping, no helpers). */
export function serverMessage(ref: MessageRef, lang: MessageLanguage = 'en'): string {
  const text = SERVER_MESSAGES[lang][ref.key];
  const params = messageParams(ref.params, (kind) => nodeKindName(kind, lang));
  if ('cause' in params) params.cause = codeWord('flow.cause', params.cause, lang) ?? null;
  if ('status' in params) params.status = codeWord('flow.status', params.status, lang) ?? null;
  if ('problem' in params) params.problem = problemText(params, lang) ?? null;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && params[name] !== null ? String(params[name]) : whole,
  );
}

type Nested = { [key: string]: string | Nested };

/** The catalogue as an i18next resource (nested keys, `{{param}}` placeholders as they are). */
export function serverMessageI18nResources(lang: MessageLanguage): Nested {
  const out: Nested = {};
  for (const [key, text] of Object.entries(SERVER_MESSAGES[lang])) {
    const path = key.split('.');
    let at = out;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Nested;
    at[path[path.length - 1]] = text;
  }
  return out;
}
