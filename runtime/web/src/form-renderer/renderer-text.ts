import { useTranslation } from 'react-i18next';

/**
 * The renderer's own strings, in their own i18next namespace, added to whatever i18next
 * instance the host app (player or designer) provides. That keeps the renderer importable
 * without the player's message files.
 */
export const RENDERER_NAMESPACE = 'formloom-renderer';

const messages = {
  en: {
    submit: 'Submit',
    select: 'Select…',
    yes: 'Yes',
    no: 'No',
    unsupported: 'This field kind ({{kind}}) is not supported by the player yet',
    formulaEmpty: 'Calculated from the other fields',
    serialOnSave: 'Generated on save',
    addressRegion: 'Province / city / district',
    addressDetail: 'Street and number',
    lat: 'Lat',
    lng: 'Lng',
    latRange: 'Latitude must be from -90 to 90',
    lngRange: 'Longitude must be from -180 to 180',
    richEdit: 'Edit HTML',
    richPreview: 'Preview',
    richPlaceholder: 'Text with HTML tags such as <b>bold</b>',
    orgTypeIds: 'Type ids and press Enter',
    orgUnavailable: 'You may not read the organisation list, so ids are typed by hand',
    linkSearch: 'Search records…',
    linkUnavailable: 'The linked form cannot be searched',
    linkNotAvailable: '(not available)',
    subformAdd: 'Add row',
    subformRemove: 'Remove row',
    subformEmpty: 'No rows yet',
    subformLimits: '{{min}} to {{max}} rows',
  },
  'zh-CN': {
    submit: '提交',
    select: '请选择',
    yes: '是',
    no: '否',
    unsupported: '播放器暂不支持此字段类型（{{kind}}）',
    formulaEmpty: '根据其他字段自动计算',
    serialOnSave: '保存后自动生成',
    addressRegion: '省 / 市 / 区',
    addressDetail: '详细地址',
    lat: '纬度',
    lng: '经度',
    latRange: '纬度须在 -90 到 90 之间',
    lngRange: '经度须在 -180 到 180 之间',
    richEdit: '编辑 HTML',
    richPreview: '预览',
    richPlaceholder: '可使用 HTML 标签，例如 <b>加粗</b>',
    orgTypeIds: '输入 ID 后按回车',
    orgUnavailable: '你无权读取组织架构列表，请手动输入 ID',
    linkSearch: '搜索记录…',
    linkUnavailable: '无法搜索关联表单',
    linkNotAvailable: '(无权查看或已删除)',
    subformAdd: '添加一行',
    subformRemove: '删除此行',
    subformEmpty: '暂无数据',
    subformLimits: '{{min}} 至 {{max}} 行',
  },
};
export type RendererMessageKey = keyof (typeof messages)['en'];

export function useRendererText() {
  const { i18n } = useTranslation();
  for (const [language, bundle] of Object.entries(messages)) {
    if (!i18n.hasResourceBundle(language, RENDERER_NAMESPACE))
      i18n.addResourceBundle(language, RENDERER_NAMESPACE, bundle);
  }
  const { t } = useTranslation(RENDERER_NAMESPACE);
  return (key: RendererMessageKey, values?: Record<string, unknown>) => t(key, values ?? {});
}
