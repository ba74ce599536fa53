// Every string key the console's code names exists in both catalogues: the sign-in page's own and each
// section's (web/console/src/locales). Keys built at run time (`menu.${key}`) are checked where they
// are rendered, by the component tests, which fail on any key a catalogue lacks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enUS } from '../../web/console/src/locales/en-US';
import { sectionStrings } from '../../web/console/src/locales/sections';
import { zhCN } from '../../web/console/src/locales/zh-CN';

const SOURCE = join(import.meta.dirname, '../../web/console/src');

const sourceFiles = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
        ? [join(folder, entry.name)]
        : [],
  );

/** `t('a.b')`, `t("a.b", …)`, `i18nKey="a.b"`: the keys written out whole. */
const literalKeys = (source: string) =>
  [...source.matchAll(/\bt\(\s*(['"])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1|i18nKey=(['"])([\w.-]+)\3/g)].map(
    (match) => match[2] ?? match[4]!,
  );

const catalogues = {
  'zh-CN': { ...zhCN, ...sectionStrings['zh-CN'] },
  'en-US': { ...enUS, ...sectionStrings['en-US'] },
};

/** The string at a dotted key, or its plural forms (i18next's `_one`, `_other`). */
function has(catalogue: object, key: string) {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = catalogue;
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  const holder = node as Record<string, unknown> | undefined;
  return (
    typeof holder?.[last] === 'string' ||
    typeof holder?.[`${last}_other`] === 'string' ||
    typeof holder?.[last] === 'object'
  );
}

describe("the console's strings", () => {
  const uses = sourceFiles(SOURCE).flatMap((file) =>
    literalKeys(readFileSync(file, 'utf8')).map((key) => ({ file: file.slice(SOURCE.length + 1), key })),
  );

  it('finds the keys the code names', () => {
    expect(uses.length).toBeGreaterThan(500);
    expect(literalKeys(`t('a.b'); t("c.d", { n }); <Trans i18nKey="e.f" />; t(\`g.\${h}\`)`)).toEqual([
      'a.b',
      'c.d',
      'e.f',
    ]);
  });

  for (const [language, catalogue] of Object.entries(catalogues))
    it(`has every key in ${language}`, () => {
      expect(uses.filter(({ key }) => !has(catalogue, key))).toEqual([]);
    });

  it('is caught when a key is missing', () => {
    expect(has(catalogues['zh-CN'], 'signIn.title')).toBe(true);
    expect(has(catalogues['zh-CN'], 'signIn.noSuchKey')).toBe(false);
  });
});
