// Every string key the console's code names exists in both catalogues: the sign-in page's own and each
// section's. Keys built at run time (`menu.${key}`) are checked where they are rendered, by the component
// tests, which fail on any key a catalogue lacks (src/testing/setup.ts).
import { describe, expect, it } from 'vitest';
import { enUS } from './en-US';
import { sectionStrings } from './sections';
import { zhCN } from './zh-CN';

const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** `t('a.b')`, `t("a.b", …)`, `i18nKey="a.b"`: the keys written out whole. */
const literalKeys = (source: string) =>
  [...source.matchAll(/\bt\(\s*(['"])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1|i18nKey=(['"])([\w.-]+)\3/g)].map(
    (match) => match[2] ?? match[4]!,
  );

const catalogues = {
  'zh-CN': { ...zhCN, ...sectionStrings['zh-CN'] },
  'en-US': { ...enUS, ...sectionStrings['en-US'] },
};

/** Whether a dotted key names a string (or i18next's plural forms of one) or a group of them. */
function has(catalogue: object, key: string) {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = catalogue;
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  const holder = node as Record<string, unknown> | undefined;
  return (
    ['string', 'object'].includes(typeof holder?.[last]) || typeof holder?.[`${last}_other`] === 'string'
  );
}

describe("the console's strings", () => {
  const uses = Object.entries(sources).flatMap(([file, source]) =>
    literalKeys(source).map((key) => ({ file, key })),
  );

  it('finds the keys the code names', () => {
    expect(uses.length).toBeGreaterThan(500);
    expect(literalKeys('t(\'a.b\'); t("c.d", { n }); <Trans i18nKey="e.f" />; t(`g.${h}`)')).toEqual([
      'a.b',
      'c.d',
      'e.f',
    ]);
  });

  for (const [language, catalogue] of Object.entries(catalogues))
    it(`has every key in ${language}`, () => {
      expect(uses.filter(({ key }) => !has(catalogue, key))).toEqual([]);
    });

  it('tells a key that is there from one that is not', () => {
    expect(has(catalogues['zh-CN'], 'signIn.title')).toBe(true);
    expect(has(catalogues['zh-CN'], 'signIn.noSuchKey')).toBe(false);
  });
});
