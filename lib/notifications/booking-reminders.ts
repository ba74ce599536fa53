import * as z from '../zod';
import { lazyEnv } from '../config';
import { lazySchema } from '../lazy-schema';
import { getBooking, getVenue } from '../bookings/repository';
import type { Booking } from '../bookings/model';
import { cancelOnce, scheduleOnce } from '../schedules/one-time';
import { notifyMember } from './notify';

/**
 * Booking reminders: one-time schedules 24 hours and 2 hours before a confirmed booking starts, kept in
 * step with the booking record (not with the event that prompted the look, which may be late, replayed or
 * out of order), and the notice each sends when it fires, if the booking still stands as it did.
 */

export const REMINDERS = { '24h': 24 * 3_600_000, '2h': 2 * 3_600_000 } as const;
export type Reminder = keyof typeof REMINDERS;
const REMINDER_NAMES = Object.keys(REMINDERS) as Reminder[];

/** The function one-time reminder schedules invoke (lib/manifest/booking-reminders.ts). */
export const REMIND_BOOKING_FUNCTION = 'remindBooking';

export const reminderPayloadSchema = lazySchema(() =>
  z.strictObject({
    bookingId: z.string().check(z.minLength(1)),
    reminder: z.enum(['24h', '2h']),
    /** The start the reminder was set for: a booking moved since is reminded by its new schedule. */
    start: z.iso.datetime(),
  }),
);
export type ReminderPayload = z.infer<typeof reminderPayloadSchema>;

/** `booking-<bookingId>-24h` or `-2h`: one schedule per booking and reminder, moved rather than duplicated. */
export const reminderScheduleName = (bookingId: string, reminder: Reminder) =>
  `booking-${bookingId}-${reminder}`;

export const reminderTime = (start: string, reminder: Reminder) =>
  new Date(new Date(start).getTime() - REMINDERS[reminder]);

/**
 * What the reminders of a booking should be now: for a confirmed booking, each reminder whose time is
 * still ahead; none for any other status (cancelled, attended, waitlisted…) or a booking that is gone.
 */
export function plannedReminders(
  booking: Pick<Booking, 'status' | 'start'> | undefined,
  now: Date,
): Record<Reminder, Date | undefined> {
  const plan = {} as Record<Reminder, Date | undefined>;
  for (const reminder of REMINDER_NAMES) {
    const at = booking?.status === 'confirmed' ? reminderTime(booking.start, reminder) : undefined;
    plan[reminder] = at && at.getTime() > now.getTime() ? at : undefined;
  }
  return plan;
}

/** How often a sync reads the booking again when it changed while its schedules were being written. */
const MAX_SYNC_ROUNDS = 3;

/**
 * Brings a booking's reminder schedules in line with its record: creates or moves the ones still ahead,
 * deletes the others. The record is read again afterwards; if it changed meanwhile (a cancellation racing
 * a confirmation's delivery), the schedules are brought in line with that change too, so a cancelled
 * booking's reminders are never left standing by a late or replayed event.
 */
export async function syncBookingReminders(
  bookingId: string,
  options: { now?: () => Date; correlationId?: string } = {},
): Promise<Record<Reminder, Date | undefined>> {
  const now = options.now ?? (() => new Date());
  let booking = await getBooking(bookingId);
  for (let round = 1; ; round++) {
    const plan = plannedReminders(booking, now());
    for (const reminder of REMINDER_NAMES) {
      const name = reminderScheduleName(bookingId, reminder);
      const at = plan[reminder];
      if (!at || !booking) await cancelOnce(name);
      else
        await scheduleOnce(
          {
            name,
            at,
            target: REMIND_BOOKING_FUNCTION,
            payload: { bookingId, reminder, start: booking.start } satisfies ReminderPayload,
            correlationId: options.correlationId,
          },
          now(),
        );
    }
    const after = await getBooking(bookingId);
    if (after?.version === booking?.version || round === MAX_SYNC_ROUNDS) return plan;
    booking = after;
  }
}

export const env = lazyEnv({ WECHAT_TEMPLATE_MILESTONE: lazySchema(() => z.string().check(z.minLength(1))) });

export const localTime = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);

export type ReminderOutcome =
  'sent' | 'no-longer-confirmed' | 'moved' | 'started' | Awaited<ReturnType<typeof notifyMember>>;

/**
 * Sends a booking's reminder when it fires: only while the booking is confirmed, still starts when the
 * reminder was set for, and has not started. The notice is a service message (no marketing consent needed),
 * keyed by booking, reminder and start, so a retried or twice-delivered run tells the member once.
 */
export async function remindOfBooking(payload: ReminderPayload, now = new Date()): Promise<ReminderOutcome> {
  const booking = await getBooking(payload.bookingId);
  if (!booking || booking.status !== 'confirmed') return 'no-longer-confirmed';
  if (new Date(booking.start).getTime() !== new Date(payload.start).getTime()) return 'moved';
  const start = new Date(booking.start);
  if (now.getTime() >= start.getTime()) return 'started';
  const venue = await getVenue(booking.venueId);
  const venueName = venue?.name ?? '您预约的场所';
  const when = localTime(start, venue?.timeZone ?? 'Asia/Shanghai');
  const body =
    payload.reminder === '24h'
      ? `您在${venueName}的预约（${booking.partySize}位）将于${when}开始。如需改期或取消，请在会员中心操作。`
      : `您在${venueName}的预约（${booking.partySize}位）将于${when}开始，请准时到场。`;
  return notifyMember(
    booking.customerId,
    {
      id: `booking-reminder-${booking.bookingId}-${payload.reminder}-${start.getTime()}`,
      kind: 'booking-reminder',
      title: payload.reminder === '24h' ? '预约提醒：明天见' : '预约提醒：即将开始',
      body,
      templateId: env().WECHAT_TEMPLATE_MILESTONE,
      detail: `${venueName} ${when}`,
      purpose: 'service',
    },
    now,
  );
}
