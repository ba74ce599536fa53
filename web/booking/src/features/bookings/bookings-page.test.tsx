import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { BookingsPage } from './bookings-page';
import type { BookingView } from './types';

const booking = (over: Partial<BookingView>): BookingView => ({
  bookingId: 'b-confirmed',
  status: 'confirmed',
  venueId: 'demo-workshop',
  venueName: '周末手作课',
  start: '2099-12-12T14:00:00+08:00',
  end: '2099-12-12T15:00:00+08:00',
  partySize: 2,
  createdAt: '2099-12-01T02:00:00.000Z',
  ...over,
});

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('my bookings, wired to the API', () => {
  it('lists GET /v1/bookings/me and takes a waitlist offer with POST /v1/bookings/{id}/confirm', async () => {
    const offered = booking({
      bookingId: 'b-offer',
      status: 'offered',
      venueName: '川味小馆',
      offerExpiresAt: '2099-12-12T13:15:00+08:00',
    });
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        calls.push(`${request.method} ${new URL(request.url).pathname}`);
        if (request.method === 'POST') return answer(200, { ...offered, status: 'confirmed' });
        return answer(200, { items: [booking({}), offered], nextCursor: null });
      }),
    );
    renderWithProviders(<BookingsPage />);
    expect(await screen.findByText('候补有位了')).toBeTruthy();
    expect(screen.getByText('周末手作课')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    await waitFor(() => expect(calls).toContain('POST /v1/bookings/b-offer/confirm'));
    expect(calls[0]).toBe('GET /v1/bookings/me');
  });

  it('says a refusal in the member’s words, never the answer’s body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        answer(503, { type: 'about:blank', title: 'x', status: 503, code: 'UPSTREAM_UNAVAILABLE' }),
      ),
    );
    renderWithProviders(<BookingsPage />);
    expect(await screen.findByText('依赖的服务暂时不可用，请稍后再试。')).toBeTruthy();
    expect(screen.queryByText(/about:blank/)).toBeNull();
  });
});
