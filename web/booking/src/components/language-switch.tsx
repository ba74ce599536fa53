import { isLanguage, LANGUAGES, type Language } from '@sbm/web-shared/i18n';
import { useTranslation } from 'react-i18next';

/** Each language in its own words, so whoever cannot read the current one finds theirs. */
const NAMES: Record<Language, string> = { 'zh-CN': '中文', 'en-US': 'English' };
const FULL_NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

/** Chinese or English, kept for the next visit: two toggle buttons, small enough for the header. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <div role="group" aria-label={t('app.language')} className="language-switch">
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className={language === current ? 'is-current' : undefined}
          aria-pressed={language === current}
          aria-label={FULL_NAMES[language]}
          lang={language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {NAMES[language]}
        </button>
      ))}
    </div>
  );
}
