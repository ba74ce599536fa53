// The console's venue settings in Chromium against a local cloud of this file's own: an admin creates a
// store's restaurant with two tables, edits its hours, closes it on a date and retires a table, and the list
// shows the change; a store manager is offered only their store. Every screen is checked with axe-core and
// captured in both languages.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  capture,
  expectAccessible,
  expectNoPageFaults,
  languageOf,
  newConsolePage,
  SCREENSHOTS,
  settled,
  switchLanguage,
} from '../support/browser';
import {
  addStaff,
  adminToken,
  consoleHarness,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json } from '../support/local-cloud';

const harness = consoleHarness();

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const store = { id: unique('l3-020'), name: '鼎泰丰（L3-020）' };
const venue = { id: unique('dtf'), name: '鼎泰丰餐位' };

/** Picks an option of the form's select labelled `label`, trying again while its dropdown opens. */
async function pick(page: Page, label: string, option: string) {
  const select = page.getByRole('combobox', { name: label });
  await expect
    .poll(
      async () => {
        await select.click();
        await page
          .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
          .first()
          .click({ timeout: 2_000 })
          .catch(() => undefined);
        return (
          (await page
            .locator('.ant-form-item', { has: select })
            .locator('.ant-select-content, .ant-select-selection-item')
            .first()
            .textContent()) ?? ''
        ).includes(option);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** The whole of a long form, below the fold too, in both languages (the page is left in zh-CN). */
async function captureWholePage(page: Page, screen: string) {
  for (const language of ['zh-CN', 'en-US'] as const) {
    if (language !== (await languageOf(page))) await switchLanguage(page, language);
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${language}.png`), fullPage: true });
  }
  await switchLanguage(page, 'zh-CN');
}

async function staffVenue(id: string) {
  const admin = await adminToken(harness.cloud);
  return (
    await json(`${harness.cloud.url}/v1/admin/venues/${id}`, {
      headers: { authorization: `Bearer ${admin}` },
    })
  ).body as {
    version: number;
    storeId?: string;
    hours: Record<string, { open: string; close: string }[]>;
    closedDates: string[];
    capacity: { mode: string; resources: { id: string; seats: number; active: boolean }[] };
  };
}

beforeAll(async () => {
  const admin = await adminToken(harness.cloud);
  const created = await json(`${harness.cloud.url}/v1/admin/stores`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify({ storeId: store.id, name: store.name }),
  });
  expect(created.status).toBe(201);
});

describe('the venues section', () => {
  it('lets an admin create a resources venue with two tables, edit its hours and dates, retire a table, and see it listed', async () => {
    const { browser, cloud } = harness;
    const page = await newConsolePage(browser);
    await signInToConsole(page, cloud);

    await openConsole(page, cloud, '/venues');
    await heading(page, '场地').waitFor();
    // The local cloud's demo venues: a mall workshop and the demo store's restaurant.
    await page.getByRole('link', { name: '周末手作工坊', exact: true }).waitFor();
    await expectAccessible(page, 'the venue list');
    await capture(page, 'venues-list');

    await page.getByRole('button', { name: /新建场地/ }).click();
    await heading(page, '新建场地').waitFor();
    await settled(page);
    await expectAccessible(page, 'a new venue');
    await capture(page, 'venue-new');

    // Nothing filled in: the form's own checks, beside the fields, and nothing sent.
    await page.getByRole('textbox', { name: '场地编号' }).fill('Not An Id');
    await page.locator('label', { hasText: '按资源' }).click();
    await page.getByRole('button', { name: '创建场地' }).click();
    await page.getByText('只能包含小写字母、数字和连字符（1–40 位，以字母或数字开头）').waitFor();
    await page.getByText('至少需要一个资源').waitFor();
    await expectAccessible(page, 'a new venue with its errors');
    await capture(page, 'venue-new-errors');

    await page.getByRole('textbox', { name: '场地编号' }).fill(venue.id);
    await page.getByRole('textbox', { name: '场地名称' }).fill(venue.name);
    await pick(page, '所属门店', store.name);
    await page.getByRole('spinbutton', { name: '时段长度' }).fill('90');
    for (const [index, table] of [
      ['a1', '4人桌 A1', '4'],
      ['b1', '2人桌 B1', '2'],
    ].entries()) {
      await page.getByRole('button', { name: '添加资源' }).click();
      await page.getByRole('textbox', { name: `资源 ${index + 1} 的编号` }).fill(table[0]!);
      await page.getByRole('textbox', { name: `资源 ${index + 1} 的名称` }).fill(table[1]!);
      await page.getByRole('spinbutton', { name: `资源 ${index + 1} 的座位数` }).fill(table[2]!);
    }
    await page.getByRole('button', { name: '创建场地' }).click();
    await page.getByText(`已创建场地“${venue.name}”。`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(venue.id) });
    await row.getByText('按资源：2 个，共 6 座').waitFor();
    await row.getByText(store.name).waitFor();
    expect(await row.getByRole('link', { name: `查看“${venue.name}”的当日预约` }).getAttribute('href')).toBe(
      `/console/bookings?venue=${venue.id}`,
    );
    const created = await staffVenue(venue.id);
    expect(created).toMatchObject({ version: 1, storeId: store.id });
    expect(created.capacity.resources.map((resource) => [resource.id, resource.seats])).toEqual([
      ['a1', 4],
      ['b1', 2],
    ]);

    // Its settings: Monday's hours shorter, Tuesday a second period, a closed date, table B1 retired.
    await page.getByRole('link', { name: venue.name, exact: true }).click();
    await heading(page, `编辑场地“${venue.name}”`).waitFor();
    expect(await page.getByRole('textbox', { name: '资源 1 的编号' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '移除资源 1' }).count()).toBe(0);
    await page.getByLabel('周一 第 1 段结束').fill('20:00');
    await page.getByLabel('周二 第 1 段结束').fill('14:00');
    await page.getByRole('button', { name: '为周二添加时段' }).click();
    await page.getByLabel('周二 第 2 段开始').fill('17:00');
    await page.getByLabel('周二 第 2 段结束').fill('00:00');
    const closedDate = page.getByRole('textbox', { name: '选择闭馆日期' });
    await closedDate.click();
    await closedDate.fill('2027-02-06');
    await closedDate.press('Enter');
    await page.getByRole('listitem').filter({ hasText: '2027-02-06' }).waitFor();
    await page.getByRole('switch', { name: '资源 2 接受预约' }).click();
    await page.keyboard.press('Escape');
    await settled(page);
    await expectAccessible(page, "a venue's settings");
    await capture(page, 'venue-edit');
    await captureWholePage(page, 'venue-edit-full');
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByText(`已保存场地“${venue.name}”。`).waitFor();
    await row.getByText('按资源：1 个，共 4 座 （另有 1 个已停用）').waitFor();
    const edited = await staffVenue(venue.id);
    expect(edited.version).toBe(2);
    expect(edited.hours.mon).toEqual([{ open: '10:00', close: '20:00' }]);
    expect(edited.hours.tue).toEqual([
      { open: '10:00', close: '14:00' },
      { open: '17:00', close: '00:00' },
    ]);
    expect(edited.closedDates).toEqual(['2027-02-06']);
    expect(edited.capacity.resources).toEqual([
      { id: 'a1', name: '4人桌 A1', seats: 4, active: true },
      { id: 'b1', name: '2人桌 B1', seats: 2, active: false },
    ]);
    await capture(page, 'venues-list-edited');

    // Someone else saves meanwhile: the next save is refused and the form asks for a reload.
    await page.getByRole('link', { name: venue.name, exact: true }).click();
    await heading(page, `编辑场地“${venue.name}”`).waitFor();
    const admin = await adminToken(cloud);
    const elsewhere = await json(`${cloud.url}/v1/admin/venues/${venue.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ version: 2, name: `${venue.name}（新）` }),
    });
    expect(elsewhere.status).toBe(200);
    await page.getByRole('textbox', { name: '场地名称' }).fill('我的改名');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('场地已被他人修改').waitFor();
    await expectAccessible(page, 'a version conflict');
    await capture(page, 'venue-conflict');
    await page.getByRole('button', { name: '重新载入' }).click();
    await heading(page, `编辑场地“${venue.name}（新）”`).waitFor();
    expect((await staffVenue(venue.id)).version).toBe(3);
    expectNoPageFaults(page);
    await page.close();
  }, 240_000);

  it("offers a store manager only their store's venues and their store for a new one", async () => {
    const { browser, cloud } = harness;
    const manager = await addStaff(cloud, ['store_manager'], [store.id], '陈静');
    const salon = { id: unique('salon'), name: '鼎泰丰包间' };
    const made = await json(`${cloud.url}/v1/admin/venues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await adminToken(cloud)}` },
      body: JSON.stringify({
        id: salon.id,
        name: salon.name,
        kind: 'restaurant',
        storeId: store.id,
        hours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
            day,
            [{ open: '11:00', close: '21:00' }],
          ]),
        ),
        slotMinutes: 60,
        minNoticeMinutes: 60,
        maxAdvanceDays: 14,
        freeCancellationMinutes: 60,
        noShowGraceMinutes: 15,
        strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
        capacity: { mode: 'pool', coversPerSlot: 12 },
      }),
    });
    expect(made.status).toBe(201);
    const page = await newConsolePage(browser);
    await signInToConsole(page, cloud, manager);

    await openConsole(page, cloud, '/venues');
    await heading(page, '场地').waitFor();
    await page.getByRole('link', { name: salon.name, exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '周末手作工坊', exact: true }).count()).toBe(0);
    await capture(page, 'venues-list-manager');

    await page.getByRole('button', { name: /新建场地/ }).click();
    await heading(page, '新建场地').waitFor();
    await expect
      .poll(async () => page.locator('.ant-form-item', { hasText: '所属门店' }).textContent())
      .toContain(store.name);
    await page.getByRole('combobox', { name: '所属门店' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    expect(
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '商场自有' })
        .count(),
    ).toBe(0);
    expectNoPageFaults(page);
    await page.close();
  }, 120_000);
});
