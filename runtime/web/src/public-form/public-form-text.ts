import { useTranslation } from 'react-i18next';

/** Strings of the public-link page, in their own i18next namespace (like the file widgets'). */
export const PUBLIC_FORM_NAMESPACE = 'formloom-public-form';

const messages = {
  en: {
    loading: 'Loading the form…',
    closedTitle: 'This link is not available',
    closedText: 'The form behind this link was closed, replaced or never existed. Ask whoever sent it for a new link.',
    submit: 'Submit',
    thanksTitle: 'Thank you!',
    thanksText: 'Your answer was received.',
    again: 'Fill in again',
    fixErrors: 'Please correct the highlighted fields',
    tooMany: 'Too many submissions from here; please wait a minute and try again.',
    network: 'The server cannot be reached. Your answers are still here; try again.',
    failed: 'Something went wrong: {{message}}',
    anonymous: 'You are filling this form without signing in.',
    poweredBy: 'Made with Formloom',
  },
  'zh-CN': {
    loading: '正在加载表单…',
    closedTitle: '此链接不可用',
    closedText: '该链接对应的表单已关闭、已更换链接或不存在。请向发送者索取新的链接。',
    submit: '提交',
    thanksTitle: '提交成功，谢谢！',
    thanksText: '我们已收到你的填写。',
    again: '再填一份',
    fixErrors: '请修改标出的字段',
    tooMany: '提交过于频繁，请稍等一分钟后再试。',
    network: '无法连接服务器。你填写的内容仍在页面上，请重试。',
    failed: '出错了：{{message}}',
    anonymous: '你正在以匿名方式填写此表单，无需登录。',
    poweredBy: '由 Formloom 提供',
  },
};
export type PublicFormMessageKey = keyof (typeof messages)['en'];

export function usePublicFormText() {
  const { i18n } = useTranslation();
  for (const [language, bundle] of Object.entries(messages)) {
    if (!i18n.hasResourceBundle(language, PUBLIC_FORM_NAMESPACE))
      i18n.addResourceBundle(language, PUBLIC_FORM_NAMESPACE, bundle);
  }
  const { t } = useTranslation(PUBLIC_FORM_NAMESPACE);
  return (key: PublicFormMessageKey, values?: Record<string, unknown>) => t(key, values ?? {});
}
