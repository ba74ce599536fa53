// The built member booking PWA in Chromium at a phone's size (390×844) against a local cloud of this
// file's own: it opens at /book/, asks to sign in, installs its service worker, and opens offline from
// its cache with the offline banner. axe-core on every screen, screenshots in both languages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { measureConsole } from '../../lib/bench/console-size';
import { REPO_ROOT, type LocalCloud } from '../../lib/local/cloud';
import { BOOKING_DIST } from '../../lib/local/console-build';
import {
  capture,
  expectAccessible,
  expectNoPageFaults,
  launchChromium,
  newConsolePage,
  settled,
} from '../support/browser';
import { startTestCloud } from '../support/local-cloud';

/** Git-ignored, beside the console's. */
const SCREENSHOTS = join(REPO_ROOT, '.screenshots', 'booking');

let cloud: LocalCloud;
let browser: Browser;
let page: Page;
/** Every script the page fetched (from the network or its service worker), by path. */
const scripts = new Set<string>();

/**
 * What the browser must fetch before the first screen shows (the entry and its static imports), gzipped:
 * 334 KB in one chunk before the screens were split, 269 KB after (the rest loads per screen).
 */
const INITIAL_JS_BUDGET_KB_GZ = 300;

/** The built PWA's chunks by source, from Vite's manifest (dist/.vite/manifest.json). */
const builtChunks = () =>
  JSON.parse(readFileSync(join(BOOKING_DIST, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; name?: string }
  >;
const chunkOf = (source: RegExp) =>
  `/book/${Object.entries(builtChunks()).find(([key]) => source.test(key))![1].file}`;

beforeAll(async () => {
  [cloud, browser] = await Promise.all([startTestCloud(), launchChromium()]);
  page = await newConsolePage(browser, { viewport: { width: 390, height: 844 } });
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.js')) scripts.add(path);
  });
});

afterEach(() => expectNoPageFaults(page));

afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

/** What the page's scripts see, typed here (the tests compile without the DOM's types). */
interface InPage {
  document: { querySelector(selector: string): { href: string } | null };
  navigator: { serviceWorker: { ready: Promise<{ scope: string }>; controller: unknown } };
  caches: { keys(): Promise<string[]> };
}

const signInHeading = () => page.getByRole('heading', { name: /登录商场预约|Sign in to Mall bookings/ });
const appName = () => page.getByRole('heading', { name: /^(商场预约|Mall bookings)$/, level: 1 });

describe('the booking PWA', () => {
  it('opens at /book/ and asks a member outside WeChat to sign in by SMS, checking the number first', async () => {
    await page.goto(`${cloud.url}/book/`);
    await signInHeading().waitFor();
    expect(new URL(page.url()).pathname).toBe('/book/sign-in');
    await appName().waitFor();
    // Outside WeChat (no MicroMessenger in the user agent) there is no WeChat button.
    expect(await page.getByRole('button', { name: /微信/ }).count()).toBe(0);
    // The phone number is checked before any code is sent.
    await page.getByRole('textbox', { name: '手机号' }).fill('12345');
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('请输入有效的手机号').waitFor();

    await expectAccessible(page, 'booking sign-in');
    await capture(page, 'sign-in', SCREENSHOTS);
    // The sign-in screen's chunk, and none of the signed-in screens' nor the QR renderer.
    expect(scripts).toContain(chunkOf(/sign-in-page\.tsx$/));
    for (const screen of [/venues-page\.tsx$/, /bookings-page\.tsx$/, /me-page\.tsx$/, /qrcode[\\/]/])
      expect(scripts, String(screen)).not.toContain(chunkOf(screen));
  });

  it('loads at most its budget of script before the first screen, the libraries in chunks of their own', () => {
    const size = measureConsole(BOOKING_DIST);
    expect(size.initialKbGz).toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB_GZ);
    // React's and Ant Design's code are chunks apart from the app's, so a release of the app leaves them cached.
    const initial = size.initialFiles.map((file) => file.replace(/-[\w-]{8}\.js$/, ''));
    expect(initial).toEqual(expect.arrayContaining(['assets/index', 'assets/react', 'assets/antd']));
    // The service worker precaches every chunk, so each screen opens offline too.
    const precached = readFileSync(join(BOOKING_DIST, 'sw.js'), 'utf8');
    for (const chunk of size.chunks) expect(precached, chunk.file).toContain(`"${chunk.file}"`);
  });

  it('is installable: a manifest of its own scope with icons of 192 and 512 pixels, one maskable', async () => {
    const manifest = await page.evaluate(async () => {
      const link = (globalThis as unknown as InPage).document.querySelector('link[rel="manifest"]');
      return link ? ((await (await fetch(link.href)).json()) as Record<string, unknown>) : null;
    });
    expect(manifest).toMatchObject({
      name: '商场预约 Mall bookings',
      short_name: '商场预约',
      start_url: '/book/',
      scope: '/book/',
      display: 'standalone',
      theme_color: '#1456c9',
    });
    const icons = manifest!.icons as { src: string; sizes: string; type: string; purpose: string }[];
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) {
      const response = await fetch(new URL(icon.src, `${cloud.url}/book/`));
      expect(response.headers.get('content-type')).toBe('image/png');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // The PNG header's width: the size the manifest says.
      expect(new DataView(bytes.buffer).getUint32(16)).toBe(Number(icon.sizes.split('x')[0]));
    }
  });

  it('registers its service worker for /book/, which precaches the app shell', async () => {
    const scope = await page.evaluate(async () => {
      const registration = await (globalThis as unknown as InPage).navigator.serviceWorker.ready;
      return registration.scope;
    });
    expect(scope).toBe(`${cloud.url}/book/`);
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (globalThis as unknown as InPage).caches.keys()).some((name) => name.includes('precache')),
        ),
      )
      .toBe(true);
  });

  it('signs a member in by SMS, books a slot of the demo workshop and lists it in my bookings', async () => {
    const phone = '13900001234';
    await page.getByRole('textbox', { name: '手机号' }).fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送，5 分钟内有效。').waitFor();
    const texts = (await (await fetch(`${cloud.url}/_local/sms/messages`)).json()) as {
      items: { phone: string; params: { code: string } }[];
    };
    const code = texts.items.filter((text) => text.phone === `+86${phone}`).at(-1)!.params.code;
    await page.getByRole('textbox', { name: '6 位验证码' }).fill(code);
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // Venues by kind, then the workshop's days and slots: tomorrow, so the time of day never matters.
    await page.getByRole('heading', { name: '场地', level: 2 }).waitFor();
    await expectAccessible(page, 'booking venues');
    await capture(page, 'venues', SCREENSHOTS);

    // A new member has no bookings yet: the list says so and offers the venues.
    await page.getByRole('navigation').getByRole('link', { name: '我的预约', exact: true }).click();
    await page.getByText('还没有预约。').waitFor();
    await expectAccessible(page, 'booking no bookings');
    await capture(page, 'no-bookings', SCREENSHOTS);
    await page.getByRole('button', { name: '去预约' }).click();

    // The restaurant counts tables that seat the party, not covers.
    await page.getByRole('button', { name: /演示餐厅/ }).click();
    await page.getByRole('heading', { name: '演示餐厅', level: 2 }).waitFor();
    await page.getByRole('group', { name: '日期' }).getByRole('button').nth(1).click();
    await page.getByRole('list', { name: '可预约时段' }).getByRole('button').first().waitFor();
    expect(
      await page
        .getByRole('list', { name: '可预约时段' })
        .getByRole('button', { name: /剩 \d+ 位/ })
        .count(),
    ).toBe(0);
    await settled(page);
    await capture(page, 'restaurant', SCREENSHOTS);
    await page.getByRole('button', { name: '场地' }).click();
    await page.getByRole('heading', { name: '场地', level: 2 }).waitFor();
    await page.getByRole('button', { name: /周末手作工坊/ }).click();
    await page.getByRole('heading', { name: '周末手作工坊', level: 2 }).waitFor();
    await page.getByRole('group', { name: '日期' }).getByRole('button').nth(1).click();
    const slot = page.getByRole('list', { name: '可预约时段' }).getByRole('button', { name: /剩 \d+ 位/ });
    await slot.first().waitFor();
    await expectAccessible(page, 'booking availability');
    await capture(page, 'availability', SCREENSHOTS);
    await slot.first().click();
    await page.getByRole('form', { name: '确认预约' }).waitFor();
    await page.getByRole('button', { name: '确认预约', exact: true }).click();

    await page.getByRole('heading', { name: '我的预约', level: 2 }).waitFor();
    await page.getByText('周末手作工坊').first().waitFor();
    await page.getByText('已确认').first().waitFor();
    await page.getByText('预约成功').waitFor({ state: 'detached' });
    await expectAccessible(page, 'booking my bookings');
    await capture(page, 'my-bookings', SCREENSHOTS);

    // The booking's screen: the venue takes its code from 30 minutes before the start, so tomorrow's
    // booking shows when its QR will, and no QR yet.
    await page
      .getByRole('button', { name: /周末手作工坊/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /预约详情/ }).waitFor();
    await page.getByText(/签到码将于 .* 起显示/).waitFor();
    expect(await page.getByRole('img', { name: '签到二维码' }).count()).toBe(0);
    await expectAccessible(page, 'booking detail');
    await capture(page, 'booking-detail', SCREENSHOTS);
    await page.getByRole('button', { name: '我的预约' }).click();

    // Another time: the booking's own slot is marked and not offered.
    await page.getByRole('button', { name: '改期' }).first().click();
    await page.getByRole('heading', { name: /改期/ }).waitFor();
    await page.getByRole('group', { name: '日期' }).getByRole('button').nth(1).click();
    await page.getByRole('button', { name: /当前预约/ }).waitFor();
    expect(await page.getByRole('button', { name: /当前预约/ }).isDisabled()).toBe(true);
    await expectAccessible(page, 'booking reschedule');
    await capture(page, 'reschedule', SCREENSHOTS);

    await page.getByRole('navigation').getByRole('link', { name: '我的', exact: true }).click();
    await page.getByRole('heading', { name: '我的', level: 2 }).waitFor();
    await expectAccessible(page, 'booking me');
    await capture(page, 'me', SCREENSHOTS);
    await page.getByRole('navigation').getByRole('link', { name: '我的预约', exact: true }).click();
    await page.getByRole('heading', { name: '我的预约', level: 2 }).waitFor();
  });

  it('opens offline from its cache: the shell, the last list of bookings and the offline banner', async () => {
    // The service worker takes the page over (clientsClaim); a reload is then served by it.
    await page.reload();
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as InPage).navigator.serviceWorker.controller !== null),
      )
      .toBe(true);
    await page.context().setOffline(true);
    try {
      await page.reload();
      await appName().waitFor();
      // The session cannot be renewed offline; the list is the service worker's last copy.
      await page.getByRole('heading', { name: '我的预约', level: 2 }).waitFor();
      await page.getByText('周末手作工坊').first().waitFor();
      const banner = page.getByRole('status').filter({ hasText: '离线' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('当前处于离线状态');
      await settled(page);
      await expectAccessible(page, 'booking offline');
      await capture(page, 'offline', SCREENSHOTS);
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
      await page.getByRole('button', { name: '简体中文', exact: true }).click();
    } finally {
      await page.context().setOffline(false);
    }
    // Back online, the banner goes.
    await expect.poll(() => page.getByRole('status').filter({ hasText: '离线' }).count()).toBe(0);
  });
});
