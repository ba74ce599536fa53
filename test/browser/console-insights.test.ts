// The console's insight sections in Chromium against a local cloud of this file's own: an analyst
// running the archive's sales and points reports, downloading one as CSV (audited by the server) and the
// live points liability (audited by the console), an admin finding staff actions in the
// audit trail by name and by action, and the programme's tiers, earning rules and earn preview. axe-core
// on every screen; screenshots of each in both languages.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPosRequest } from '../../lib/pos/signature';
import { addDays, businessDayOf } from '../../web/shared/src/format';
import { capture, expectAccessible, SCREENSHOTS, switchLanguage } from '../support/browser';
import {
  addStaff,
  adminToken,
  consoleHarness,
  expectAuditShows,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json } from '../support/local-cloud';

const harness = consoleHarness();
const STORE = { storeId: 'plaza-b1-017', name: '星巴克 B1 层' };
const BOM = '\uFEFF';

/** A call to the API as a staff member, with their token. */
const asStaff = (token: string, path: string, init: RequestInit = {}) =>
  json(`${harness.cloud.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

/** A staff member's token, signed in through the API as the console does. */
const tokenOf = async ({ email, password }: { email: string; password: string }) =>
  (
    await json(`${harness.cloud.url}/v1/admin/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    })
  ).body.accessToken as string;

let customerId: string;
let soldOn: string;
let analyst: { email: string; password: string };

// A store with a Chinese name, its POS key, a member and a sale of ¥128.00 there, counted by analytics.
beforeAll(async () => {
  const admin = await adminToken(harness.cloud);
  expect(
    (await asStaff(admin, '/v1/admin/stores', { method: 'POST', body: JSON.stringify(STORE) })).status,
  ).toBe(201);
  const key = await asStaff(admin, `/v1/admin/stores/${STORE.storeId}/pos-keys`, { method: 'POST' });
  expect(key.status).toBe(201);
  const member = await json(`${harness.cloud.url}/v1/auth/wechat/login`, {
    method: 'POST',
    body: JSON.stringify({ code: `insights-${randomUUID().slice(0, 8)}` }),
  });
  customerId = (member.body.customer as { id: string }).id;
  const soldAt = new Date();
  soldOn = businessDayOf(soldAt);
  const body = JSON.stringify({
    transactionId: `T-${randomUUID()}`,
    storeId: STORE.storeId,
    occurredAt: soldAt.toISOString(),
    customer: { customerId },
    amount: 12_800,
    currency: 'CNY',
    items: [{ sku: 'LATTE-2', category: 'coffee', quantity: 2, unitPrice: 6_400 }],
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sale = await json(`${harness.cloud.url}/v1/pos/transactions`, {
    method: 'POST',
    body,
    headers: {
      'x-pos-key': key.body.keyId as string,
      'x-pos-timestamp': timestamp,
      'x-pos-signature': signPosRequest(key.body.secret as string, timestamp, body),
    },
  });
  expect(sale.status).toBe(202);
  // Analytics counts the sale from its events, in batches: within seconds.
  const counted = Date.now() + 20_000;
  let stores: { storeId: string; storeName?: string; revenue: number }[] = [];
  while (Date.now() < counted && stores.length === 0) {
    stores = (await asStaff(admin, `/v1/admin/analytics/daily-sales?day=${soldOn}`)).body
      .stores as typeof stores;
    if (stores.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(stores).toEqual([
    expect.objectContaining({ storeId: STORE.storeId, storeName: STORE.name, revenue: 12_800 }),
  ]);
}, 60_000);

/**
 * Picks the option of the select just typed into: once the dropdown shows it as the active option, Enter
 * takes it, as a keyboard user would (a click can land while the dropdown still moves into place).
 * Ant Design's role="option" copies are for screen readers only, hence the class.
 */
async function chooseOption(name: RegExp) {
  await harness.page
    .locator('.ant-select-item-option-active:visible')
    .filter({ hasText: name })
    .first()
    .waitFor();
  await harness.page.keyboard.press('Enter');
}

/** Clicks an option of the open dropdown (closed ones stay in the page, hidden). */
const clickOption = (name: RegExp) =>
  harness.page.locator('.ant-select-item-option:visible').filter({ hasText: name }).first().click();

/**
 * A drawer's screenshot in both languages: the drawer covers the language switch, so it is closed,
 * the language switched, and the drawer opened again (`open` finds its way in either language).
 */
async function captureDrawer(screen: string, open: () => Promise<void>) {
  const { page } = harness;
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const language of ['zh-CN', 'en-US'] as const) {
    if (language === 'en-US') {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await switchLanguage(page, language);
      await open();
    }
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${language}.png`) });
  }
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  await switchLanguage(page, 'zh-CN');
  await open();
}

/** The file a click on the button downloads: its suggested name and its text. */
async function downloaded(button: Locator) {
  const [download] = await Promise.all([harness.page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The run button of a report screen: it runs the choices made, or the same report again. */
const runButton = () => harness.page.getByRole('button', { name: /生成报表|重新生成/ });

/** Picks a period in the report's range picker, as typed into its two fields. */
async function pickPeriod(from: string, to: string) {
  const { page } = harness;
  await page.getByPlaceholder('开始日期').click();
  await page.getByPlaceholder('开始日期').fill(from);
  await page.getByPlaceholder('结束日期').click();
  await page.getByPlaceholder('结束日期').fill(to);
  await page.getByPlaceholder('结束日期').press('Enter');
}

/** The report's search as the URL holds it once run. */
const searchOf = () => Object.fromEntries(new URL(harness.page.url()).searchParams);

describe('an analyst', () => {
  it("runs the sales report for today and finds the POS sale's store with its yuan", async () => {
    const { page, cloud } = harness;
    analyst = await addStaff(cloud, ['analyst'], [], '王分析');
    await signInToConsole(page, cloud, analyst);
    // analytics:read and campaigns:read only: no programme, no audit.
    expect(await page.getByRole('menuitem').allTextContents()).toEqual(['仪表盘', '营销活动', '数据分析']);

    // A link to the first console's daily sales opens the sales report by day.
    await openConsole(page, cloud, '/analytics/daily-sales');
    await heading(page, '数据分析').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/analytics/sales');
    expect(searchOf().groupBy).toBe('day');
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('销售');

    // The day of the sale, as a shared link gives it (the picker is used for the empty period below).
    await openConsole(page, cloud, `/analytics/sales?from=${soldOn}&to=${soldOn}&groupBy=day`);
    await expect.poll(searchOf).toEqual({ from: soldOn, to: soldOn, groupBy: 'day' });
    // Without the store list (stores:read) an analyst still reads the store's name: the report gives it.
    const row = page.getByRole('row').filter({ hasText: STORE.name }).filter({ hasText: '全部品类' });
    await row.waitFor({ timeout: 30_000 });
    // Purchases, revenue, average basket and members' share of the store's day, all categories.
    expect((await row.textContent())?.replace(/\s+/g, '')).toBe(
      `${soldOn}${STORE.name.replace(/\s+/g, '')}全部品类1¥128.00¥128.00100.0%`,
    );
    const coffee = page.getByRole('row').filter({ hasText: STORE.name }).filter({ hasText: 'coffee' });
    expect(await coffee.textContent()).toContain('¥128.00');
    await page.getByRole('img', { name: `销售，${soldOn} 至 ${soldOn}` }).waitFor();

    await expectAccessible(page, 'analytics sales report');
    await capture(page, 'analytics-sales');
  });

  it('downloads the report the server computed as CSV, and the audit trail shows the download', async () => {
    const { page } = harness;
    const { name, text } = await downloaded(page.getByRole('button', { name: /下载 CSV/ }));
    expect(name).toBe(`sales-${soldOn}-${soldOn}.csv`);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('period,store_id,category,purchases,revenue_fen,average_basket_fen,member_share');
    expect(lines).toContain(`${soldOn},${STORE.storeId},,1,12800,12800,1`);
    expect(lines).toContain(`${soldOn},${STORE.storeId},coffee,1,12800,12800,1`);

    // The server wrote the entry as it answered the file: an admin finds it on the audit screen.
    await expectAuditShows(harness, {
      actorEmail: analyst.email,
      action: 'analytics.export',
      target: 'report:sales',
      count: 1,
    });
  });

  it('switches to the points report for the same period, drawn as a chart over its rows', async () => {
    const { page } = harness;
    await page.getByRole('tab', { name: '积分', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/analytics/points');
    expect(searchOf()).toEqual({ from: soldOn, to: soldOn, groupBy: 'day' });

    const chart = page.getByRole('img', { name: `积分，${soldOn} 至 ${soldOn}` });
    await chart.waitFor({ timeout: 30_000 });
    // The day's issued points drawn: a bar and its axes, not an empty frame.
    await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(4);
    const row = page.getByRole('row').filter({ hasText: soldOn });
    await expect.poll(() => row.count()).toBe(1);
    // The day's issued points are the sale's, in the column headed so.
    const header = await page.getByRole('columnheader').allTextContents();
    const issuedAt = header.indexOf('发放');
    expect(issuedAt).toBeGreaterThan(0);
    expect(Number((await row.getByRole('cell').nth(issuedAt).textContent())?.replaceAll(',', ''))).toBe(128);

    await expectAccessible(page, 'analytics points report');
    await capture(page, 'analytics-points');
  });

  it('is told when the period it runs holds no sale', async () => {
    const { page } = harness;
    // The points report has a row for every day (the liability stands on quiet days too); sales have none.
    await page.getByRole('tab', { name: '销售', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/analytics/sales');
    await pickPeriod(addDays(soldOn, -40), addDays(soldOn, -35));
    await runButton().click();
    await expect.poll(() => searchOf().from).toBe(addDays(soldOn, -40));
    await page.getByText('所选条件下没有数据').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /下载 CSV/ }).count()).toBe(0);
    expect(await page.getByRole('img', { name: /^销售，/ }).count()).toBe(0);
    await expectAccessible(page, 'analytics empty period');
    await capture(page, 'analytics-sales-empty');
  });

  it('downloads the live points liability by store of issue as CSV', async () => {
    const { page } = harness;
    await page.getByRole('tab', { name: '积分负债' }).click();
    await page.getByRole('cell', { name: STORE.name }).waitFor();

    const before = businessDayOf(new Date());
    const { name, text } = await downloaded(page.getByRole('button', { name: /下载 CSV/ }));
    // Named by the day it is saved on: the day the click began, or the next if it ran past midnight.
    expect([before, businessDayOf(new Date())].map((day) => `points-liability_${day}.csv`)).toContain(name);
    expect(text.startsWith(BOM)).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('门店编号,门店名称,发放积分,冲回积分,净发放积分,净发放价值（¥ 元）');
    expect(lines).toContain(`${STORE.storeId},${STORE.name},128,0,128,1.28`);

    await expectAccessible(page, 'analytics points liability');
    await capture(page, 'analytics-points-liability');
  });

  it('keeps the file when its download cannot be recorded, and says the audit missed it', async () => {
    const { page } = harness;
    const exports = '**/v1/admin/analytics/exports';
    await page.route(exports, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, code: 'UNAVAILABLE' }),
      }),
    );
    try {
      const before = businessDayOf(new Date());
      const { name } = await downloaded(page.getByRole('button', { name: /下载 CSV/ }));
      expect([before, businessDayOf(new Date())].map((day) => `points-liability_${day}.csv`)).toContain(name);
      await page
        .getByText('文件已保存，但这次下载未能记入审计日志。请稍后重新下载，或联系管理员。')
        .waitFor();
    } finally {
      await page.unroute(exports);
    }
  });

  it('finds the liability download in the audit once: the unrecorded one is not there', async () => {
    await expectAuditShows(harness, {
      actorEmail: analyst.email,
      action: 'analytics.export',
      target: 'report:points-liability',
      count: 1,
    });
  });
});

describe('the audit trail', () => {
  it("shows a staff member's actions, found by their name and by the action, with a readable before and after", async () => {
    const { page, cloud } = harness;
    const auditor = await addStaff(cloud, ['admin'], [], '张审计');
    const token = await tokenOf(auditor);
    const adjusted = await asStaff(token, '/v1/admin/loyalty/adjustments', {
      method: 'POST',
      headers: { 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        customerId,
        points: 500,
        reasonCode: 'service-recovery',
        note: '停车券补偿，工单 8812',
      }),
    });
    expect(adjusted.status).toBe(201);
    const reward = await asStaff(token, '/v1/admin/rewards', {
      method: 'POST',
      body: JSON.stringify({
        name: '咖啡双人券',
        type: 'coupon',
        pointsCost: 300,
        stock: 'unlimited',
        perCustomerLimit: 4,
        validFrom: new Date().toISOString(),
        validTo: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        voucherValidDays: 14,
      }),
    });
    expect(reward.status).toBe(201);
    // A failed sign-in is audited too, with no identity proved.
    const failed = await json(`${cloud.url}/v1/admin/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: auditor.email, password: 'not-the-password' }),
    });
    expect(failed.status).toBe(401);

    // The analyst signs out; an admin, who reads the trail, signs in.
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByRole('heading', { name: '登录员工控制台' }).waitFor();
    await signInToConsole(page, cloud);
    await openConsole(page, cloud, '/audit');
    await heading(page, '审计日志').waitFor();
    await page.getByRole('row').filter({ hasText: '张审计' }).first().waitFor();
    await expectAccessible(page, 'audit');
    await capture(page, 'audit');

    // By name: the actor typed as people know them, not an id.
    await page.getByRole('combobox', { name: '操作人', exact: true }).fill('张审计');
    await page.getByRole('combobox', { name: '操作', exact: true }).click();
    await page.getByRole('combobox', { name: '操作', exact: true }).fill('积分调整');
    await chooseOption(/积分调整/);
    await page.getByRole('button', { name: /查询/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('actor')).toBe('张审计');
    const rows = page.getByRole('row').filter({ hasText: 'loyalty.adjust' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(auditor.email);
    expect(await rows.first().textContent()).toContain(`customer:${customerId}`);

    await rows.first().getByRole('button', { name: /查看/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('变更内容').waitFor();
    const balance = drawer.getByRole('row').filter({ has: page.getByText('balance', { exact: true }) });
    expect((await balance.textContent())?.replace(/\s+/g, '')).toBe('balance已修改128628');
    expect(await drawer.textContent()).toContain('停车券补偿，工单 8812');
    expect(await drawer.textContent()).toContain('张审计');
    await expectAccessible(page, 'audit entry');
    await captureDrawer('audit-entry', () =>
      rows
        .first()
        .getByRole('button', { name: /查看|View/ })
        .click(),
    );
    await drawer.getByRole('button', { name: '关闭' }).click();
    // Once closed, the drawer gives the focus back to the row's button: the next keys go to the filters.
    await drawer.waitFor({ state: 'hidden' });

    // A reward's name reads as it is: masking is for members' personal data, by meaning.
    await page.getByRole('combobox', { name: '操作', exact: true }).click();
    await page.getByRole('combobox', { name: '操作', exact: true }).fill('reward.create');
    await chooseOption(/新增礼品/);
    await page.getByRole('button', { name: /查询/ }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'reward.create' })
      .getByRole('button', { name: /查看/ })
      .click();
    await page.getByRole('dialog').getByRole('cell', { name: '咖啡双人券' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Sign-ins and failed sign-ins, by action alone.
    await page.getByRole('button', { name: /重置/ }).click();
    await page.getByRole('combobox', { name: '操作', exact: true }).click();
    await page.getByRole('combobox', { name: '操作', exact: true }).fill('staff.sign-in-failed');
    await chooseOption(/员工登录失败/);
    await page.getByRole('button', { name: /查询/ }).click();
    await page.getByRole('row').filter({ hasText: '未识别身份' }).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'staff.sign-in-failed' }).count()).toBeGreaterThan(
      0,
    );
  });
});

describe('the programme settings', () => {
  it('check the tier ladder beside the field before saving', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/programme');
    await heading(page, '积分规则').waitFor();
    const silver = page.locator('.ant-card-small').filter({ hasText: '等级 2' });
    await expect.poll(() => silver.getByLabel('升级门槛（积分）').inputValue()).toBe('1000');
    await expectAccessible(page, 'programme tiers');
    await capture(page, 'programme-tiers');

    await silver.getByLabel('升级门槛（积分）').fill('0');
    await page.getByRole('button', { name: '保存等级' }).click();
    await silver.getByText('门槛必须高于前一个等级').waitFor();
    await silver.getByLabel('名称').fill('');
    await silver.getByText('请填写名称').waitFor();
    await capture(page, 'programme-tiers-invalid');

    await silver.getByLabel('升级门槛（积分）').fill('1000');
    await silver.getByLabel('名称').fill('银卡');
    await page.getByRole('button', { name: '保存等级' }).click();
    await page.getByText('会员等级已保存').waitFor();
  });

  it('list the earning rules versions and schedule a new one', async () => {
    const { page } = harness;
    await page.getByRole('tab', { name: '积分规则' }).click();
    await page.getByRole('cell', { name: '当前生效' }).waitFor();
    await expectAccessible(page, 'programme earning rules');
    await capture(page, 'programme-earning-rules');

    await page.getByRole('button', { name: /新建版本/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('每积 1 分所需金额').fill('50');
    await expectAccessible(page, 'programme new version');
    await captureDrawer('programme-new-version', async () => {
      await page.getByRole('button', { name: /新建版本|New version/ }).click();
      await page
        .getByRole('dialog')
        .getByLabel(/每积 1 分所需金额|Spend per point/)
        .fill('50');
    });
    await drawer.getByRole('button', { name: '保存版本' }).click();
    await page.getByText('已保存版本 1').waitFor();
    await page.getByRole('cell', { name: '待生效' }).waitFor();
  });

  it('preview what a sample sale earns under the rules in force at its moment', async () => {
    const { page } = harness;
    await page.getByRole('tab', { name: '积分试算' }).click();
    await page.getByRole('combobox', { name: '会员等级' }).click();
    await clickOption(/bronze/);
    await page.getByRole('combobox', { name: '门店编号' }).fill(STORE.storeId);
    await page.getByLabel('实付金额').fill('128');
    await page.getByRole('button', { name: /试算/ }).click();
    const result = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '试算结果' }) });
    await expect.poll(() => result.textContent()).toMatch(/可得基础积分\s*128/);
    expect(await result.textContent()).toContain('内置默认规则');
    await expectAccessible(page, 'programme earn preview');
    await capture(page, 'programme-earn-preview');

    // Two days on, the version scheduled for tomorrow earns 1 point per ¥0.50.
    const later = page.getByLabel('消费时刻');
    await later.click();
    await later.fill(`${addDays(businessDayOf(new Date()), 2)} 12:00`);
    await page.locator('.ant-picker-ok button').click();
    await page.getByRole('button', { name: /试算/ }).click();
    await expect.poll(() => result.textContent()).toMatch(/可得基础积分\s*256/);
    expect(await result.textContent()).toContain('版本 1');
  });
});

describe('an administrator', () => {
  it('reads the sales report with its stores by name, from the run the analyst made', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, `/analytics/sales?from=${soldOn}&to=${soldOn}&groupBy=day`);
    const row = page.getByRole('row').filter({ hasText: STORE.name }).filter({ hasText: '全部品类' });
    await row.waitFor({ timeout: 30_000 });
    // The row's cells run together without their spaces, the name's own included.
    expect((await row.textContent())?.replace(/\s+/g, '')).toBe(
      `${soldOn}${STORE.name}全部品类1¥128.00¥128.00100.0%`.replace(/\s+/g, ''),
    );
    // The same parameters within the cache time answer the run already made.
    await page.getByText(/^计算于 .+（沿用最近一次相同条件的结果）$/).waitFor();
  });
});

describe('the dashboard', () => {
  it('counts members by tier', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/');
    const tiers = page.getByRole('list', { name: '各等级会员数' });
    // The demo member and this file's member registered into the entry tier.
    await expect
      .poll(() => tiers.getByRole('listitem').first().textContent(), { timeout: 20_000 })
      .toMatch(/2$/);
    await expectAccessible(page, 'dashboard members by tier');
    await capture(page, 'dashboard-members-by-tier');
  });
});
