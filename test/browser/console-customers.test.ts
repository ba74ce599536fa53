// The console's customers section in Chromium against a local cloud of this file's own: a service-desk
// agent finds a member by the member code of their QR code, by phone and by name, opens member 360 and
// adjusts their points with a double click that credits once; a role without customers:pii finds no one
// by name and sees the profile masked. axe-core on every screen, screenshots of each in both languages.
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  capture,
  expectAccessible,
  languageOf,
  newConsolePage,
  SCREENSHOTS,
  switchLanguage,
} from '../support/browser';
import {
  addStaff,
  adminToken,
  consoleHarness,
  expectAuditShows,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json, posRequest } from '../support/local-cloud';
import { addDays, localDayOf } from '../../lib/bookings/slots';

const harness = consoleHarness();

/** A chinese name no other test's member has: a surname of three random characters and a given name. */
const uniqueSurname = () =>
  Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + randomInt(20_000))).join('');

interface Member {
  id: string;
  token: string;
  name: string;
  surname: string;
  phone: string;
}

/** A member who signed in with WeChat, bound a phone and gave a name, with their points account open. */
async function newMember(): Promise<Member> {
  const url = harness.cloud.url;
  const login = await json(`${url}/v1/auth/wechat/login`, {
    method: 'POST',
    body: JSON.stringify({ code: `browser-${randomUUID()}` }),
  });
  expect(login.status).toBe(200);
  const token = login.body.accessToken as string;
  const id = (login.body.customer as { id: string }).id;
  const auth = { authorization: `Bearer ${token}` };
  await expect
    .poll(async () => (await json(`${url}/v1/loyalty/me`, { headers: auth })).status, { timeout: 10_000 })
    .toBe(200);
  const phone = `139${randomInt(10_000_000, 99_999_999)}`;
  const bound = await json(`${url}/v1/customers/me/phone`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ code: `phone-${phone}` }),
  });
  expect(bound.status).toBe(200);
  const surname = uniqueSurname();
  const name = `${surname}小明`;
  const named = await json(`${url}/v1/customers/me`, {
    method: 'PATCH',
    headers: auth,
    body: JSON.stringify({ name, birthday: '1990-05-18' }),
  });
  expect(named.status).toBe(200);
  return { id, token, name, surname, phone };
}

const memberCodeOf = async (member: Member) => {
  const issued = await json(`${harness.cloud.url}/v1/customers/me/member-code`, {
    headers: { authorization: `Bearer ${member.token}` },
  });
  expect(issued.status).toBe(200);
  return issued.body.code as string;
};

/** A place at the demo workshop (the mall's venue) that the member books, some days ahead, at 15:00 Shanghai. */
async function bookWorkshop(member: Member) {
  const day = addDays(localDayOf(new Date(), 'Asia/Shanghai'), randomInt(3, 25));
  const booked = await json(`${harness.cloud.url}/v1/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${member.token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ venueId: 'demo-workshop', start: `${day}T15:00:00+08:00`, partySize: 2 }),
  });
  expect(booked.status).toBe(201);
  return { day };
}

const staffGet = (token: string, path: string) =>
  json(`${harness.cloud.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** The member's spendable balance and their adjustment entries, as the API has them. */
async function pointsOf(memberId: string) {
  const admin = await adminToken(harness.cloud);
  const customer = await staffGet(admin, `/v1/admin/customers/${memberId}`);
  const ledger = await staffGet(admin, `/v1/admin/customers/${memberId}/ledger?type=adjust`);
  return {
    balance: (customer.body.points as { balance: number }).balance,
    adjustments: (ledger.body.items as { points: number }[]).map((entry) => entry.points),
  };
}

/** Chooses how to search, types the term and submits, as a person at the desk would. */
async function search(page: Page, by: RegExp, term: string) {
  // The segmented control's radio is visually hidden inside its label, which is what a person clicks.
  await page.getByRole('radio', { name: by }).locator('xpath=..').click();
  const field = page.getByRole('textbox', { name: by });
  await field.fill(term);
  await page.getByRole('button', { name: /(查找|Find)$/ }).click();
}

/**
 * A screenshot of a dialog in both languages: the language switch sits behind the dialog, so each
 * language opens (and fills) it afresh, and closes it after; axe checks it in the first.
 */
async function captureDialog(page: Page, screen: string, open: () => Promise<Locator>) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const language of ['zh-CN', 'en-US'] as const) {
    if (language !== (await languageOf(page))) await switchLanguage(page, language);
    const dialog = await open();
    if (language === 'zh-CN') await expectAccessible(page, screen);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${language}.png`) });
    await dialog.getByRole('button', { name: /^(Close|关闭)$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
  await switchLanguage(page, 'zh-CN');
}

/** An option of the open select, as drawn (its role="option" twin is for screen readers only). */
const option = (page: Page, name: string | RegExp) =>
  page.locator('.ant-select-item-option').filter({ hasText: name });

/** The statistic of the points card under this title. */
const statistic = (page: Page, title: string) =>
  page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');

describe('the customers section', () => {
  it('lets a service-desk agent find a member by member code and credit an adjustment once on a double click', async () => {
    const { page, cloud } = harness;
    const member = await newMember();
    const before = await pointsOf(member.id);
    const support = await addStaff(cloud, ['support']);
    await signInToConsole(page, cloud, support);
    // The customers section is the support agent's start page.
    await heading(page, '会员').waitFor();
    await page.getByText('先查找一位会员').waitFor();
    await expectAccessible(page, 'customer search');
    await capture(page, 'customers-search');

    // An unknown code says what to do, in words.
    await search(page, /^(会员码|Member code)$/, '000000000001');
    await page.getByText('会员码无效或已过期').waitFor();

    await search(page, /^(会员码|Member code)$/, await memberCodeOf(member));
    await heading(page, member.name).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/customers/${member.id}`);
    await expect.poll(() => statistic(page, '可用积分').textContent()).toBe(String(before.balance));
    await page.getByRole('tab', { name: '兑换与券' }).click();
    await page.getByText('该会员还没有兑换过礼品').waitFor();
    await page.getByRole('tab', { name: '参与的活动' }).click();
    await page.getByText('该会员还没有参与任何活动').waitFor();
    await page.getByRole('tab', { name: '隐私请求' }).click();
    await page.getByText('该会员没有提出过隐私请求').waitFor();
    await page.getByRole('tab', { name: '积分明细' }).click();
    await expectAccessible(page, 'member 360');
    await capture(page, 'customers-member');

    const dialog = page.getByRole('dialog', { name: /^(调整积分|Adjust points)$/ });
    const fillAdjustment = async () => {
      await page.getByRole('button', { name: /(调整积分|Adjust points)$/ }).click();
      await dialog.getByRole('spinbutton', { name: /积分数|Points/ }).fill('300');
      await dialog.getByRole('combobox', { name: /原因|Reason/ }).click();
      await option(page, /服务补救|Service recovery/).click();
      await dialog.getByRole('textbox', { name: /说明|Note/ }).fill('停车费补偿，工单 8812');
      return dialog;
    };
    await captureDialog(page, 'customers-adjust', fillAdjustment);
    await fillAdjustment();

    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/admin/loyalty/adjustments'))
        keys.push(request.headers()['idempotency-key']);
    });
    await dialog.getByRole('button', { name: '确认调整' }).dblclick();
    await page.getByText(`已调整 +300 积分，可用积分现为 ${before.balance + 300}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => statistic(page, '可用积分').textContent()).toBe(String(before.balance + 300));
    // However many requests the double click sent, they were one adjustment: one key, one credit.
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const after = await pointsOf(member.id);
    expect(after.balance).toBe(before.balance + 300);
    expect(after.adjustments).toEqual([300, ...before.adjustments]);
    // The audit shows the agent's adjustment once, as it was made once.
    await expectAuditShows(harness, {
      actorEmail: support.email,
      action: 'loyalty.adjust',
      target: `customer:${member.id}`,
      count: 1,
    });

    // The ledger shows it, and its filter narrows to adjustments.
    await page.getByRole('combobox', { name: '类型' }).click();
    await option(page, '人工调整').click();
    await expect.poll(() => page.getByRole('tabpanel').getByRole('row').count()).toBe(2);
    await page.getByRole('cell', { name: '+300' }).waitFor();
    await capture(page, 'customers-ledger');

    // A second adjustment from a fresh dialog is a new adjustment, with a key of its own.
    await page.getByRole('button', { name: '调整积分' }).click();
    await dialog.getByText('扣减', { exact: true }).click();
    await dialog.getByRole('spinbutton', { name: '积分数' }).fill('50');
    await dialog.getByRole('combobox', { name: '原因' }).click();
    await option(page, '更正错误的入账或扣减').click();
    await dialog.getByRole('textbox', { name: '说明' }).fill('多补了 50 分');
    await dialog.getByRole('button', { name: '确认调整' }).click();
    await page.getByText(`已调整 -50 积分，可用积分现为 ${before.balance + 250}`).waitFor();
    expect(new Set(keys).size).toBe(2);
    // Newest first.
    expect((await pointsOf(member.id)).adjustments).toEqual([-50, 300, ...before.adjustments]);
  });

  it('finds members by phone and by name, with designed empty results', async () => {
    const { page, cloud } = harness;
    const member = await newMember();
    await openConsole(page, cloud, '/customers');
    await heading(page, '会员').waitFor();

    await search(page, /^(手机号|Phone)$/, '13000000000');
    await page.getByText('没有找到会员').waitFor();
    await expectAccessible(page, 'no members found');
    await capture(page, 'customers-no-results');

    await search(page, /^(手机号|Phone)$/, member.phone);
    const row = page.getByRole('row').filter({ hasText: member.id });
    await row.getByRole('link', { name: member.name }).waitFor();
    expect(await row.textContent()).toContain(member.phone);
    await expectAccessible(page, 'search results');
    await capture(page, 'customers-results');

    await search(page, /^(姓名|Name)$/, member.surname.slice(0, 2));
    await page.getByRole('row').filter({ hasText: member.id }).waitFor();
    // No phone number or name in the address: the search is kept in the browser's history entry.
    expect(page.url()).not.toContain(member.phone);
    expect(decodeURIComponent(page.url())).not.toContain(member.surname.slice(0, 2));
    await page.getByRole('button', { name: new RegExp(`^查看 ${member.name}$`) }).click();
    await heading(page, member.name).waitFor();
    await page.goBack();
    await page.getByRole('row').filter({ hasText: member.id }).waitFor();
  });

  it('refuses a name search to a role without customers:pii, and shows them the profile masked', async () => {
    const { browser, cloud } = harness;
    const member = await newMember();
    const marketer = await addStaff(cloud, ['marketer']);
    const page = await newConsolePage(browser);
    try {
      await signInToConsole(page, cloud, marketer);
      await openConsole(page, cloud, '/customers');
      await heading(page, '会员').waitFor();
      await page.getByRole('radio', { name: '会员码' }).waitFor({ state: 'attached' });
      expect(await page.getByRole('radio').count()).toBe(3);
      expect(await page.getByRole('radio', { name: '姓名' }).count()).toBe(0);
      // The API refuses it too, whatever the screen offers.
      const token = (
        await json(`${cloud.url}/v1/admin/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ email: marketer.email, password: marketer.password }),
        })
      ).body.accessToken as string;
      const refused = await staffGet(token, `/v1/admin/customers?name=${encodeURIComponent(member.surname)}`);
      expect(refused.status).toBe(403);

      await search(page, /^(会员 ID|Member ID)$/, member.id);
      const masked = `${[...member.name][0]}${'*'.repeat([...member.name].length - 1)}`;
      await heading(page, masked).waitFor();
      await page.getByText(`${member.phone.slice(0, 3)}****${member.phone.slice(-4)}`).waitFor();
      await page.getByText('****-05-**').waitFor();
      expect(await page.content()).not.toContain(member.name);
      // No actions their role lacks, and no privacy tab.
      expect(await page.getByRole('button', { name: '调整积分' }).count()).toBe(0);
      expect(await page.getByRole('tab', { name: '隐私请求' }).count()).toBe(0);
      await expectAccessible(page, 'member 360 masked');
      await capture(page, 'customers-member-masked');

      await openConsole(page, cloud, '/customers/no-such-member');
      await heading(page, '没有找到这位会员').waitFor();
      await expectAccessible(page, 'member not found');
      await capture(page, 'customers-member-not-found');
    } finally {
      await page.context().close();
    }
  });

  it("shows the desk a member's booking on member 360, in the venue's time, with its status", async () => {
    const { browser, cloud } = harness;
    const member = await newMember();
    const { day } = await bookWorkshop(member);
    const support = await addStaff(cloud, ['support']);
    const page = await newConsolePage(browser);
    try {
      await signInToConsole(page, cloud, support);
      await openConsole(page, cloud, `/customers/${member.id}`);
      await heading(page, member.name).waitFor();
      await page.getByRole('tab', { name: '预约' }).click();
      const booking = page.getByRole('row').filter({ hasText: '周末手作工坊' });
      await booking.waitFor();
      expect(await booking.textContent()).toContain(day.replaceAll('-', '/'));
      expect(await booking.textContent()).toContain('15:00–16:00');
      expect(await booking.textContent()).toContain('已确认');
      await expectAccessible(page, 'member 360 bookings');
      await capture(page, 'customers-bookings');
      // Nothing past yet: the past list says so.
      await page.getByText('已过去', { exact: true }).click();
      await page.getByText('该会员没有过往预约').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it("lets staff who operate the tills assign an unmatched sale to the member, and cancel a member's redemption", async () => {
    const { browser, cloud } = harness;
    const page = await newConsolePage(browser);
    const member = await newMember();
    const transactionId = `T-${randomUUID().slice(0, 8)}`;
    const sale = await posRequest(cloud.url, '/v1/pos/transactions', {
      transactionId,
      storeId: 'demo-store',
      occurredAt: new Date().toISOString(),
      customer: { memberCode: '000000000002' },
      amount: 25_600,
      currency: 'CNY',
      items: [],
    });
    expect(sale.status).toBe(202);
    const admin = await adminToken(cloud);
    await expect
      .poll(
        async () =>
          JSON.stringify(
            (await staffGet(admin, '/v1/admin/pos/unmatched?limit=100')).body.items ?? [],
          ).includes(transactionId),
        { timeout: 15_000 },
      )
      .toBe(true);

    // A reward the member redeems, to cancel from member 360.
    const reward = await json(`${cloud.url}/v1/admin/rewards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        name: `停车券 ${randomInt(1000, 9999)}`,
        type: 'coupon',
        pointsCost: 1,
        stock: 'unlimited',
        voucherValidDays: 14,
      }),
    });
    expect(reward.status).toBe(201);

    await signInToConsole(page, cloud);
    await openConsole(page, cloud, `/customers/${member.id}`);
    await heading(page, member.name).waitFor();
    const dialog = page.getByRole('dialog', {
      name: /^(把未匹配的消费补录给该会员|Assign an unmatched sale)/,
    });
    const row = dialog.getByRole('row').filter({ hasText: transactionId });
    const openAssign = async () => {
      await page.getByRole('button', { name: /(补录消费|Assign a sale)$/ }).click();
      await row.waitFor();
      return dialog;
    };
    await captureDialog(page, 'customers-assign', openAssign);
    await openAssign();
    expect(await row.textContent()).toContain('¥256.00');
    await row.getByRole('button', { name: new RegExp(`补录给该会员 ${transactionId}`) }).click();
    await page.getByText('已补录，积分已发放').waitFor();
    await page.getByRole('cell', { name: new RegExp(transactionId) }).waitFor();

    // The points of the sale let the member redeem; the desk cancels it and the points return.
    await expect.poll(async () => (await pointsOf(member.id)).balance, { timeout: 10_000 }).toBe(256);
    const redeemed = await json(`${cloud.url}/v1/rewards/${(reward.body as { id: string }).id}/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ quantity: 1 }),
    });
    expect(redeemed.status).toBe(201);
    await page.reload();
    await page.getByRole('tab', { name: '兑换与券' }).click();
    const cancel = page.getByRole('dialog', { name: /^(取消「停车券|Cancel the redemption)/ });
    const openCancel = async () => {
      await page.getByRole('button', { name: /^(取消兑换|Cancel redemption) 停车券/ }).click();
      await cancel.getByRole('textbox', { name: /取消原因|Reason/ }).fill('会员选错了礼品，券码未使用');
      return cancel;
    };
    await captureDialog(page, 'customers-cancel-redemption', openCancel);
    await openCancel();
    await cancel.getByRole('button', { name: '确认取消' }).click();
    await page.getByText('已取消兑换，退回 1 积分').waitFor();
    await page.getByRole('cell', { name: '已取消' }).waitFor();
    await capture(page, 'customers-vouchers');
    await page.context().close();
  });
});
