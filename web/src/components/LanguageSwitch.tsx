import { useTranslation } from 'react-i18next';
import { LANGS, setLanguage } from '../i18n';
import { normaliseLang, type Lang } from '../lib/format';

const LABELS: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** Switches the UI language in place: the route and the page state stay as they are. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = normaliseLang(i18n.language);
  return (
    <div className="lang-switch" role="group" aria-label={t('app.language')} data-testid="language-switch">
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === current ? 'active' : ''}
          aria-pressed={l === current}
          data-testid={`lang-${l}`}
          onClick={() => setLanguage(l)}
        >
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}
