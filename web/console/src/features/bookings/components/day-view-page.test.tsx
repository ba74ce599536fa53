// The day view at the desk: a venue's slots with their occupancy, bookings and waitlist, read from the URL;
// staff who may write check members in by the row or by a scanned code, mark no-shows, cancel after a
// confirmation and enter walk-ins with an Idempotency-Key; staff who may only read see no action at all.
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { businessDayOf } from '@sbm/web-shared/format';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, requestOf } from '@/testing/render';
import { renderAsStaff } from '../testing/render-section';
import { DayViewPage } from './day-view-page';

const everyDay = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open: '10:00', close: '22:00' }]]),
);
const venueBase = {
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: everyDay,
  closedDates: [],
  specialHours: {},
  slotMinutes: 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  createdAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T06:00:00.000Z',
  version: 1,
};
const workshop = {
  ...venueBase,
  id: 'demo-workshop',
  name: '周末手作工坊',
  kind: 'event',
  capacity: { mode: 'pool', coversPerSlot: 10 },
};
const restaurant = {
  ...venueBase,
  id: 'demo-restaurant',
  name: '海港餐厅',
  kind: 'restaurant',
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2', name: '2人桌', seats: 2, active: true },
      { id: 't4', name: '4人桌', seats: 4, active: true },
    ],
  },
};

/** An instant as the API gives it: ISO 8601 with Shanghai's offset. */
const shanghai = (ms: number) => {
  const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
};
const HOUR = 3_600_000;
// Whole hours, so the clock times on screen are predictable: one slot under way, one later.
const thisHour = Math.floor(Date.now() / HOUR) * HOUR;
const started = { start: shanghai(thisHour), end: shanghai(thisHour + HOUR) };
const later = { start: shanghai(thisHour + 3 * HOUR), end: shanghai(thisHour + 4 * HOUR) };
const clock = (iso: string) => iso.slice(11, 16);

const workshopDay = (date: string) => ({
  venueId: 'demo-workshop',
  date,
  slots: [
    {
      ...started,
      capacity: { mode: 'pool', taken: 5, covers: 10 },
      bookings: [
        {
          bookingId: 'B1',
          status: 'confirmed',
          member: { customerId: 'C00000000000000000000AAAAAA', name: '王**' },
          partySize: 2,
          channel: 'member',
          note: '靠窗',
        },
        {
          bookingId: 'B2',
          status: 'attended',
          member: { customerId: 'C00000000000000000000BBBBBB' },
          partySize: 3,
          channel: 'staff',
          attendedAt: started.start,
        },
      ],
      waitlist: [],
    },
    {
      ...later,
      capacity: { mode: 'pool', taken: 10, covers: 10 },
      bookings: [
        {
          bookingId: 'B3',
          status: 'confirmed',
          member: { customerId: 'C00000000000000000000CCCCCC', name: '李*' },
          partySize: 10,
          channel: 'member',
        },
      ],
      waitlist: [
        {
          bookingId: 'W1',
          status: 'offered',
          member: { customerId: 'C00000000000000000000DDDDDD', name: '陈*' },
          partySize: 2,
          position: 1,
          offerExpiresAt: shanghai(thisHour + 3 * HOUR - 30 * 60_000),
        },
      ],
    },
  ],
});

/** A fake API: the venues, the day asked for (or what `day` gives), and the actions' answers by path. */
function fakeApi({
  day = (venueId: string, date: string) => (venueId === 'demo-workshop' ? workshopDay(date) : undefined),
  actions = {},
}: {
  day?: (venueId: string, date: string) => unknown;
  actions?: Record<string, () => Response>;
} = {}) {
  const calls: { method: string; path: string; search: URLSearchParams; headers: Headers; body?: string }[] =
    [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = await requestOf(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push({ ...request, search: url.searchParams });
      if (request.method === 'GET' && request.path === '/v1/admin/venues')
        return jsonAnswer({ items: [workshop, restaurant], nextCursor: null });
      const dayOf = /^\/v1\/admin\/venues\/([^/]+)\/day$/.exec(request.path);
      if (dayOf) {
        const found = day(dayOf[1]!, url.searchParams.get('date')!);
        return found ? jsonAnswer(found) : problemAnswer(404, 'NOT_FOUND');
      }
      const answer = actions[`${request.method} ${request.path}`];
      return answer ? answer() : problemAnswer(500, 'INTERNAL');
    }),
  );
  return calls;
}

const today = () => businessDayOf(new Date());
const dayReads = (calls: ReturnType<typeof fakeApi>) => calls.filter((call) => call.path.endsWith('/day'));
const slotCard = (start: string, end: string) =>
  screen.getByRole('region', { name: `${clock(start)}–${clock(end)} 时段` });

// A day of slots is many tables: on a loaded machine it takes seconds to render in happy-dom.
configure({ asyncUtilTimeout: 10_000 });

describe('the day view', { timeout: 40_000 }, () => {
  it("opens the first venue's today by default, with each slot's occupancy, bookings and waitlist", async () => {
    const calls = fakeApi();
    renderAsStaff(<DayViewPage />, { permissions: ['bookings:read', 'bookings:write'], route: '/bookings' });

    await screen.findByRole('heading', { name: `${clock(started.start)}–${clock(started.end)}`, level: 2 });
    expect(dayReads(calls)[0]!.path).toBe('/v1/admin/venues/demo-workshop/day');
    expect(dayReads(calls)[0]!.search.get('date')).toBe(today());
    expect(screen.getByText('共 2 个时段，3 个预约，1 人候补')).toBeTruthy();

    const first = slotCard(started.start, started.end);
    expect(within(first).getByText('已约 5 / 10 位')).toBeTruthy();
    expect(within(first).getByRole('progressbar', { name: '已预约名额' }).getAttribute('aria-valuenow')).toBe(
      '50',
    );
    const online = within(first).getByText('王**').closest('tr')!;
    expect(within(online).getByText('#AAAAAA')).toBeTruthy();
    expect(within(online).getByText('2 人')).toBeTruthy();
    expect(within(online).getByText('靠窗')).toBeTruthy();
    expect(within(online).getByText('在线预约')).toBeTruthy();
    expect(within(online).getByText('已确认')).toBeTruthy();
    // Under way: checked in or a no-show, no longer cancelled.
    expect(within(online).getByRole('button', { name: '签到 王** #AAAAAA' })).toBeTruthy();
    expect(within(online).getByRole('button', { name: '标记未到 王** #AAAAAA' })).toBeTruthy();
    expect(within(online).queryByRole('button', { name: /取消预约/ })).toBeNull();
    const walkIn = within(first).getByText('#BBBBBB').closest('tr')!;
    expect(within(walkIn).getByText('会员')).toBeTruthy();
    expect(within(walkIn).getByText('到店录入')).toBeTruthy();
    expect(within(walkIn).getByText('已签到')).toBeTruthy();
    expect(within(walkIn).getByText(`${clock(started.start)} 签到`)).toBeTruthy();
    expect(within(walkIn).queryByRole('button')).toBeNull();

    const full = slotCard(later.start, later.end);
    expect(within(full).getByText('已约 10 / 10 位')).toBeTruthy();
    const waitlist = within(full).getByRole('list', { name: '候补（1）' });
    expect(within(waitlist).getByText('第 1 位')).toBeTruthy();
    expect(within(waitlist).getByText('陈*')).toBeTruthy();
    expect(within(waitlist).getByText('候补待确认')).toBeTruthy();
    expect(
      within(waitlist).getByText(`名额保留至 ${clock(shanghai(thisHour + 3 * HOUR - 30 * 60_000))}`),
    ).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '签到码' })).toBeTruthy();
  });

  it('shows a staff member who may only read the same day without any action', async () => {
    fakeApi();
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:read'],
      route: '/bookings?venue=demo-workshop',
    });

    await screen.findByText('王**');
    expect(screen.queryByRole('textbox', { name: '签到码' })).toBeNull();
    expect(screen.queryByRole('button', { name: /签到|标记未到|取消预约|录入到店预约|移出候补/ })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: '操作' })).toBeNull();
  });

  it('moves to the next and previous day through the URL, and says when the venue is closed or has no bookings', async () => {
    const date = '2027-02-05';
    const calls = fakeApi({
      day: (venueId, asked) => ({
        venueId,
        date: asked,
        slots:
          asked === '2027-02-06'
            ? []
            : [{ ...later, capacity: { mode: 'pool', taken: 0, covers: 10 }, bookings: [], waitlist: [] }],
      }),
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:read'],
      route: `/bookings?venue=demo-workshop&date=${date}`,
    });

    expect(await screen.findByText('当天还没有预约')).toBeTruthy();
    expect(screen.getByText('暂无预约')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '后一天' }));
    expect(await screen.findByText('该场地当天不营业')).toBeTruthy();
    expect(dayReads(calls).at(-1)!.search.get('date')).toBe('2027-02-06');
    fireEvent.click(screen.getByRole('button', { name: '前一天' }));
    fireEvent.click(screen.getByRole('button', { name: '前一天' }));
    await waitFor(() => expect(dayReads(calls).at(-1)!.search.get('date')).toBe('2027-02-04'));
  });

  it('checks a member in from the row and reads the day again', async () => {
    const calls = fakeApi({
      actions: {
        'POST /v1/admin/venues/demo-workshop/bookings/B1/attended': () =>
          jsonAnswer({ bookingId: 'B1', status: 'attended' }),
      },
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:write'],
      route: '/bookings?venue=demo-workshop',
    });

    fireEvent.click(await screen.findByRole('button', { name: '签到 王** #AAAAAA' }));
    expect(await screen.findByText('已为 王** #AAAAAA 签到。')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.path.endsWith('/B1/attended'))).toBe(true);
    await waitFor(() => expect(dayReads(calls).length).toBe(2));
  });

  it('says why a no-show cannot be marked, in words', async () => {
    fakeApi({
      actions: {
        'POST /v1/admin/venues/demo-workshop/bookings/B1/no-show': () =>
          problemAnswer(422, 'BOOKING_NOT_STARTED'),
      },
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:write'],
      route: '/bookings?venue=demo-workshop',
    });

    fireEvent.click(await screen.findByRole('button', { name: '标记未到 王** #AAAAAA' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      '预约尚未开始，开始后才能标记为未到店。',
    );
  });

  it('cancels a booking only once the desk confirms', async () => {
    const calls = fakeApi({
      actions: {
        'POST /v1/admin/venues/demo-workshop/bookings/B3/cancel': () =>
          jsonAnswer({ bookingId: 'B3', status: 'cancelled' }),
      },
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:write'],
      route: '/bookings?venue=demo-workshop',
    });

    fireEvent.click(await screen.findByRole('button', { name: '取消预约 李* #CCCCCC' }));
    await screen.findByText('取消这个预约？');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: '取消预约' }));
    expect(await screen.findByText('已取消 李* #CCCCCC 的预约。')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      '/v1/admin/venues/demo-workshop/bookings/B3/cancel',
    ]);
  });

  it('checks in a scanned code on Enter, names the booking, and says why another code is refused', async () => {
    let scans = 0;
    const calls = fakeApi({
      actions: {
        'POST /v1/admin/venues/demo-workshop/check-ins': () =>
          ++scans === 1
            ? jsonAnswer({ bookingId: 'B1', status: 'attended' })
            : problemAnswer(422, 'CHECK_IN_CODE_INVALID'),
      },
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:write'],
      route: '/bookings?venue=demo-workshop',
    });

    const field = await screen.findByRole('textbox', { name: '签到码' });
    await screen.findByText('王**');
    fireEvent.change(field, { target: { value: '  code-of-B1 ' } });
    fireEvent.submit(field.closest('form')!);
    expect(await screen.findByText(`已签到：王** #AAAAAA，${clock(started.start)}，2 人`)).toBeTruthy();
    expect(JSON.parse(calls.find((call) => call.path.endsWith('/check-ins'))!.body!)).toEqual({
      code: 'code-of-B1',
    });
    expect((field as HTMLInputElement).value).toBe('');

    fireEvent.change(field, { target: { value: 'code-of-elsewhere' } });
    fireEvent.submit(field.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toBe(
      '签到失败：签到码无效，请让会员刷新后重新出示。',
    );
  });

  it('enters a walk-in on a table of a resources venue with one Idempotency-Key per intended booking', async () => {
    const restaurantDay = (date: string) => ({
      venueId: 'demo-restaurant',
      date,
      slots: [
        {
          ...later,
          capacity: {
            mode: 'resources',
            resources: [
              { resourceId: 't2', name: '2人桌', seats: 2, bookingId: null },
              { resourceId: 't4', name: '4人桌', seats: 4, bookingId: 'B9' },
            ],
          },
          bookings: [],
          waitlist: [],
        },
      ],
    });
    const calls = fakeApi({
      day: (venueId, date) => (venueId === 'demo-restaurant' ? restaurantDay(date) : undefined),
      actions: {
        'POST /v1/admin/venues/demo-restaurant/bookings': () =>
          jsonAnswer(
            {
              bookingId: 'B10',
              status: 'confirmed',
              venueId: 'demo-restaurant',
              venueName: '海港餐厅',
              ...later,
              partySize: 2,
              resourceId: 't2',
              createdAt: '2026-12-06T09:00:00.000Z',
            },
            201,
          ),
      },
    });
    renderAsStaff(<DayViewPage />, {
      permissions: ['bookings:write'],
      route: '/bookings?venue=demo-restaurant',
    });

    const tables = await screen.findByRole('list', { name: '桌位与服务人员' });
    expect(within(tables).getByText('2人桌 · 空闲')).toBeTruthy();
    expect(within(tables).getByText('4人桌 · 已占用')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `录入到店预约 ${clock(later.start)}` }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: '会员编号' }), { target: { value: 'C42' } });
    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: '桌位或服务人员' }));
    fireEvent.click(await screen.findByTitle('2人桌 · 2 座'));
    fireEvent.change(within(dialog).getByRole('textbox', { name: '备注' }), { target: { value: ' 生日 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '录入' }));

    expect(await screen.findByText(`已为 ${clock(later.start)} 时段录入 2 人的到店预约。`)).toBeTruthy();
    const posted = calls.find((call) => call.method === 'POST')!;
    expect(JSON.parse(posted.body!)).toEqual({
      customerId: 'C42',
      start: later.start,
      partySize: 2,
      resourceId: 't2',
      note: '生日',
    });
    expect(posted.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(dayReads(calls).length).toBe(2));
  });
});
