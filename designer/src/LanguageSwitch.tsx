import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from './i18n/i18n.js';

/** zh-CN / en, remembered in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('app.language')}
      size="small"
      value={i18n.language as Language}
      onChange={setLanguage}
      style={{ width: 110 }}
      options={[
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
