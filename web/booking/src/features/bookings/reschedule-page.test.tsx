// The reschedule screen against a stubbed API: what it asks for and what it shows a member of a
// restaurant (resources) venue, whose slots count tables, not covers.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../testing/render';
import { BookingsPage } from './bookings-page';
import type { BookingView } from './types';

const atTable: BookingView = {
  bookingId: 'b-table',
  status: 'confirmed',
  venueId: 'demo-restaurant',
  venueName: '演示餐厅',
  start: '2099-12-12T18:00:00+08:00',
  end: '2099-12-12T19:30:00+08:00',
  partySize: 3,
  resourceId: 't4',
  createdAt: '2099-12-01T02:00:00.000Z',
};

const restaurant = {
  id: 'demo-restaurant',
  name: '演示餐厅',
  kind: 'restaurant',
  timeZone: 'Asia/Shanghai',
  hours: {},
  closedDates: [],
  specialHours: {},
  slotMinutes: 90,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { noShows: 3, windowDays: 90, suspensionDays: 30 },
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2', name: '2 号桌', seats: 2 },
      { id: 't4', name: '4 号桌', seats: 4 },
      { id: 't6', name: '6 号桌', seats: 6 },
    ],
  },
};

const slot = (start: string, end: string, remaining: number, bookable: boolean) => ({
  start: `2099-12-12T${start}:00+08:00`,
  end: `2099-12-12T${end}:00+08:00`,
  remaining,
  bookable,
});

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** The API as the screen sees it; POSTs answer `onMove`'s answer. */
function stubApi(onMove: () => Response) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}${url.search}`);
      if (request.method === 'POST') return onMove();
      if (url.pathname === '/v1/bookings/me') return answer(200, { items: [atTable], nextCursor: null });
      if (url.pathname === '/v1/venues/demo-restaurant') return answer(200, restaurant);
      return answer(200, {
        venueId: 'demo-restaurant',
        date: url.searchParams.get('date'),
        timeZone: 'Asia/Shanghai',
        slots: [
          slot('11:00', '12:30', 2, true),
          slot('12:30', '14:00', 0, false),
          slot('18:00', '19:30', 1, true),
        ],
      });
    }),
  );
  return calls;
}

afterEach(() => void vi.unstubAllGlobals());

describe('rescheduling a table booking', () => {
  it('counts free tables that seat the party, names the table held, and never offers its own slot', async () => {
    await i18n.changeLanguage('zh-CN');
    const calls = stubApi(() => answer(200, atTable));
    renderWithProviders(<BookingsPage />, { route: '/b-table/reschedule' });
    const slots = await screen.findByRole('list', { name: '可预约时段' }, { timeout: 5000 });
    expect(screen.getByText(/4 号桌（4 座）/)).toBeTruthy();
    expect(screen.getByText(/改期后将安排能坐下 3 人的最小空桌/)).toBeTruthy();
    expect(
      within(slots)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['11:00空桌 2 张', '12:30已满', '18:00当前预约']);
    // A full slot has no waitlist here, and the booking's own slot would change nothing.
    expect((within(slots).getByRole('button', { name: /12:30/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(slots).getByRole('button', { name: /18:00/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls).toContainEqual(
      expect.stringMatching(/^GET \/v1\/venues\/demo-restaurant\/availability\?.*partySize=3/),
    );
  });

  it('says why a table slot was refused, in the member’s language, and keeps the booking', async () => {
    await i18n.changeLanguage('en-US');
    const calls = stubApi(() =>
      answer(409, { type: 'about:blank', title: 'Slot full', status: 409, code: 'SLOT_FULL' }),
    );
    renderWithProviders(<BookingsPage />, { route: '/b-table/reschedule' });
    fireEvent.click(await screen.findByRole('button', { name: /11:00/ }, { timeout: 5000 }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'No table that seats 3 is free at that time (or the table you asked for is taken). Pick another time; your booking is unchanged.',
    );
    await waitFor(() => expect(calls).toContain('POST /v1/bookings/b-table/reschedule'));
    await i18n.changeLanguage('zh-CN');
  });
});
