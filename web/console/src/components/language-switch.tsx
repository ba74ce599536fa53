import { Button } from 'antd';
import { isLanguage, LANGUAGES, type Language } from '@sbm/web-shared/i18n';
import { useTranslation } from 'react-i18next';

/** Each language in its own words, so whoever cannot read the current one finds theirs. */
const NAMES: Record<Language, string> = { 'zh-CN': '简体中文', 'en-US': 'English' };

/** Chinese or English, kept for the next visit. Two toggle buttons: lighter than a Segmented or Select. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <div role="group" aria-label={t('app.language')} className="language-switch">
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          size="small"
          type={language === current ? 'primary' : 'text'}
          aria-pressed={language === current}
          lang={language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {NAMES[language]}
        </Button>
      ))}
    </div>
  );
}
