import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  languageOfAcceptHeader,
  MESSAGE_LANGUAGES,
  messageRef,
  SERVER_MESSAGES,
  serverMessage,
  serverMessageI18nResources,
} from './server-messages.js';
import { REPO_ROOT, serverSourceFiles } from '../../../../test/support/server-sources.js';

const repo = REPO_ROOT;
const SERVER_SOURCES = ['runtime/engine/src', 'platform/src', 'plugins'];

/** Every key the server sources name: `messageRef('k' …)` (also `a ? 'k1' : 'k2'`) and `defaultNotice('k', …)` (subject + body). */
function keysInSources(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of serverSourceFiles(SERVER_SOURCES)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bmessageRef\(\s*([^,)]+)/g))
      for (const [, key] of m[1].matchAll(/'([\w.]+)'/g)) found.set(key, file.slice(repo.length));
    for (const m of text.matchAll(/\bdefaultNotice\(\s*'([^']+)'/g)) {
      found.set(`${m[1]}.subject`, file.slice(repo.length));
      found.set(`${m[1]}.body`, file.slice(repo.length));
    }
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('the server message catalogue', () => {
  const used = keysInSources();

  it('finds the keys the server uses (the walk itself works)', () => {
    for (const key of [
      'flow.journal.started',
      'flow.journal.stepRetry',
      'flow.notify.task.subject',
      'exchange.import.rowHeader',
    ])
      expect(used.has(key), key).toBe(true);
    expect(used.size).toBeGreaterThan(40);
  });

  it('has a zh-CN and an en text for every key the server uses', () => {
    const missing = [...used]
      .filter(([key]) =>
        MESSAGE_LANGUAGES.some((lang) => !(SERVER_MESSAGES[lang] as Record<string, string>)[key]?.trim()),
      )
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has both texts for every key, with the same placeholders', () => {
    for (const [key, en] of Object.entries(SERVER_MESSAGES.en)) {
      const zh = (SERVER_MESSAGES['zh-CN'] as Record<string, string>)[key];
      expect(zh?.trim(), key).toBeTruthy();
      expect(placeholders(zh), key).toEqual(placeholders(en));
    }
  });

  it('words a step by its label, else by its kind in the language', () => {
    const labelled = messageRef('flow.journal.approved', { nodeLabel: '经理审批', nodeKind: 'approval' });
    const unlabelled = messageRef('flow.journal.approved', { nodeLabel: null, nodeKind: 'approval' });
    expect(serverMessage(labelled, 'zh-CN')).toBe('经理审批：已同意');
    expect(serverMessage(unlabelled, 'zh-CN')).toBe('审批：已同意');
    expect(serverMessage(unlabelled, 'en')).toBe('Approval: approved');
  });

  it('words why an instance started', () => {
    const started = messageRef('flow.journal.started', { cause: 'record_created', version: 2 });
    expect(serverMessage(started, 'zh-CN')).toBe('已发起（新增数据），流程版本 2');
    expect(serverMessage(started, 'en')).toBe('Started (record created) on version 2');
  });

  it('words an instance status (an ignored step job) in the language', () => {
    const ignored = messageRef('flow.journal.jobIgnoredStatus', { status: 'withdrawn' });
    expect(serverMessage(ignored, 'zh-CN')).toBe('已忽略节点任务：流程已撤回');
    expect(serverMessage(ignored, 'en')).toBe('Step job ignored: the instance is withdrawn');
    const unknown = messageRef('flow.journal.ended', { status: 'paused' });
    expect(serverMessage(unknown, 'zh-CN')).toBe('流程已结束：paused');
  });

  it("words a refused write's problem with the error catalogue (rule and limit, or the code)", () => {
    const tooLong = messageRef('flow.error.recordRejected', {
      form: '客户',
      field: '名称',
      rule: 'maxLength',
      problem: 'must NOT have more than 20 characters',
      fieldKind: 'text',
      limit: 20,
    });
    expect(serverMessage(tooLong, 'zh-CN')).toBe('“客户”拒绝写入数据：名称：最多 20 个字符');
    expect(serverMessage(tooLong, 'en')).toBe('客户 refused the record: 名称: At most 20 characters');
    const unknownRule = messageRef('flow.error.recordRejected', {
      form: 'f',
      field: 'x',
      rule: 'test.new',
      problem: 'Odd',
    });
    expect(serverMessage(unknownRule, 'zh-CN')).toBe('“f”拒绝写入数据：x：Odd');
    const gone = messageRef('flow.error.recordRefused', {
      form: 'f',
      errorCode: 'NOT_FOUND',
      problem: 'Form not found',
    });
    expect(serverMessage(gone, 'zh-CN')).toBe('“f”拒绝写入：内容已不存在');
  });

  it('keeps the raw message of an unexpected exception inside a translated sentence', () => {
    const ref = messageRef('flow.error.unexpected', { detail: 'ECONNRESET {{status}}' });
    expect(serverMessage(ref, 'zh-CN')).toBe('意外错误：ECONNRESET {{status}}');
    expect(serverMessage(messageRef('flow.error.unknownKind', { kind: 'stamp' }), 'en')).toBe(
      'No handler for the node kind "stamp"',
    );
  });

  it('is an i18next resource with the same keys', () => {
    const zh = serverMessageI18nResources('zh-CN') as { flow: { notify: { task: { subject: string } } } };
    expect(zh.flow.notify.task.subject).toBe(SERVER_MESSAGES['zh-CN']['flow.notify.task.subject']);
  });

  it('picks the language an Accept-Language header prefers', () => {
    expect(languageOfAcceptHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(languageOfAcceptHeader('en-US,en;q=0.9,zh;q=0.8', 'zh-CN')).toBe('en');
    expect(languageOfAcceptHeader('fr-FR, en;q=0.3, zh-TW;q=0.5')).toBe('zh-CN');
    expect(languageOfAcceptHeader('fr', 'zh-CN')).toBe('zh-CN');
    expect(languageOfAcceptHeader(undefined)).toBe('en');
  });
});
