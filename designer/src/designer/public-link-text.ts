import { useTranslation } from 'react-i18next';

/** Strings of the public-link panel, in their own i18next namespace. */
export const PUBLIC_LINK_NAMESPACE = 'formloom-public-link';

const messages = {
  en: {
    button: 'Public link',
    title: 'Public link',
    explain:
      'Anyone with the link can submit this form without signing in. They see only the published form and cannot read any records.',
    enabled: 'Anyone with the link can fill in',
    disabled: 'Off',
    copy: 'Copy',
    copied: 'Link copied',
    open: 'Open',
    regenerate: 'New link',
    regenerateConfirm: 'Make a new link? The current link stops working at once.',
    regenerated: 'A new link was made; the old one no longer works',
    publishFirst: 'Publish the form before sharing it',
    notFillable: 'Required fields cannot be filled through a public link: {{fields}}',
    leftOut: 'Member, department, link and select-data fields are left out of the public form.',
    failed: 'Could not change the public link: {{message}}',
  },
  'zh-CN': {
    button: '公开链接',
    title: '公开链接',
    explain: '获得链接的任何人无需登录即可提交此表单。他们只能看到已发布的表单，不能查看任何数据。',
    enabled: '获得链接的任何人均可填写',
    disabled: '已关闭',
    copy: '复制',
    copied: '链接已复制',
    open: '打开',
    regenerate: '重新生成链接',
    regenerateConfirm: '重新生成链接？当前链接将立即失效。',
    regenerated: '已生成新链接，旧链接已失效',
    publishFirst: '请先发布表单再分享',
    notFillable: '以下必填字段无法通过公开链接填写：{{fields}}',
    leftOut: '成员、部门、关联数据和选择数据字段不会出现在公开表单中。',
    failed: '无法修改公开链接：{{message}}',
  },
};
export type PublicLinkMessageKey = keyof (typeof messages)['en'];

export function usePublicLinkText() {
  const { i18n } = useTranslation();
  for (const [language, bundle] of Object.entries(messages)) {
    if (!i18n.hasResourceBundle(language, PUBLIC_LINK_NAMESPACE))
      i18n.addResourceBundle(language, PUBLIC_LINK_NAMESPACE, bundle);
  }
  const { t } = useTranslation(PUBLIC_LINK_NAMESPACE);
  return (key: PublicLinkMessageKey, values?: Record<string, unknown>) => t(key, values ?? {});
}
