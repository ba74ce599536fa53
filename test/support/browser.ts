// Debian's Chromium driven by playwright-core (Playwright's own browser builds cannot be fetched here),
// with what the browser tests share: a console page, screenshots in both languages, accessibility checks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../lib/local/cloud';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Git-ignored; every screen lands here at 1440×900 in zh-CN and en-US, to be looked at. */
export const SCREENSHOTS = join(REPO_ROOT, '.screenshots', 'console');

/**
 * Headless Chromium in a fresh profile. Without the background-networking flags it tries to reach
 * Google's services, which the closed network refuses.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

/**
 * A page of its own (cookies and storage included) at 1440×900, in a browser far from Shanghai: the
 * console must reckon days and times in Shanghai whatever the browser's zone. When the suite runs with a
 * moved clock (npm run test:clocks), the page's clock is moved the same way. The browser asks for reduced
 * motion, which the console honours: menus and dialogs appear at once, so a click never lands on one
 * still animating in or out (under load such clicks were lost).
 */
export async function newConsolePage(
  browser: Browser,
  { viewport = { width: 1440, height: 900 } }: { viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
    reducedMotion: 'reduce',
  });
  if (process.env.SBM_TEST_CLOCK_OFFSET_MS) await context.clock.install({ time: Date.now() });
  const page = await context.newPage();
  let requests = 0;
  page.on('request', () => (requests += 1));
  page.on('requestfinished', () => (requests -= 1));
  page.on('requestfailed', () => (requests -= 1));
  requestsInFlight.set(page, () => requests);
  const faults: string[] = [];
  pageFaults.set(page, faults);
  page.on('pageerror', (error) => faults.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // A refused resource (a 404 of a route the API does not have yet) is the network's business, not the page's.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      faults.push(`console: ${message.text()}`);
  });
  return page;
}

const pageFaults = new WeakMap<Page, string[]>();
const requestsInFlight = new WeakMap<Page, () => number>();

/** Waits (up to 5 s) until the page's finite animations have ended; a spinner turns for ever and is not waited for. */
const animationsEnded = (page: Page) =>
  page
    .waitForFunction(
      () =>
        (
          globalThis as unknown as {
            document: {
              getAnimations(): {
                playState: string;
                effect: { getComputedTiming(): { iterations?: number } } | null;
              }[];
            };
          }
        ).document
          .getAnimations()
          .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
          .every((animation) => animation.playState !== 'running'),
      undefined,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => undefined);

/**
 * The page at rest: no request in flight for 150 ms, then no finite animation running. Charts draw on a
 * canvas over about half a second, outside the page's animations, so a page with one waits that long.
 */
export async function settled(page: Page) {
  const inFlight = requestsInFlight.get(page) ?? (() => 0);
  const deadline = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 150) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await animationsEnded(page);
  if (await page.locator('canvas').count()) await page.waitForTimeout(600);
}

/** Uncaught errors and console errors of the page so far, content security policy refusals included. */
export function expectNoPageFaults(page: Page) {
  expect(pageFaults.get(page) ?? []).toEqual([]);
}

/** axe-core's findings on the page as it is: none serious or critical may remain. */
export async function expectAccessible(page: Page, screen: string) {
  // Colours read mid-transition (a button fading in) are not the ones a reader is left with; a page
  // still moving after 5 s is checked as it is.
  await animationsEnded(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')),
    }));
  expect(grave, `accessibility of ${screen}`).toEqual([]);
}

const OTHER_LANGUAGE = { 'zh-CN': 'en-US', 'en-US': 'zh-CN' } as const;
const LANGUAGE_BUTTON = { 'zh-CN': '简体中文', 'en-US': 'English' } as const;

/** The page's language, as the console sets it on <html lang>. */
export const languageOf = async (page: Page) =>
  ((await page.locator('html').getAttribute('lang')) ?? 'zh-CN') as keyof typeof OTHER_LANGUAGE;

/** Switches the console's language with its own switch. */
export async function switchLanguage(page: Page, to: keyof typeof OTHER_LANGUAGE) {
  await page.getByRole('button', { name: LANGUAGE_BUTTON[to], exact: true }).click();
  await expect.poll(() => languageOf(page)).toBe(to);
}

/** A screenshot of the screen in both languages (the page is left in the language it was in). */
export async function capture(page: Page, screen: string, folder = SCREENSHOTS) {
  mkdirSync(folder, { recursive: true });
  const first = await languageOf(page);
  for (const language of [first, OTHER_LANGUAGE[first]]) {
    if (language !== (await languageOf(page))) await switchLanguage(page, language);
    await settled(page);
    await page.screenshot({ path: join(folder, `${screen}.${language}.png`) });
  }
  await switchLanguage(page, first);
}
