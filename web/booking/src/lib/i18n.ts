import { createI18n } from '@sbm/web-shared/i18n';
import { enUS } from '../locales/en-US';
import { zhCN } from '../locales/zh-CN';

/** Where the language switch is kept between visits (not a secret). */
export const LANGUAGE_STORAGE_KEY = 'sbm.booking.language';

export const i18n = createI18n({ 'zh-CN': zhCN, 'en-US': enUS }, LANGUAGE_STORAGE_KEY);
