import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { i18n } from '../lib/i18n';

// A key missing from a catalogue fails the test that rendered it (i18next would show the key itself).
const missingKeys: string[] = [];
i18n.options.saveMissing = true;
i18n.options.missingKeyHandler = (languages, _namespace, key) => {
  missingKeys.push(`${[languages].flat().join(',')}: ${key}`);
};

beforeEach(async () => {
  localStorage.clear();
  missingKeys.length = 0;
  await i18n.changeLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  expect(missingKeys, 'keys missing from the booking catalogues').toEqual([]);
});
