import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from './en';
import { serverMessage } from '@formloom/engine/messages/server-messages';
import { addServerMessages, serverText, stepName } from './server-text';
import { zhCN } from './zh-CN';

describe('server texts in the player', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      lng: 'zh-CN',
      fallbackLng: 'en',
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      interpolation: { escapeValue: false },
    });
    addServerMessages(i18n);
  });

  it('words a journal entry by its key in the user language, naming an unlabelled step by its kind', () => {
    const ref = { key: 'flow.journal.approved', params: { nodeLabel: null, nodeKind: 'approval' } };
    expect(serverText(ref, 'approval: approved', i18n.t, i18n)).toBe('审批：已同意');
    const started = { key: 'flow.journal.started', params: { cause: 'submit', version: 3 } };
    expect(serverText(started, 'Started (submit) on version 3', i18n.t, i18n)).toBe('已发起（提交数据），流程版本 3');
  });

  it('words an instance status inside params as the server does (已通过, not the task word 已同意)', () => {
    const ended = { key: 'flow.journal.ended' as const, params: { status: 'approved' } };
    expect(serverText(ended, 'The instance ended: approved', i18n.t, i18n)).toBe('流程已结束：已通过');
    expect(serverText(ended, 'The instance ended: approved', i18n.t, i18n)).toBe(serverMessage(ended, 'zh-CN'));
    const rejected = { key: 'flow.journal.ended', params: { status: 'rejected' } };
    expect(serverText(rejected, 'The instance ended: rejected', i18n.t, i18n)).toBe('流程已结束：已拒绝');
  });

  it('words a default notification title and keeps user text as it is', () => {
    const subject = {
      key: 'flow.notify.task.subject',
      params: { title: '采购 #12', nodeLabel: '经理审批', nodeKind: 'approval' },
    };
    expect(serverText(subject, 'Task: 经理审批 · 采购 #12', i18n.t, i18n)).toBe('待办：经理审批 · 采购 #12');
    const tricky = {
      key: 'flow.notify.cc.subject',
      params: { title: '{{nodeKind}} <b>', nodeLabel: null, nodeKind: 'cc' },
    };
    expect(serverText(tricky, 'CC', i18n.t, i18n)).toBe('抄送：{{nodeKind}} <b>');
  });

  it('words why a flow failed: no branch, a refused write, a bad value, an unknown kind, an unexpected error', () => {
    const noBranch = { key: 'flow.error.noBranch', params: { nodeLabel: null, nodeKind: 'condition' } };
    expect(serverText(noBranch, 'No branch of Condition matches', i18n.t, i18n)).toBe(
      `“${zhCN.tasks.flow.kinds.condition}”没有满足条件的分支，也没有默认分支`,
    );
    const rejected = {
      key: 'flow.error.recordRejected',
      params: {
        form: '客户',
        field: '名称',
        rule: 'required',
        problem: 'must have required property',
        fieldKind: 'text',
      },
    };
    expect(serverText(rejected, 'refused', i18n.t, i18n)).toBe('“客户”拒绝写入数据：名称：此项为必填项');
    const refused = {
      key: 'flow.error.recordRefused',
      params: { form: '客户', errorCode: 'NOT_FOUND', problem: 'Form not found' },
    };
    expect(serverText(refused, 'refused', i18n.t, i18n)).toBe('“客户”拒绝写入：内容已不存在');
    const badValue = { key: 'flow.error.badValue', params: { field: '金额', formulaError: '#DIV/0!' } };
    expect(serverText(badValue, 'bad', i18n.t, i18n)).toBe('金额 的公式结果为 #DIV/0!');
    const unknownKind = { key: 'flow.error.unknownKind', params: { kind: 'stamp' } };
    expect(serverText(unknownKind, 'No handler', i18n.t, i18n)).toBe('没有能执行节点类型“stamp”的处理程序');
    const unexpected = { key: 'flow.error.unexpected', params: { detail: 'disk on fire <b>' } };
    expect(serverText(unexpected, 'Unexpected error: disk on fire', i18n.t, i18n)).toBe('意外错误：disk on fire <b>');
  });

  it('names the people a text mentions when the caller knows their names', () => {
    const waiting = { key: 'flow.journal.waitingFor', params: { users: 'u1, u2' } };
    const names: Record<string, string> = { u1: '李四', u2: '王五' };
    expect(serverText(waiting, 'Waiting for u1, u2', i18n.t, i18n, (id) => names[id] ?? id)).toBe(
      '等待 李四、王五 处理',
    );
    expect(serverText(waiting, 'Waiting for u1, u2', i18n.t, i18n)).toBe('等待 u1, u2 处理');
  });

  it('shows the English text of old entries (no key) and of keys this build does not know', () => {
    expect(serverText(null, 'Branch e1', i18n.t, i18n)).toBe('Branch e1');
    expect(serverText({ key: 'flow.journal.fromTheFuture', params: {} }, 'Something new', i18n.t, i18n)).toBe(
      'Something new',
    );
  });

  it('names steps: the label, else the kind in the user language', () => {
    expect(stepName('经理审批', 'approval', i18n.t)).toBe('经理审批');
    expect(stepName('start', 'approval', i18n.t)).toBe('start');
    expect(stepName(null, 'start', i18n.t)).toBe(zhCN.tasks.flow.kinds.start);
    expect(stepName(null, null, i18n.t)).toBe('');
  });
});
