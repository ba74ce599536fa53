import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/** The language kept from last time (not a secret: localStorage is fine), or Simplified Chinese. */
export function storedLanguage(storageKey: string): Language {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * An i18next instance for one front end, ready before the first render: resources are bundled (they
 * are small), keys are grouped by page, and a switch of language is kept under storageKey.
 */
export function createI18n(resources: Record<Language, Resource[string]>, storageKey: string): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(
      Object.entries(resources).map(([language, bundle]) => [language, { translation: bundle }]),
    ),
    lng: storedLanguage(storageKey),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  instance.on('languageChanged', (language) => {
    try {
      globalThis.localStorage?.setItem(storageKey, language);
    } catch {
      // Private browsing may refuse storage; the switch still holds for this visit.
    }
    if (globalThis.document) globalThis.document.documentElement.lang = language;
  });
  if (globalThis.document) globalThis.document.documentElement.lang = instance.language;
  return instance;
}
