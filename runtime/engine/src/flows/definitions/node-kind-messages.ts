import { FLOW_LINT_MESSAGES } from './lint-messages.js';

type Lang = 'en' | 'zh-CN';
type Text = { label: string; description: string };

/** Palette labels and descriptions of the built-in node kinds (`flow.node.<kind>.label|description`). */
export const FLOW_NODE_KIND_MESSAGES: Record<Lang, Record<string, Text>> = {
  en: {
    start: { label: 'Start', description: 'Where the flow begins when a record is submitted' },
    trigger: { label: 'Trigger', description: 'What starts the automation: a record event, a schedule or a button' },
    approval: { label: 'Approval', description: 'People approve or reject: any one, all, in sequence or by vote' },
    handle: { label: 'Handle', description: 'People fill in or edit fields and submit' },
    cc: { label: 'CC', description: 'Lets people know and shows them the record' },
    condition: { label: 'Condition', description: 'Takes the first branch whose condition matches, else the default' },
    parallel: { label: 'Parallel split', description: 'Runs every branch at the same time' },
    join: { label: 'Join', description: 'Waits until every branch of the split has arrived' },
    create_record: { label: 'Create record', description: 'Adds a record to a form with mapped values' },
    update_records: { label: 'Update records', description: 'Changes this record or records found by a condition' },
    upsert_record: { label: 'Upsert record', description: 'Updates the matching record or creates it' },
    delete_records: { label: 'Delete records', description: 'Moves this record or found records to the recycle bin' },
    notify: { label: 'Notify', description: 'Sends an in-app message or an email' },
    webhook: { label: 'Webhook', description: 'Calls a URL with a signed JSON body' },
    delay: { label: 'Delay', description: 'Waits for a time or until a date in the record' },
    subflow: { label: 'Subflow', description: 'Starts another flow on a linked or new record' },
    end: { label: 'End', description: 'Ends the flow as approved, rejected or ended' },
  },
  'zh-CN': {
    start: { label: '发起', description: '提交数据时流程从这里开始' },
    trigger: { label: '触发', description: '启动自动化的方式：数据事件、定时或按钮' },
    approval: { label: '审批', description: '审批人同意或拒绝：或签、会签、依次审批或按比例投票' },
    handle: { label: '办理', description: '办理人填写或修改字段后提交' },
    cc: { label: '抄送', description: '通知相关人员并让其查看数据' },
    condition: { label: '条件分支', description: '按优先级进入第一个满足条件的分支，否则进入默认分支' },
    parallel: { label: '并行分支', description: '同时执行所有分支' },
    join: { label: '汇聚', description: '等待并行分支的所有分支到达' },
    create_record: { label: '新增数据', description: '按字段映射向表单新增一条数据' },
    update_records: { label: '修改数据', description: '修改当前数据或按条件找到的数据' },
    upsert_record: { label: '新增或修改', description: '修改匹配的数据，不存在时新增' },
    delete_records: { label: '删除数据', description: '将当前数据或找到的数据移入回收站' },
    notify: { label: '发送通知', description: '发送站内消息或邮件' },
    webhook: { label: 'Webhook', description: '以签名的 JSON 请求调用一个地址' },
    delay: { label: '延时', description: '等待一段时间，或等到数据中的某个日期' },
    subflow: { label: '子流程', description: '在关联数据或新数据上启动另一个流程' },
    end: { label: '结束', description: '以通过、拒绝或结束的结果结束流程' },
  },
};

type Nested = { [key: string]: string | Nested };

function setPath(target: Nested, path: string[], value: string) {
  let at = target;
  for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Nested;
  at[path[path.length - 1]] = value;
}

/**
 * The flow engine's strings as an i18next resource (nested keys, `{{param}}` placeholders):
 * `flow.lint.<code>` and `flow.node.<kind>.label|description` for the built-in kinds. Merge it
 * into an app's translation resources so `t(problem.i18nKey, problem.params)` works.
 */
export function flowI18nResources(lang: Lang): Nested {
  const out: Nested = {};
  for (const [code, text] of Object.entries(FLOW_LINT_MESSAGES[lang]))
    setPath(out, ['flow', 'lint', ...code.split('.')], text.replace(/\{(\w+)\}/g, '{{$1}}'));
  for (const [kind, text] of Object.entries(FLOW_NODE_KIND_MESSAGES[lang])) {
    setPath(out, ['flow', 'node', kind, 'label'], text.label);
    setPath(out, ['flow', 'node', kind, 'description'], text.description);
  }
  return out;
}
