// The README and the notes beside the code: short enough to read, every link and command real, and
// about the product as it is (no development diary).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../lib/local/cloud';

const serviceNotes = readdirSync(join(REPO_ROOT, 'lib'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(REPO_ROOT, 'lib', entry.name, 'README.md')))
  .map((entry) => join(REPO_ROOT, 'lib', entry.name, 'README.md'));
const documents = [join(REPO_ROOT, 'README.md'), join(REPO_ROOT, 'cdk', 'README.md'), ...serviceNotes];
const read = (path: string) => readFileSync(path, 'utf8');
const named = (path: string) => relative(REPO_ROOT, path);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (markdown: string) =>
  new Set([...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1]!)));
/** Markdown links outside code, as [text](target). */
const linksOf = (markdown: string) =>
  [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);

describe('the README', () => {
  const readme = read(join(REPO_ROOT, 'README.md'));

  it('is at most about 25 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25_600);
  });

  it('opens with a table of contents naming every section', () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((match) => anchorOf(match[1]!));
    const contents = [...readme.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)$/gm)].map((match) => match[1]!);
    expect(contents).toEqual(sections);
  });

  it('says the two commands near the top', () => {
    expect(readme.slice(0, 2500)).toContain('npm ci && npm start');
    expect(readme.slice(0, 2500)).toContain('npm test');
  });
});

describe.each(documents.map((path) => [named(path), path]))('%s', (_, path) => {
  const markdown = read(path);

  it('links only to files and headings that exist', () => {
    for (const link of linksOf(markdown)) {
      if (/^https?:/.test(link)) continue;
      const [file, anchor] = link.split('#');
      const target = file ? join(dirname(path), file) : path;
      expect(existsSync(target), `${link} in ${named(path)}`).toBe(true);
      if (anchor) expect(anchorsOf(read(target)), `${link} in ${named(path)}`).toContain(anchor);
    }
  });

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(
      (JSON.parse(read(join(REPO_ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts,
    );
    for (const [, script] of markdown.matchAll(/npm run ([\w:-]+)/g)) expect(scripts).toContain(script);
  });

  it('names only repository paths that exist', () => {
    const mentioned = [...markdown.matchAll(/`((?:lib|cdk|test|functions|events)\/[\w./-]+)`/g)].map(
      (match) => match[1]!,
    );
    for (const mentionedPath of mentioned)
      expect(existsSync(join(REPO_ROOT, mentionedPath)), `${mentionedPath} in ${named(path)}`).toBe(true);
  });

  it('describes the product as it is, not how it was built', () => {
    expect(markdown).not.toMatch(
      /\b(this|that|earlier|previous|last|next) (session|sprint)s?\b|\bsessions? \d|\bissue #?\d|\buntil this\b/i,
    );
  });
});
