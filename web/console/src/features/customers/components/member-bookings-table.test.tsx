// Member 360's bookings tab: the member's upcoming and past bookings in the venue's local time, with their
// status, a page at a time, an empty state for each list, and the API's problems in words.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { jsonAnswer, problemAnswer, renderWithProviders } from '@/testing/render';
import { MemberBookingsTable } from './member-bookings-table';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };
const customerId = '01JD3Q8Z6W4K9T2M5N7P1R3S5V';

const dinner = {
  bookingId: 'b-dinner',
  status: 'confirmed',
  venueId: 'demo-restaurant',
  venueName: 'Harbour Kitchen',
  venueKind: 'restaurant',
  start: '2026-12-12T19:00:00+08:00',
  end: '2026-12-12T20:30:00+08:00',
  partySize: 3,
  resourceId: 't4-window',
  channel: 'member',
  createdAt: '2026-12-06T09:00:00.000Z',
};
const workshop = {
  bookingId: 'b-workshop',
  status: 'waitlisted',
  venueId: 'demo-workshop',
  venueName: 'Atrium workshop',
  venueKind: 'event',
  start: '2026-12-13T23:30:00+08:00',
  end: '2026-12-14T00:30:00+08:00',
  partySize: 1,
  channel: 'staff',
  createdAt: '2026-12-06T09:00:00.000Z',
};
const noShow = {
  ...dinner,
  bookingId: 'b-old',
  status: 'no-show',
  start: '2026-11-02T12:00:00+08:00',
  end: '2026-11-02T13:30:00+08:00',
};
const lateCancel = {
  ...dinner,
  bookingId: 'b-late',
  status: 'cancelled',
  late: true,
  start: '2026-11-01T12:00:00+08:00',
  end: '2026-11-01T13:30:00+08:00',
};

/** The API as the member's bookings list answers it, and the queries it was asked. */
function fakeApi(answer: (query: URLSearchParams) => Response) {
  const asked: URLSearchParams[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const url = new URL(request.url);
      if (url.pathname !== `/v1/admin/customers/${customerId}/bookings`)
        return problemAnswer(404, 'NOT_FOUND');
      asked.push(url.searchParams);
      return answer(url.searchParams);
    }),
  );
  return asked;
}

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;

describe('the bookings of member 360', () => {
  it("shows each upcoming booking in the venue's time, with venue, party, resource, channel and status", async () => {
    const asked = fakeApi(() => jsonAnswer({ items: [dinner, workshop], nextCursor: null }));
    renderWithProviders(<MemberBookingsTable customerId={customerId} />, { session: signedIn });

    const row = (await screen.findByText('Harbour Kitchen')).closest('tr') as HTMLElement;
    for (const text of ['2026/12/12周六 19:00–20:30', '餐厅', '3', 't4-window', '会员自助预约', '已确认'])
      expect(within(row).getByText(text)).toBeTruthy();
    // A slot past midnight ends on the next day.
    const late = rowOf('Atrium workshop');
    for (const text of ['2026/12/13周日 23:30–2026/12/14周一 00:30', '活动', '—', '到店登记', '候补中'])
      expect(within(late).getByText(text)).toBeTruthy();
    expect(asked[0]?.get('when')).toBe('upcoming');
    expect(screen.queryByRole('button', { name: /下一页/ })).toBeNull();
  });

  it('lists past bookings on asking, each list with its own empty state, in English too', async () => {
    await i18n.changeLanguage('en-US');
    const asked = fakeApi((query) =>
      jsonAnswer({
        items: query.get('when') === 'past' ? [noShow, lateCancel] : [],
        nextCursor: null,
      }),
    );
    renderWithProviders(<MemberBookingsTable customerId={customerId} />, { session: signedIn });
    expect(await screen.findByText('This member has no upcoming bookings')).toBeTruthy();

    fireEvent.click(screen.getByText('Past'));
    expect(within(await waitFor(() => rowOf('No-show'))).getByText('Member, online')).toBeTruthy();
    const cancelled = rowOf('Cancelled');
    expect(within(cancelled).getByText('Late cancellation')).toBeTruthy();
    expect(within(cancelled).getByText('Sun, 11/01/2026 12:00–13:30')).toBeTruthy();
    expect(asked.map((query) => query.get('when'))).toEqual(['upcoming', 'past']);
  });

  it('says when the member has no past bookings', async () => {
    fakeApi(() => jsonAnswer({ items: [], nextCursor: null }));
    renderWithProviders(<MemberBookingsTable customerId={customerId} />, { session: signedIn });
    await screen.findByText('该会员没有即将到来的预约');
    fireEvent.click(screen.getByText('已过去'));
    expect(await screen.findByText('该会员没有过往预约')).toBeTruthy();
  });

  it('pages on with the cursor the API gave, and back', async () => {
    const asked = fakeApi((query) =>
      query.get('cursor') === 'page-2'
        ? jsonAnswer({ items: [workshop], nextCursor: null })
        : jsonAnswer({ items: [dinner], nextCursor: 'page-2' }),
    );
    renderWithProviders(<MemberBookingsTable customerId={customerId} />, { session: signedIn });
    await screen.findByText('Harbour Kitchen');
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    expect(await screen.findByText('Atrium workshop')).toBeTruthy();
    expect(screen.queryByText('Harbour Kitchen')).toBeNull();
    expect(asked.at(-1)?.get('cursor')).toBe('page-2');
    expect(asked.at(-1)?.get('limit')).toBe('10');
    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    expect(await screen.findByText('Harbour Kitchen')).toBeTruthy();
  });

  it("says the API's problem in words, and tries again on asking", async () => {
    let failing = true;
    fakeApi(() =>
      failing ? problemAnswer(403, 'FORBIDDEN') : jsonAnswer({ items: [dinner], nextCursor: null }),
    );
    renderWithProviders(<MemberBookingsTable customerId={customerId} />, { session: signedIn });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('加载失败');
    expect(alert.textContent).not.toContain('{');
    failing = false;
    fireEvent.click(within(alert).getByRole('button', { name: /重\s*试/ }));
    expect(await screen.findByText('Harbour Kitchen')).toBeTruthy();
  });
});
