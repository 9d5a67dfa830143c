import i18next from 'i18next';
import { serverMessage } from '@formloom/engine/messages/server-messages';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { addServerMessages } from '../i18n/server-text';
import { zhCN } from '../i18n/zh-CN';
import { statusLabel, statusWord } from './status-words';

describe('status words on screen', () => {
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

  const INSTANCE_STATUSES = ['running', 'approved', 'rejected', 'ended', 'withdrawn', 'cancelled', 'failed'];

  it('words an instance status exactly as the server writes it in e-mails and the journal, in both languages', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      await i18n.changeLanguage(lang);
      for (const status of INSTANCE_STATUSES) {
        const server = serverMessage({ key: 'flow.journal.ended', params: { status } }, lang);
        const onScreen = i18n.t('flow.journal.ended', { status: statusWord('instance', status, i18n.t) });
        expect(onScreen, `${lang} ${status}`).toBe(server);
        // Worded, not the bare code, in Chinese.
        if (lang === 'zh-CN') expect(statusWord('instance', status, i18n.t)).not.toBe(status);
      }
    }
  });

  it('says 已通过 / 已拒绝 / 已撤回 for a finished instance and 已同意 for an approved task', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(['approved', 'rejected', 'withdrawn'].map((s) => statusLabel('instance', s, i18n.t))).toEqual([
      '已通过',
      '已拒绝',
      '已撤回',
    ]);
    expect(['approved', 'rejected', 'returned', 'transferred'].map((s) => statusLabel('task', s, i18n.t))).toEqual([
      '已同意',
      '已拒绝',
      '已退回',
      '已转交',
    ]);
  });

  it('starts an English tag with a capital and keeps the server word otherwise', async () => {
    await i18n.changeLanguage('en');
    expect(statusLabel('instance', 'running', i18n.t)).toBe('In progress');
    expect(statusLabel('instance', 'approved', i18n.t)).toBe('Approved');
    expect(statusWord('instance', 'approved', i18n.t)).toBe('approved');
    expect(statusLabel('task', 'transferred', i18n.t)).toBe('Handed over');
  });
});
