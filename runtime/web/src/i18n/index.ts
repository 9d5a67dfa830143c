import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { adminEn } from './admin-en';
import { adminZhCN } from './admin-zh-CN';
import { en } from './en';
import { addServerMessages } from './server-text';
import { zhCN } from './zh-CN';

/**
 * i18next with the player's two languages. The choice is remembered in localStorage; the
 * first visit follows the browser (Chinese browsers get zh-CN, everyone else en).
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'formloom.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The language the player shows now. */
export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  // `admin`: the admin screens' own namespace (admin-en.ts, admin-zh-CN.ts).
  resources: { en: { translation: en, admin: adminEn }, 'zh-CN': { translation: zhCN, admin: adminZhCN } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
addServerMessages(i18n);
document.documentElement.lang = i18n.language;

export { i18n };
