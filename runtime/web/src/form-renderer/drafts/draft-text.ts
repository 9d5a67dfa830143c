import { useTranslation } from 'react-i18next';

/** Strings of the draft notices, in their own i18next namespace. */
const NAMESPACE = 'formloom-drafts';

const messages = {
  en: {
    found: 'An unsent draft of this form from {{time}} was kept.',
    restore: 'Restore draft',
    discard: 'Discard',
    kept: 'The server cannot be reached. Your input is kept as a draft on this device; try again.',
  },
  'zh-CN': {
    found: '已保留 {{time}} 未提交的草稿。',
    restore: '恢复草稿',
    discard: '丢弃',
    kept: '无法连接服务器。已在本设备保留草稿，请稍后重试。',
  },
};

export function useDraftText() {
  const { i18n } = useTranslation();
  for (const [language, bundle] of Object.entries(messages)) {
    if (!i18n.hasResourceBundle(language, NAMESPACE)) i18n.addResourceBundle(language, NAMESPACE, bundle);
  }
  const { t } = useTranslation(NAMESPACE);
  return (key: keyof (typeof messages)['en'], values?: Record<string, unknown>) => t(key, values ?? {});
}
