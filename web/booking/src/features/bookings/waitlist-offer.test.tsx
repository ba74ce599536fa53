import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { splitBookings, type BookingView } from './types';
import { WaitlistOffer } from './waitlist-offer';

const booking = (over: Partial<BookingView>): BookingView => ({
  bookingId: 'b1',
  status: 'confirmed',
  venueId: 'demo-workshop',
  venueName: '周末手作课',
  start: '2026-12-12T14:00:00+08:00',
  end: '2026-12-12T15:00:00+08:00',
  partySize: 2,
  createdAt: '2026-12-01T02:00:00.000Z',
  ...over,
});

describe('a waitlist offer', () => {
  it('counts down the time left each second, then no longer offers to confirm', () => {
    vi.useFakeTimers();
    let now = Date.parse('2026-12-12T05:00:00.000Z');
    const onConfirm = vi.fn();
    renderWithProviders(
      <WaitlistOffer
        booking={{ ...booking({ status: 'offered' }), offerExpiresAt: '2026-12-12T13:00:02+08:00' }}
        now={() => now}
        confirming={false}
        onConfirm={onConfirm}
        onDecline={() => {}}
      />,
    );
    expect(screen.getByRole('timer').textContent).toContain('剩余 0:02');
    fireEvent.click(screen.getByRole('button', { name: '确认预约' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    now += 1000;
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByRole('timer').textContent).toContain('剩余 0:01');
    now += 1000;
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('确认时限已过');
    expect((screen.getByRole('button', { name: '确认预约' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('upcoming and past bookings', () => {
  it('puts live bookings not yet over first, soonest first, and the rest after, latest first', () => {
    const now = new Date('2026-12-12T06:30:00.000Z'); // 14:30 in Shanghai
    const ongoing = booking({ bookingId: 'ongoing' });
    const later = booking({
      bookingId: 'later',
      start: '2026-12-13T10:00:00+08:00',
      end: '2026-12-13T11:00:00+08:00',
    });
    const cancelled = booking({
      bookingId: 'cancelled',
      status: 'cancelled',
      start: '2026-12-14T10:00:00+08:00',
      end: '2026-12-14T11:00:00+08:00',
    });
    const over = booking({
      bookingId: 'over',
      start: '2026-12-11T10:00:00+08:00',
      end: '2026-12-11T11:00:00+08:00',
    });
    const { upcoming, past } = splitBookings([over, later, cancelled, ongoing], now);
    expect(upcoming.map((each) => each.bookingId)).toEqual(['ongoing', 'later']);
    expect(past.map((each) => each.bookingId)).toEqual(['cancelled', 'over']);
  });
});
