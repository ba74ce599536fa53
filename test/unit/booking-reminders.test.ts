// Booking reminder rules: which reminders a booking should have at a moment, and their schedule names.
import { describe, expect, it } from 'vitest';
import {
  plannedReminders,
  reminderScheduleName,
  reminderTime,
} from '../../lib/notifications/booking-reminders';
import { SCHEDULE_NAME } from '../../lib/schedules/one-time';

const now = new Date('2026-12-10T02:00:00.000Z');
const start = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

describe('booking reminders', () => {
  it('sets reminders 24 hours and 2 hours before the start', () => {
    expect(reminderTime('2026-12-12T06:00:00.000Z', '24h')).toEqual(new Date('2026-12-11T06:00:00.000Z'));
    expect(reminderTime('2026-12-12T06:00:00.000Z', '2h')).toEqual(new Date('2026-12-12T04:00:00.000Z'));
  });

  it('plans both reminders of a confirmed booking more than a day ahead', () => {
    expect(plannedReminders({ status: 'confirmed', start: start(72) }, now)).toEqual({
      '24h': new Date(start(48)),
      '2h': new Date(start(70)),
    });
  });

  it.each([
    [3, { '24h': undefined, '2h': new Date(start(1)) }],
    [24, { '24h': undefined, '2h': new Date(start(22)) }],
    [2, { '24h': undefined, '2h': undefined }],
    [1, { '24h': undefined, '2h': undefined }],
  ])('skips the reminders already past of a booking %i hours ahead', (hours, plan) => {
    expect(plannedReminders({ status: 'confirmed', start: start(hours) }, now)).toEqual(plan);
  });

  it.each(['cancelled', 'waitlisted', 'offered', 'attended', 'no-show', 'offer-lapsed'] as const)(
    'plans none for a %s booking',
    (status) => {
      expect(plannedReminders({ status, start: start(72) }, now)).toEqual({
        '24h': undefined,
        '2h': undefined,
      });
    },
  );

  it('plans none for a booking that is gone', () => {
    expect(plannedReminders(undefined, now)).toEqual({ '24h': undefined, '2h': undefined });
  });

  it('names one schedule per booking and reminder, within Scheduler’s rules for a ULID booking id', () => {
    const name = reminderScheduleName('01JE0000000000000000000001', '24h');
    expect(name).toBe('booking-01JE0000000000000000000001-24h');
    expect(name).toMatch(SCHEDULE_NAME);
    expect(reminderScheduleName('01JE0000000000000000000001', '2h')).toBe(
      'booking-01JE0000000000000000000001-2h',
    );
  });
});
