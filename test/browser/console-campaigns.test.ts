// The console's Campaigns section in Chromium against a local cloud of this file's own: a marketer builds a
// double-points campaign, tries it, activates it, and a signed POS sale pays the bonus; fields are checked
// beside them, a draft is deleted, a campaign paused. axe-core on every screen, screenshots in both languages.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { capture, expectAccessible } from '../support/browser';
import {
  addStaff,
  consoleHarness,
  expectAuditShows,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json, posRequest } from '../support/local-cloud';

const harness = consoleHarness();
let marketer: { email: string; password: string };
let token: string;

beforeAll(async () => {
  marketer = await addStaff(harness.cloud, ['marketer']);
  const login = await json(`${harness.cloud.url}/v1/admin/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: marketer.email, password: marketer.password }),
  });
  token = login.body.accessToken as string;
  await signInToConsole(harness.page, harness.cloud, marketer);
});

const api = (path: string, init: RequestInit = {}) =>
  json(`${harness.cloud.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

/** A moment as the wall clock of Shanghai reads it, as the builder's pickers take it. */
const shanghai = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');

/** The form item of a field, by its label: errors show inside it, beside the field. */
const formItem = (page: Page, label: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });

async function pick(page: Page, label: string, option: string) {
  const select = formItem(page, label).locator('.ant-select');
  // A click that lands while the dropdown is still opening is tried again.
  await expect
    .poll(
      async () => {
        if ((await select.textContent())?.includes(option)) return true;
        await select.click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
          .first()
          .click({ timeout: 2_000 })
          .catch(() => undefined);
        return (await select.textContent())?.includes(option) ?? false;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

async function typeDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

async function draft(name: string) {
  const created = await api('/v1/admin/campaigns', {
    method: 'POST',
    body: JSON.stringify({
      name,
      trigger: { kind: 'registration' },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 8 * 86_400_000).toISOString(),
    }),
  });
  expect(created.status).toBe(201);
  return created.body.campaignId as string;
}

describe('the campaigns section', () => {
  it('shows a designed empty list to a marketer before any campaign exists', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/campaigns');
    await heading(page, '营销活动').waitFor();
    await page.getByText('还没有营销活动').waitFor();
    await expect(page.getByRole('button', { name: /新建活动/ }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(page, 'campaigns-empty');
    await capture(page, 'campaigns-empty');
  });

  it('shows what is wrong beside each field, with the rules the API checks', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/campaigns/new');
    await heading(page, '新建活动').waitFor();
    await page.getByRole('button', { name: '保存' }).click();
    await formItem(page, '活动名称').getByText('请填写此项').waitFor();

    await page.getByLabel('活动名称', { exact: true }).fill('周年庆注册礼');
    await pick(page, '活动由什么触发', '注册');
    await pick(page, '奖励积分', '积分倍数');
    await page.getByLabel('倍数', { exact: true }).fill('2');
    await typeDate(page, '结束时间', shanghai(new Date(Date.now() - 86_400_000 * 3)));
    await page.getByRole('button', { name: '保存' }).click();
    await formItem(page, '奖励积分').getByText('非消费活动只能赠送固定积分').waitFor();
    await formItem(page, '结束时间').getByText('必须晚于开始时间').waitFor();
    // The name's error of the first try is gone (it fades out).
    await expect.poll(() => formItem(page, '活动名称').getByText('请填写此项').count()).toBe(0);
    await page.getByText('请按字段旁的提示修改后再保存。').waitFor();
    // Nothing was sent: the list is still empty.
    expect((await api('/v1/admin/campaigns')).body.items).toEqual([]);
    await expectAccessible(page, 'campaigns-builder-errors');
    await capture(page, 'campaigns-builder-errors');
  });

  it('lets a marketer build and activate a double-points campaign that pays on a signed POS sale', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/campaigns/new');
    await heading(page, '新建活动').waitFor();
    const name = `双倍积分-${randomUUID().slice(0, 6)}`;
    await page.getByLabel('活动名称', { exact: true }).fill(name);
    await typeDate(page, '开始时间', shanghai(new Date(Date.now() - 3_600_000)));
    await typeDate(page, '结束时间', shanghai(new Date(Date.now() + 7 * 86_400_000)));
    await pick(page, '奖励积分', '积分倍数');
    await page.getByLabel('倍数', { exact: true }).fill('2');
    await page.getByLabel('每位会员次数', { exact: true }).fill('1');
    // The reward and limits, the builder's heart, in view.
    await page.getByRole('heading', { name: '奖励', level: 2 }).scrollIntoViewIfNeeded();
    await page
      .getByRole('heading', { name: '条件', level: 2 })
      .evaluate((element) => element.scrollIntoView());
    await capture(page, 'campaigns-builder');
    await page.getByRole('button', { name: '保存' }).click();

    await heading(page, name).waitFor();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    const campaignId = new URL(page.url()).pathname.split('/').at(-1)!;

    // A dry run of the draft: the sale meets every condition, but a draft awards nothing.
    await page.getByRole('tab', { name: '试算' }).click();
    await page.getByLabel('门店 ID').fill('demo-store');
    await page.getByLabel('实付金额（元）').fill('128');
    await page.getByRole('button', { name: '试算', exact: true }).click();
    await page.getByText('不满足条件：不会发放').waitFor();
    const checks = page.getByRole('list', { name: '检查项' });
    await checks.getByRole('listitem').filter({ hasText: '活动状态' }).getByText('未通过').waitFor();
    await checks.getByRole('listitem').filter({ hasText: '活动时间' }).getByText('通过').waitFor();

    await page.getByRole('button', { name: '上线' }).click();
    await page.getByText('活动已上线').waitFor();
    await page.getByText('进行中', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '试算', exact: true }).click();
    await page.getByText(/满足全部条件：将奖励 \d+ 积分/).waitFor();
    await expect(checks.getByText('未通过').count()).resolves.toBe(0);
    await expectAccessible(page, 'campaigns-dry-run');
    await capture(page, 'campaigns-dry-run');

    // A member buys at the demo store's till; the campaign doubles the sale's points.
    const member = await json(`${cloud.url}/v1/auth/wechat/login`, {
      method: 'POST',
      body: JSON.stringify({ code: `campaigns-${randomUUID().slice(0, 8)}` }),
    });
    const customerId = (member.body.customer as { id: string }).id;
    const sale = await posRequest(cloud.url, '/v1/pos/transactions', {
      transactionId: `T-${randomUUID()}`,
      storeId: 'demo-store',
      occurredAt: new Date().toISOString(),
      customer: { customerId },
      amount: 12_800,
      currency: 'CNY',
      items: [{ sku: 'COAT-1', category: 'fashion', quantity: 1, unitPrice: 12_800 }],
    });
    expect(sale.status).toBe(202);
    type Entry = { type: string; points: number; source?: { kind?: string; campaignId?: string } };
    const ledger = async () =>
      (
        await json(`${cloud.url}/v1/loyalty/me/transactions`, {
          headers: { authorization: `Bearer ${member.body.accessToken as string}` },
        })
      ).body.items as Entry[];
    await expect
      .poll(async () => (await ledger()).map((entry) => entry.type).sort(), {
        timeout: 20_000,
        interval: 250,
      })
      .toEqual(['bonus', 'earn']);
    const entries = await ledger();
    const earned = entries.find((entry) => entry.type === 'earn')!.points;
    const bonus = entries.find((entry) => entry.type === 'bonus')!;
    expect(earned).toBeGreaterThan(0);
    expect(bonus.points).toBe(earned);

    // The campaign's screen shows the result.
    await openConsole(page, cloud, `/campaigns/${campaignId}`);
    await heading(page, name).waitFor();
    const figure = (title: string) =>
      page
        .locator('.ant-statistic')
        .filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) });
    await expect.poll(() => figure('参与会员').locator('.ant-statistic-content').textContent()).toBe('1');
    await expect(figure('奖励积分').locator('.ant-statistic-content').textContent()).resolves.toBe(
      String(earned),
    );
    await expect(figure('参与会员消费额').locator('.ant-statistic-content').textContent()).resolves.toBe(
      '¥128.00',
    );
    await page.getByRole('img', { name: new RegExp(`${name}每日发放`) }).waitFor();
    await expectAccessible(page, 'campaigns-results');
    await capture(page, 'campaigns-results');

    await page.getByRole('tab', { name: '发放记录' }).click();
    await page.getByRole('cell', { name: customerId }).waitFor();
    await expectAccessible(page, 'campaigns-awards');
    await capture(page, 'campaigns-awards');
    await page.getByRole('tab', { name: '参与会员' }).click();
    await page.getByRole('cell', { name: customerId }).waitFor();
    await capture(page, 'campaigns-participants');

    await openConsole(page, cloud, '/campaigns');
    await page.getByRole('link', { name }).waitFor();
    await expectAccessible(page, 'campaigns-list');
    await capture(page, 'campaigns-list');

    // The audit shows the marketer activating the campaign.
    await expectAuditShows(harness, {
      actorEmail: marketer.email,
      action: 'campaign.activate',
      target: `campaign:${campaignId}`,
      count: 1,
    });
  });

  it('pauses a running campaign, then changes one limit alone and edits its terms whole', async () => {
    const { page, cloud } = harness;
    const campaignId = await draft(`暂停-${randomUUID().slice(0, 6)}`);
    expect(
      (
        await api(`/v1/admin/campaigns/${campaignId}/status`, {
          method: 'POST',
          body: JSON.stringify({ action: 'activate' }),
        })
      ).status,
    ).toBe(200);
    await openConsole(page, cloud, `/campaigns/${campaignId}`);
    await page.getByRole('button', { name: '暂停' }).click();
    await page.getByText('活动已暂停').waitFor();
    await page.getByText('已暂停', { exact: true }).first().waitFor();
    expect((await api(`/v1/admin/campaigns/${campaignId}`)).body.status).toBe('paused');

    // A small edit of the paused campaign: one limit changes, the pause stands, a new version is kept.
    await page.getByRole('button', { name: '调整时间或限制' }).click();
    const dialog = page.getByRole('dialog', { name: '调整时间或限制' });
    await dialog.getByLabel('每位会员次数').fill('3');
    // A dialog's mask covers the language switch: it is checked, and seen in the versions it makes.
    await expectAccessible(page, 'campaigns-small-edit');
    await dialog.getByRole('button', { name: '保存调整' }).click();
    await page.getByText('已保存调整').waitFor();
    const edited = (await api(`/v1/admin/campaigns/${campaignId}`)).body as {
      status: string;
      version: number;
      definition: { limits: unknown; effects: unknown };
    };
    expect(edited).toMatchObject({
      status: 'paused',
      version: 2,
      definition: { limits: { perCustomer: { count: 3, per: 'day' } } },
    });
    await page.getByRole('tab', { name: '历史版本' }).click();
    await page.getByRole('cell', { name: /版本 2/ }).waitFor();
    await page.getByRole('cell', { name: /版本 1/ }).waitFor();
    await expectAccessible(page, 'campaigns-versions');
    await capture(page, 'campaigns-versions');

    // A full edit in the builder, on the terms as stored: the new name is version 3's.
    await page.getByRole('button', { name: '编辑' }).click();
    await heading(page, /^编辑活动/).waitFor();
    await expect(page.getByLabel('每位会员次数', { exact: true }).inputValue()).resolves.toBe('3');
    const renamed = `改名-${randomUUID().slice(0, 6)}`;
    await page.getByLabel('活动名称', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: '保存' }).click();
    await heading(page, renamed).waitFor();
    expect((await api(`/v1/admin/campaigns/${campaignId}`)).body).toMatchObject({
      status: 'paused',
      version: 3,
      definition: { name: renamed, limits: { perCustomer: { count: 3, per: 'day' } } },
    });
  });

  it('holds a share of a draft campaign out as a control group, shown in its terms', async () => {
    const { page, cloud } = harness;
    const name = `对照组-${randomUUID().slice(0, 6)}`;
    const campaignId = await draft(name);
    await openConsole(page, cloud, `/campaigns/${campaignId}/edit`);
    await heading(page, /^编辑活动/).waitFor();
    const holdout = page.getByLabel('对照组（不发放）比例 %', { exact: true });
    await holdout.fill('10');
    await holdout.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await expectAccessible(page, 'campaigns-holdout');
    await capture(page, 'campaigns-holdout');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('活动已保存').waitFor();
    expect((await api(`/v1/admin/campaigns/${campaignId}`)).body).toMatchObject({
      definition: { holdoutPercent: 10 },
    });
    await page.getByRole('tab', { name: '活动规则' }).click();
    await page.getByText(/对照组 10%（不发放）/).waitFor();
    // Ended, so that the drafts listed by the next test are its own.
    const ended = await api(`/v1/admin/campaigns/${campaignId}/status`, {
      method: 'POST',
      body: JSON.stringify({ action: 'end' }),
    });
    expect(ended.status).toBe(200);
  });

  it('counts the members a blast would reach before it is scheduled', async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/campaigns/new');
    await heading(page, '新建活动').waitFor();
    await pick(page, '活动由什么触发', '定时群发');
    await page.getByText('目标人群').waitFor();
    await page.getByLabel('生日月份').fill('12');
    await page.getByRole('button', { name: '统计人数' }).click();
    await page.getByText(/共查看 \d+ 位会员，其中 \d+ 位同意接收营销消息/).waitFor();
    await page.getByText(/^\d+ 位会员$/).waitFor();
    await page
      .locator('.audience-preview')
      .evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await expectAccessible(page, 'campaigns-audience');
    await capture(page, 'campaigns-audience');
  });

  it('deletes a draft, and filters the list by status', async () => {
    const { page, cloud } = harness;
    const name = `草稿-${randomUUID().slice(0, 6)}`;
    const campaignId = await draft(name);
    await openConsole(page, cloud, '/campaigns?status=draft');
    await page.getByRole('link', { name }).click();
    await heading(page, name).waitFor();
    await page.getByRole('button', { name: '删除草稿' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('草稿已删除').waitFor();
    await heading(page, '营销活动').waitFor();
    expect((await api(`/v1/admin/campaigns/${campaignId}`)).status).toBe(404);
    await openConsole(page, cloud, '/campaigns?status=draft');
    await page.getByText('没有符合筛选条件的活动').waitFor();
  });
});
