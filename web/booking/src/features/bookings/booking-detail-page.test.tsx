// The booking's screen against a stubbed API: the check-in QR is drawn only while the venue would take
// the code, whatever the API answers before.
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../testing/render';
import { BookingDetailPage } from './booking-detail-page';
import { Route, Routes } from 'react-router';

const booking = {
  bookingId: 'b1',
  status: 'confirmed',
  venueId: 'demo-workshop',
  venueName: '周末手作工坊',
  start: '2099-12-12T14:00:00+08:00',
  end: '2099-12-12T15:00:00+08:00',
  partySize: 2,
  createdAt: '2099-12-01T02:00:00.000Z',
};

const answer = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

function stubApi() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) =>
      new URL(request.url).pathname === '/v1/bookings/me'
        ? answer({ items: [booking], nextCursor: null })
        : answer({
            code: 'ci.signed-code',
            expiresAt: '2099-12-12T13:40:00+08:00',
            validFrom: '2099-12-12T13:30:00+08:00',
            validUntil: '2099-12-12T14:15:00+08:00',
          }),
    ),
  );
}

const renderAt = (now: string) =>
  renderWithProviders(
    <Routes>
      <Route path="/bookings/:bookingId" element={<BookingDetailPage clock={() => Date.parse(now)} />} />
    </Routes>,
    { route: '/bookings/b1' },
  );

afterEach(() => void vi.unstubAllGlobals());

describe('the check-in QR of a booking', () => {
  it('says when it will show before check-in opens, and draws nothing yet', async () => {
    await i18n.changeLanguage('zh-CN');
    stubApi();
    renderAt('2099-12-11T10:00:00+08:00');
    expect(await screen.findByText(/签到码将于 .*13:30 起显示/)).toBeTruthy();
    expect(screen.queryByRole('img', { name: '签到二维码' })).toBeNull();
  });

  it('draws the code once check-in is open', async () => {
    stubApi();
    renderAt('2099-12-12T13:45:00+08:00');
    expect(await screen.findByRole('img', { name: '签到二维码' })).toBeTruthy();
  });

  it('says check-in has closed after the grace period', async () => {
    stubApi();
    renderAt('2099-12-12T14:20:00+08:00');
    expect(await screen.findByText('签到时间已过。')).toBeTruthy();
    expect(screen.queryByRole('img', { name: '签到二维码' })).toBeNull();
  });
});
