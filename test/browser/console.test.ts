// The built staff console in Chromium against a local cloud of this file's own: what a staff member sees
// and does, checked by role, with axe-core on every screen and screenshots of each in both languages.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../lib/local/cloud';
import { businessDayOf } from '../../web/shared/src/format';
import {
  capture,
  expectAccessible,
  expectNoPageFaults,
  languageOf,
  launchChromium,
  newConsolePage,
  switchLanguage,
} from '../support/browser';
import { ADMIN, json, posRequest, signIn, startTestCloud } from '../support/local-cloud';

let cloud: LocalCloud;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [cloud, browser] = await Promise.all([startTestCloud(), launchChromium()]);
  page = await newConsolePage(browser);
});

// No uncaught error and no console error (a CSP refusal would be one) on any page, in any test.
afterEach(() => expectNoPageFaults(page));

afterAll(async () => {
  await browser?.close();
  await cloud?.stop();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 });
const signInPage = () => page.getByRole('heading', { name: /登录员工控制台|Sign in to the staff console/ });

async function signInAs(email: string, password: string) {
  await page.getByRole('textbox', { name: /邮箱|Email/ }).fill(email);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/** Opens a console page as someone would from the address bar: the session cookie keeps them signed in. */
async function open(path: string) {
  await page.goto(`${cloud.url}/console${path}`);
}

/** The text of the dashboard card under this heading. */
const card = (name: string) =>
  page.locator('.ant-card').filter({ has: page.getByRole('heading', { name, level: 2 }) });

/** A staff member the admin adds through the API, as the Staff screen will. */
async function addStaff(roles: string[]) {
  const admin = (await signIn(cloud.url)).body.accessToken as string;
  const email = `browser-${randomUUID().slice(0, 8)}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await json(`${cloud.url}/v1/admin/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify({ email, name: '李娜', roles, storeIds: [], password }),
  });
  expect(created.status).toBe(201);
  return { email, password };
}

describe('the staff console', () => {
  it('asks to sign in first, checking the fields beside them', async () => {
    await page.goto(`${cloud.url}/console/`);
    await signInPage().waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');

    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入邮箱').waitFor();
    await page.getByText('请输入密码').waitFor();

    await expectAccessible(page, 'sign-in');
    await capture(page, 'sign-in');
  });

  it('says why a sign-in is refused, and how long to wait after too many', async () => {
    const stranger = `nobody-${randomUUID().slice(0, 8)}@sbm.local`;
    await signInAs(stranger, 'a wrong guess');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('邮箱或密码不正确。');

    // Five failures of one account from one source are allowed in a window; the sixth waits.
    for (let attempt = 2; attempt <= 6; attempt++) {
      await page.getByLabel('密码').fill(`guess ${attempt}`);
      await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/v1/admin/auth/login')),
        page.getByRole('button', { name: /^登录$/ }).click(),
      ]);
    }
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toMatch(/登录失败次数过多，请在 \d+分钟后再试。/);
    const wait = page.getByRole('button', { name: /后可重试$/ });
    expect(await wait.isDisabled()).toBe(true);

    await expectAccessible(page, 'sign-in refused');
    await capture(page, 'sign-in-throttled');
  });

  it("signs the demo admin in and shows today's POS sale on the dashboard", async () => {
    const member = await json(`${cloud.url}/v1/auth/wechat/login`, {
      method: 'POST',
      body: JSON.stringify({ code: `browser-${randomUUID().slice(0, 8)}` }),
    });
    const customerId = (member.body.customer as { id: string }).id;
    // The sale's own moment names the business day checked below, so both agree across a midnight.
    const soldAt = new Date();
    const sale = await posRequest(cloud.url, '/v1/pos/transactions', {
      transactionId: `T-${randomUUID()}`,
      storeId: 'demo-store',
      occurredAt: soldAt.toISOString(),
      customer: { customerId },
      amount: 12_800,
      currency: 'CNY',
      items: [{ sku: 'COAT-1', category: 'fashion', quantity: 1, unitPrice: 12_800 }],
    });
    expect(sale.status).toBe(202);
    // Analytics counts the sale from its events, in batches: within seconds.
    const admin = (await signIn(cloud.url)).body.accessToken as string;
    const today = businessDayOf(soldAt);
    await expect
      .poll(
        async () =>
          (
            await json(`${cloud.url}/v1/admin/analytics/daily-sales?day=${today}`, {
              headers: { authorization: `Bearer ${admin}` },
            })
          ).body.totals,
        { timeout: 20_000, interval: 250 },
      )
      .toMatchObject({ purchases: 1, revenue: 12_800 });

    await page.reload();
    await signInPage().waitFor();
    await signInAs(ADMIN.email, ADMIN.password);
    await heading('仪表盘').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/console\/?$/);

    await expect.poll(() => card('今日').textContent()).toContain('¥128.00');
    const todayText = (await card('今日').textContent())!;
    expect(todayText).toMatch(/消费笔数\s*1(?!\d)/);
    expect(todayText).toMatch(/发放积分\s*128(?!\d)/);
    expect(todayText).toMatch(/demo-store\s*1¥128\.00128/);
    await expect.poll(() => card('积分负债').textContent()).toMatch(/未使用积分\s*\d/);
    // The trend is computed from the archive's sales, points and members reports, each in its own time
    // ("—" until it is): the sale's revenue, purchase and points, no redemption, its member new today.
    const trend = card('趋势');
    await expect
      .poll(() => trend.textContent(), { timeout: 30_000 })
      .toMatch(/销售额\s*¥128\.00\s*消费笔数\s*1\s*发放积分\s*128\s*兑换积分\s*0\s*新会员\s*[1-9]/);
    await page.getByRole('img', { name: /销售额，.+ 至 .+，每日/ }).waitFor();
    expect(await trend.textContent()).toMatch(/计算于 /);
    expect(await page.getByRole('menuitem').allTextContents()).toEqual([
      '仪表盘',
      '会员',
      '礼品与权益',
      '营销活动',
      '门店与 POS',
      '预约',
      '场地',
      '积分规则',
      '数据分析',
      '员工',
      '审计日志',
    ]);

    const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
    expect(storage).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

    await expectAccessible(page, 'dashboard');
    await capture(page, 'dashboard');
  });

  it('draws the period the staff member picks, and says when it holds nothing', async () => {
    await page.getByText('近 7 天', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
    await page.getByRole('img', { name: /销售额/ }).waitFor();

    await open('/?from=2020-01-01&to=2020-01-31');
    await heading('仪表盘').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('2020-01-01');
    await page.getByText('所选时间内没有消费或积分记录').waitFor();
    await capture(page, 'dashboard-empty-period');
  });

  it('switches the language and keeps it for the next visit', async () => {
    await switchLanguage(page, 'en-US');
    await heading('Dashboard').waitFor();
    expect(await card('Today').textContent()).toContain('Purchases');

    await page.reload();
    // Still signed in (the session cookie), and in English.
    await heading('Dashboard').waitFor();
    expect(await languageOf(page)).toBe('en-US');
    await switchLanguage(page, 'zh-CN');
  });

  it('stays signed in across a reload, with the refresh token in an HttpOnly cookie', async () => {
    await page.reload();
    await heading('仪表盘').waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((cookie) => cookie.httpOnly)).toBe(true);
    expect(await page.evaluate('document.cookie')).toBe('');
  });

  it("shows a support agent only their sections, and says so on another's", async () => {
    const support = await addStaff(['support']);
    const agent = await newConsolePage(browser);
    const original = page;
    page = agent;
    try {
      await page.goto(`${cloud.url}/console/`);
      await signInPage().waitFor();
      await signInAs(support.email, support.password);
      // No dashboard for support: the start page is their first section.
      await heading('会员').waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/customers');
      expect(await page.getByRole('menuitem').allTextContents()).toEqual([
        '会员',
        '礼品与权益',
        '预约',
        '场地',
      ]);
      await page.getByText('先查找一位会员').waitFor();

      await open('/audit');
      await heading('没有权限').waitFor();
      await capture(page, 'no-access');
      await expectAccessible(page, 'no access');

      await open('/no-such-page');
      await heading('页面不存在').waitFor();
      await expectAccessible(page, 'not found');
      await capture(page, 'not-found');
      expectNoPageFaults(page);
    } finally {
      page = original;
      await agent.context().close();
    }
  });

  it('signs out, and the session is over', async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInPage().waitFor();
    await page.getByText('您已退出登录。').waitFor();
    await page.goto(`${cloud.url}/console/`);
    await signInPage().waitFor();
  });
});
