// The console's day view in Chromium against a local cloud of this file's own: members book a slot of the
// demo workshop over HTTP, and the desk (the demo admin) checks one in by the row's button and the other by
// the code their app shows, typed into the scanner box; it enters a walk-in and cancels it after confirming;
// a support agent, who may only read bookings, sees the day without any action. Every screen is checked
// with axe-core and captured in both languages.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { businessDayOf } from '../../web/shared/src/format';
import {
  capture,
  expectAccessible,
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

const MINUTE = 60_000;
const VENUE = 'demo-workshop';
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;

/** Minutes after Shanghai's midnight of an instant, and its clock time as the console shows it (HH:MM). */
const minuteOfDay = (ms: number) => Math.floor(((ms + SHANGHAI_OFFSET) % (24 * 60 * MINUTE)) / MINUTE);
const clock = (minute: number) =>
  `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * Two slots of the workshop on the test's clock: the first starts 5 to 10 minutes from now (25 at most
 * near Shanghai's midnight), so its check-in is already open (from 30 minutes before the start); the second
 * starts one slot later, not started while the test runs. The workshop gets special hours for that day and
 * a slot length that fits both slots before midnight.
 */
function slotsFromNow(now = Date.now()) {
  let first = Math.ceil((now + 5 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
  // Too close to midnight for two slots of at least 10 minutes: the next day's first minutes.
  if (24 * 60 - minuteOfDay(first) < 20) first += (24 * 60 - minuteOfDay(first)) * MINUTE;
  const opens = minuteOfDay(first);
  const slotMinutes = Math.min(60, Math.floor((24 * 60 - opens) / 2 / 5) * 5);
  const closes = opens + 2 * slotMinutes;
  return {
    day: businessDayOf(new Date(first)),
    slotMinutes,
    period: { open: clock(opens), close: closes === 24 * 60 ? '00:00' : clock(closes) },
    first: { start: new Date(first).toISOString(), label: `${clock(opens)}–${clock(opens + slotMinutes)}` },
    second: {
      start: new Date(first + slotMinutes * MINUTE).toISOString(),
      label: `${clock(opens + slotMinutes)}–${clock(closes)}`,
      opens: clock(opens + slotMinutes),
    },
  };
}

interface Member {
  id: string;
  token: string;
  /** How the day view names a member without a name: "会员 #" and the end of their id. */
  label: string;
}

/** A member of the programme through the mini program's sign-in, once their registration is through. */
async function member(): Promise<Member> {
  const { cloud } = harness;
  const signedIn = await json(`${cloud.url}/v1/auth/wechat/login`, {
    method: 'POST',
    body: JSON.stringify({ code: `browser-${randomUUID().slice(0, 8)}` }),
  });
  const token = signedIn.body.accessToken as string;
  // Registration completes through an event; the member's account answers once it has.
  for (let waited = 0; ; waited += 200) {
    const account = await json(`${cloud.url}/v1/loyalty/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (account.status === 200) break;
    if (waited > 10_000) throw new Error(`The member's account never opened: ${account.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const id = (signedIn.body.customer as { id: string }).id;
  return { id, token, label: `会员 #${id.slice(-6)}` };
}

/** Books a slot of the workshop as the member, as their app does. */
async function book(who: Member, start: string, partySize: number) {
  const booked = await json(`${harness.cloud.url}/v1/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ venueId: VENUE, start, partySize }),
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body.bookingId as string;
}

/** A dialog or confirmation open on the screen, captured in the language the page is in. */
async function captureOpen(page: Page, screen: string) {
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${await languageOf(page)}.png`) });
}

let slots: ReturnType<typeof slotsFromNow>;
let online: Member;
let scanned: Member;
let walkIn: Member;
let scannedBooking: string;

// The workshop opens two slots from now on the test's day; two members book the first.
beforeAll(async () => {
  const { cloud } = harness;
  const admin = await adminToken(cloud);
  slots = slotsFromNow();
  const venue = await json(`${cloud.url}/v1/admin/venues/${VENUE}`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  const patched = await json(`${cloud.url}/v1/admin/venues/${VENUE}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      version: venue.body.version,
      slotMinutes: slots.slotMinutes,
      specialHours: { [slots.day]: [slots.period] },
    }),
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  [online, scanned, walkIn] = await Promise.all([member(), member(), member()]);
  await book(online, slots.first.start, 2);
  scannedBooking = await book(scanned, slots.first.start, 3);
});

const dayPath = () => `/bookings?venue=${VENUE}&date=${slots.day}`;
const slotRegion = (page: Page, label: string) =>
  page.getByRole('region', { name: new RegExp(`^(${label} 时段|Slot ${label})$`) });
const bookingRow = (page: Page, label: string, who: Member) =>
  slotRegion(page, label)
    .getByRole('row')
    .filter({ hasText: `#${who.id.slice(-6)}` });

describe('the bookings day view', () => {
  it("checks a member in by the row's button and another by the code their app shows", async () => {
    const { page, cloud } = harness;
    await signInToConsole(page, cloud);
    await openConsole(page, cloud, dayPath());
    await heading(page, '预约').waitFor();
    const first = slotRegion(page, slots.first.label);
    await first.getByText('已约 5 / 10 位').waitFor();
    await bookingRow(page, slots.first.label, online).getByText('已确认').waitFor();
    await bookingRow(page, slots.first.label, scanned).getByText('已确认').waitFor();
    await slotRegion(page, slots.second.label).getByText('暂无预约').waitFor();
    await expectAccessible(page, 'the day view');
    await capture(page, 'bookings-day');

    // By the row: the desk has no code at hand.
    await page.getByRole('button', { name: `签到 ${online.label}`, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已为 ${online.label} 签到。` })
      .waitFor();
    await bookingRow(page, slots.first.label, online).getByText('已签到', { exact: true }).waitFor();

    // By the code: the scanner types it into the box and presses Enter.
    const code = await json(`${cloud.url}/v1/bookings/${scannedBooking}/check-in-code`, {
      headers: { authorization: `Bearer ${scanned.token}` },
    });
    expect(code.status).toBe(200);
    const box = page.getByRole('textbox', { name: '签到码' });
    await box.fill(code.body.code as string);
    await box.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `已签到：${scanned.label}，${slots.first.label.slice(0, 5)}，3 人` })
      .waitFor();
    await bookingRow(page, slots.first.label, scanned).getByText('已签到', { exact: true }).waitFor();
    expect(await box.inputValue()).toBe('');

    // The same code again: the problem in words, never the answer's JSON.
    await box.fill(code.body.code as string);
    await box.press('Enter');
    await page.getByRole('alert').filter({ hasText: '签到失败：该预约已签到。' }).waitFor();
    await expectAccessible(page, 'the day view after check-ins');
    await capture(page, 'bookings-checked-in');

    const day = await json(`${cloud.url}/v1/admin/venues/${VENUE}/day?date=${slots.day}`, {
      headers: { authorization: `Bearer ${await adminToken(cloud)}` },
    });
    const lines = (day.body.slots as { bookings: { member: { customerId: string }; status: string }[] }[])
      .flatMap((slot) => slot.bookings)
      .map((line) => [line.member.customerId, line.status]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [online.id, 'attended'],
        [scanned.id, 'attended'],
      ]),
    );
  });

  it('enters a walk-in for a later slot and cancels it once the desk confirms', async () => {
    const { page } = harness;
    const later = slotRegion(page, slots.second.label);
    for (const language of ['zh-CN', 'en-US'] as const) {
      if (language !== (await languageOf(page))) await switchLanguage(page, language);
      await later.getByRole('button', { name: /^(录入到店预约|Add walk-in) / }).click();
      await page.getByRole('dialog').waitFor();
      await expectAccessible(page, `the walk-in dialog in ${language}`);
      await captureOpen(page, 'bookings-walk-in');
      // The dialog covers the language switch: closed before the next language.
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^(取消|Cancel)$/ })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
    }
    await switchLanguage(page, 'zh-CN');
    await later.getByRole('button', { name: `录入到店预约 ${slots.second.opens}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: '会员编号' }).fill(walkIn.id);
    await dialog.getByRole('spinbutton', { name: '人数' }).fill('4');
    await dialog.getByRole('textbox', { name: '备注' }).fill('带两位小朋友');
    await dialog.getByRole('button', { name: '录入' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .filter({ hasText: `已为 ${slots.second.opens} 时段录入 4 人的到店预约。` })
      .waitFor();
    const row = bookingRow(page, slots.second.label, walkIn);
    await row.getByText('到店录入').waitFor();
    await row.getByText('带两位小朋友').waitFor();
    await later.getByText('已约 4 / 10 位').waitFor();

    await row.getByRole('button', { name: `取消预约 ${walkIn.label}` }).click();
    const confirmation = page.locator('.ant-popconfirm').filter({ hasText: '取消这个预约？' });
    await confirmation.waitFor();
    await expectAccessible(page, 'the cancel confirmation');
    await captureOpen(page, 'bookings-cancel-confirm');
    await confirmation.getByRole('button', { name: '取消预约' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已取消 ${walkIn.label} 的预约。` })
      .waitFor();
    await row.getByText('已取消', { exact: true }).waitFor();
    await later.getByText('已约 0 / 10 位').waitFor();
  });

  it('shows a support agent, who may only read bookings, the day without any action, and a closed day', async () => {
    const { browser, cloud } = harness;
    const agent = await addStaff(cloud, ['support'], [], '赵敏');
    const page = await newConsolePage(browser);
    try {
      await signInToConsole(page, cloud, agent);
      await openConsole(page, cloud, dayPath());
      await bookingRow(page, slots.first.label, online).getByText('已签到', { exact: true }).waitFor();
      expect(await page.getByRole('textbox', { name: '签到码' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^(签到|标记未到|取消预约|录入到店预约)/ }).count()).toBe(
        0,
      );
      await expectAccessible(page, 'the day view of a support agent');
      await capture(page, 'bookings-day-read-only');

      // The day after the special one is the workshop's ordinary day; a closed date says so.
      const admin = await adminToken(cloud);
      const venue = await json(`${cloud.url}/v1/admin/venues/${VENUE}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const closed = businessDayOf(
        new Date(Date.parse(`${slots.day}T12:00:00+08:00`) + 2 * 24 * 60 * MINUTE),
      );
      await json(`${cloud.url}/v1/admin/venues/${VENUE}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${admin}` },
        body: JSON.stringify({ version: venue.body.version, closedDates: [closed] }),
      });
      await openConsole(page, cloud, `/bookings?venue=${VENUE}&date=${closed}`);
      await page.getByText('该场地当天不营业').waitFor();
      await expectAccessible(page, 'a closed day');
      await capture(page, 'bookings-closed-day');
    } finally {
      await page.context().close();
    }
  });
});
