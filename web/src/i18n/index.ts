import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import zhCN from './zh-CN';
import { normaliseLang, type Lang } from '../lib/format';

export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'ttm.lang';

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored) return normaliseLang(stored);
  } catch { /* storage unavailable */ }
  return 'zh-CN';
}

export function setLanguage(lang: Lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* ignore */ }
  void i18n.changeLanguage(lang);
}

/** The page's language attribute and title (the product's name in that language). */
function applyToDocument() {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = normaliseLang(i18n.language);
  document.title = i18n.t('app.name');
}

i18n.on('languageChanged', applyToDocument);

export function initI18n(lang: Lang = initialLang()) {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: lang,
      fallbackLng: 'zh-CN',
      supportedLngs: LANGS,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  }
  applyToDocument();
  return i18n;
}

export default i18n;
