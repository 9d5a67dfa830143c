import { Segmented } from 'antd';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { saveMyLocale } from '../api/endpoints';
import { AuthContext } from '../auth/auth-context';
import { setLanguage, type Language } from './index';

/**
 * 中文 / English toggle; the choice is remembered for the next visit and, when someone is
 * signed in, saved as their language (notifications, e-mail and files are written in it).
 */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const signedIn = useContext(AuthContext)?.user != null;
  const choose = (language: Language) => {
    setLanguage(language);
    if (signedIn) void saveMyLocale(language).catch(() => undefined);
  };
  return (
    <Segmented<Language>
      aria-label={t('language')}
      size="small"
      value={i18n.language === 'zh-CN' ? 'zh-CN' : 'en'}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={choose}
    />
  );
}
