import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeLabelText } from './node-label.js';

describe('nodeLabelText', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      lng: 'zh-CN',
      resources: { 'zh-CN': { translation: { tasks: { flow: { kinds: { start: '发起', condition: '条件分支' } } } } } },
    });
  });

  it('names unlabelled steps (labelled by their kind) in the user language', () => {
    expect(nodeLabelText('start', i18n.t)).toBe('发起');
    expect(nodeLabelText('condition', i18n.t)).toBe('条件分支');
  });

  it("keeps the builder's own labels and shows nothing for none", () => {
    expect(nodeLabelText('经理审批', i18n.t)).toBe('经理审批');
    expect(nodeLabelText(null, i18n.t)).toBe('');
  });
});
