import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../testing/render';
import { isFull, SlotGrid } from './slot-grid';
import type { Slot } from './types';

const slot = (hour: number, remaining: number, bookable: boolean): Slot => ({
  start: `2026-12-12T${String(hour).padStart(2, '0')}:00:00+08:00`,
  end: `2026-12-12T${String(hour + 1).padStart(2, '0')}:00:00+08:00`,
  remaining,
  bookable,
});

describe('the slot grid', () => {
  const slots = [slot(10, 0, false), slot(11, 3, true), slot(12, 10, false), slot(13, 1, false)];

  it('shows each slot at its Shanghai time with what is left, full slots offering the waitlist', () => {
    renderWithProviders(<SlotGrid slots={slots} partySize={2} mode="pool" onPick={() => {}} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual([
      '10:00已满 · 候补',
      '11:00剩 3 位',
      '12:00不可预约',
      '13:00已满 · 候补',
    ]);
    // Outside the booking window (10 covers left, not bookable now): nothing to pick.
    expect((screen.getByRole('button', { name: /12:00/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /10:00/ }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('books a slot with room and waitlists a full one', () => {
    const onPick = vi.fn();
    renderWithProviders(<SlotGrid slots={slots} partySize={2} mode="pool" onPick={onPick} />);
    fireEvent.click(screen.getByRole('button', { name: /11:00/ }));
    fireEvent.click(screen.getByRole('button', { name: /13:00/ }));
    expect(onPick.mock.calls).toEqual([
      [slots[1], 'book'],
      [slots[3], 'waitlist'],
    ]);
  });

  it('counts a resources venue by free resources, not covers', () => {
    expect(isFull(slot(13, 1, false), 4, 'resources')).toBe(false);
    expect(isFull(slot(13, 0, false), 4, 'resources')).toBe(true);
    expect(isFull(slot(13, 3, false), 4, 'pool')).toBe(true);
  });

  it('says so when the day has no slots, in English too', async () => {
    await i18n.changeLanguage('en-US');
    renderWithProviders(<SlotGrid slots={[]} partySize={2} mode="pool" onPick={() => {}} />);
    expect(screen.getByText('Nothing can be booked on this day. Pick another day.')).toBeTruthy();
  });

  it('marks the picked slot as pressed', () => {
    renderWithProviders(
      <SlotGrid slots={slots} partySize={2} mode="pool" selected={slots[1]!.start} onPick={() => {}} />,
    );
    expect(screen.getByRole('button', { name: /11:00/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /13:00/ }).getAttribute('aria-pressed')).toBe('false');
  });
});
