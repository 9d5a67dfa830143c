import { useTranslation } from 'react-i18next';

/** Strings of the file, image and signature widgets, in their own i18next namespace. */
export const FILE_WIDGET_NAMESPACE = 'formloom-file-widgets';

const messages = {
  en: {
    upload: 'Upload',
    uploadImage: 'Add image',
    fileType: 'This type of file is not accepted',
    maxSize: 'The file is larger than {{mb}} MB',
    maxCount: 'At most {{count}} file(s)',
    network: 'Upload failed: the server cannot be reached',
    failed: 'Upload failed',
    signHere: 'Sign in the box with the mouse or a finger',
    clear: 'Clear',
    done: 'Done',
    redraw: 'Sign again',
    signature: 'Signature',
    empty: 'Draw your signature first',
  },
  'zh-CN': {
    upload: '上传文件',
    uploadImage: '添加图片',
    fileType: '不接受此类型的文件',
    maxSize: '文件超过 {{mb}} MB',
    maxCount: '最多 {{count}} 个文件',
    network: '上传失败：无法连接服务器',
    failed: '上传失败',
    signHere: '请用鼠标或手指在框内签名',
    clear: '清除',
    done: '完成',
    redraw: '重新签名',
    signature: '签名',
    empty: '请先签名',
  },
};
export type FileWidgetMessageKey = keyof (typeof messages)['en'];

export function useFileWidgetText() {
  const { i18n } = useTranslation();
  for (const [language, bundle] of Object.entries(messages)) {
    if (!i18n.hasResourceBundle(language, FILE_WIDGET_NAMESPACE))
      i18n.addResourceBundle(language, FILE_WIDGET_NAMESPACE, bundle);
  }
  const { t } = useTranslation(FILE_WIDGET_NAMESPACE);
  return (key: FileWidgetMessageKey, values?: Record<string, unknown>) => t(key, values ?? {});
}
