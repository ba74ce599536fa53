// Booking reminders against DynamoDB Local: the consumer keeps a booking's one-time schedules in step with
// its record (Scheduler mocked), and the reminder tells the member once, only while the booking stands.
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingKey, venueKey, type Booking, type Venue } from '../../lib/bookings/model';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { listInbox } from '../../lib/notifications/inbox';
import { oneTimeTargetEnvVar } from '../../lib/schedules/one-time';
import { lambdaContext } from '../support/lambda';
import { seedProfile, unique } from '../support/members';

process.env.WECHAT_API_BASE = 'https://wechat.test/';
process.env.WECHAT_APPID = 'wx-test';
process.env.WECHAT_APP_SECRET_JSON = JSON.stringify({ appSecret: 's' });
process.env.WECHAT_TEMPLATE_MILESTONE = 'tpl-notice';
Object.assign(process.env, {
  ONE_TIME_SCHEDULE_GROUP: 'sbm-crm-test-one-time',
  ONE_TIME_SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/sbm-crm-test-one-time-scheduler',
  ONE_TIME_SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-east-1:000000000000:sbm-crm-test-one-time-schedules-dlq',
  [oneTimeTargetEnvVar('remindBooking')]:
    'arn:aws:lambda:us-east-1:000000000000:function:sbm-crm-test-remindBooking',
});

const scheduler = mockClient(SchedulerClient);
const NOW = new Date('2026-12-10T02:00:00.000Z');
const HOUR = 3_600_000;
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

beforeEach(() => {
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
  scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
  scheduler.on(DeleteScheduleCommand).resolves({});
  // Only Date is faked: DynamoDB Local's sockets keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  // WeChat takes every notice unless a test listens in (stubWeChat).
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL) =>
      url.pathname.endsWith('stable_token')
        ? Response.json({ access_token: 'tok', expires_in: 7200 })
        : Response.json({ errcode: 0, errmsg: 'ok' }),
    ),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const venueId = 'reminder-test-salon';
async function seedVenue() {
  const venue: Venue = {
    id: venueId,
    name: '星光美发',
    kind: 'salon',
    status: 'active',
    timeZone: 'Asia/Shanghai',
    hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    closedDates: [],
    specialHours: {},
    slotMinutes: 60,
    minNoticeMinutes: 60,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 120,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity: { mode: 'pool', coversPerSlot: 4 },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  };
  await documents.put({ TableName: tableNameFromEnv('main'), Item: { ...venueKey(venueId), ...venue } });
}

async function putBooking(booking: Booking) {
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: { ...bookingKey(booking.bookingId), ...booking },
  });
}

async function seedBooking(startsInHours: number, status: Booking['status'] = 'confirmed'): Promise<Booking> {
  const start = later(startsInHours);
  const booking: Booking = {
    bookingId: unique('bk').replace(/-/g, '').slice(0, 30),
    customerId: unique('c'),
    venueId,
    start,
    end: new Date(new Date(start).getTime() + HOUR).toISOString(),
    day: start.slice(0, 10),
    partySize: 2,
    status,
    channel: 'member',
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    version: 1,
  };
  await putBooking(booking);
  // Its member, as registration leaves them: the consumer also tells them of the booking.
  await seedProfile(booking.customerId);
  return booking;
}

function bookingEvent(
  name: 'BookingConfirmed' | 'BookingCancelled' | 'BookingRescheduled' | 'WaitlistOffered',
  booking: Booking,
  eventId = unique('evt'),
  overrides: Record<string, unknown> = {},
): EventBridgeEvent<string, unknown> {
  const facts = {
    bookingId: booking.bookingId,
    customerId: booking.customerId,
    venueId: booking.venueId,
    venueKind: 'salon',
    start: booking.start,
    end: booking.end,
    partySize: booking.partySize,
  };
  const extra = {
    BookingConfirmed: { channel: 'member', via: 'booking', confirmedAt: NOW.toISOString() },
    BookingCancelled: {
      previousStatus: 'confirmed',
      late: false,
      by: 'member',
      cancelledAt: NOW.toISOString(),
    },
    WaitlistOffered: { offeredAt: NOW.toISOString(), offerExpiresAt: later(0.25) },
    BookingRescheduled: {
      previousStart: later(72),
      previousEnd: later(73),
      rescheduledAt: NOW.toISOString(),
    },
  }[name];
  return {
    version: '0',
    id: unique('eb'),
    'detail-type': name,
    source: 'sbm.crm.bookings',
    account: '000000000000',
    time: NOW.toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: { eventId, schemaVersion: 1, correlationId: 'corr-1', occurredAt: NOW.toISOString() },
      data: { ...facts, ...extra, ...overrides },
    },
  };
}

const created = () =>
  scheduler.commandCalls(CreateScheduleCommand).map(({ args: [{ input }] }) => ({
    name: input.Name,
    expression: input.ScheduleExpression,
    payload: (JSON.parse(input.Target!.Input!) as { payload: unknown }).payload,
  }));
const updated = () => scheduler.commandCalls(UpdateScheduleCommand).map(({ args: [{ input }] }) => input);
const deleted = () =>
  scheduler.commandCalls(DeleteScheduleCommand).map(({ args: [{ input }] }) => input.Name);

describe('notifyOfBookings', () => {
  const consumer = async () => (await import('../../functions/bookings/notify-of-bookings')).handler;

  it('schedules both reminders of a confirmed booking, once per event', async () => {
    const booking = await seedBooking(72);
    const event = bookingEvent('BookingConfirmed', booking);
    await (
      await consumer()
    )(event, lambdaContext());
    await (
      await consumer()
    )({ ...event, id: 'redelivered' }, lambdaContext());
    expect(created()).toEqual([
      {
        name: `booking-${booking.bookingId}-24h`,
        expression: `at(${later(48).slice(0, 19)})`,
        payload: { bookingId: booking.bookingId, reminder: '24h', start: booking.start },
      },
      {
        name: `booking-${booking.bookingId}-2h`,
        expression: `at(${later(70).slice(0, 19)})`,
        payload: { bookingId: booking.bookingId, reminder: '2h', start: booking.start },
      },
    ]);
    expect(deleted()).toEqual([]);
  });

  it('schedules only the 2-hour reminder of a booking made 3 hours ahead', async () => {
    const booking = await seedBooking(3);
    await (
      await consumer()
    )(bookingEvent('BookingConfirmed', booking), lambdaContext());
    expect(created().map(({ name }) => name)).toEqual([`booking-${booking.bookingId}-2h`]);
    expect(deleted()).toEqual([`booking-${booking.bookingId}-24h`]);
  });

  it('moves both reminders to the new start of a rescheduled booking', async () => {
    const booking = await seedBooking(72);
    const moved = { ...booking, start: later(96), end: later(97), version: 2 };
    await putBooking(moved);
    scheduler
      .on(CreateScheduleCommand)
      .rejects(Object.assign(new Error('exists'), { name: 'ConflictException' }));
    await (
      await consumer()
    )(bookingEvent('BookingRescheduled', moved), lambdaContext());
    expect(updated().map((input) => [input.Name, input.ScheduleExpression])).toEqual([
      [`booking-${booking.bookingId}-24h`, `at(${later(72).slice(0, 19)})`],
      [`booking-${booking.bookingId}-2h`, `at(${later(94).slice(0, 19)})`],
    ]);
  });

  it("deletes a cancelled booking's reminders, and a late or replayed confirmation does not bring them back", async () => {
    const booking = await seedBooking(72);
    const confirmed = bookingEvent('BookingConfirmed', booking);
    await putBooking({ ...booking, status: 'cancelled', cancelledAt: NOW.toISOString(), version: 2 });
    await (
      await consumer()
    )(bookingEvent('BookingCancelled', booking), lambdaContext());
    await (
      await consumer()
    )(confirmed, lambdaContext());
    expect(created()).toEqual([]);
    const names = [`booking-${booking.bookingId}-24h`, `booking-${booking.bookingId}-2h`];
    expect(deleted()).toEqual([...names, ...names]);
  });

  it('leaves no reminders when the booking is cancelled while a confirmation writes them', async () => {
    const booking = await seedBooking(72);
    let cancelled = false;
    scheduler.on(CreateScheduleCommand).callsFake(async () => {
      if (!cancelled) {
        cancelled = true;
        await putBooking({ ...booking, status: 'cancelled', cancelledAt: NOW.toISOString(), version: 2 });
      }
      return { ScheduleArn: 'arn' };
    });
    await (
      await consumer()
    )(bookingEvent('BookingConfirmed', booking), lambdaContext());
    const names = [`booking-${booking.bookingId}-24h`, `booking-${booking.bookingId}-2h`];
    expect(created().map(({ name }) => name)).toEqual(names);
    // Read again after writing, the cancellation is seen and both schedules go.
    expect(deleted()).toEqual(names);
  });
});

/** Listens in on WeChat: the subscribe messages sent, in order (the access token always granted). */
function stubWeChat() {
  const sent: { template_id: string; data: Record<string, { value: string }> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      if (url.pathname.endsWith('stable_token'))
        return Response.json({ access_token: 'tok', expires_in: 7200 });
      sent.push(JSON.parse(String(init.body)));
      return Response.json({ errcode: 0, errmsg: 'ok' });
    }),
  );
  return sent;
}

describe('remindBooking', () => {
  const remind = async () => (await import('../../functions/bookings/remind-booking')).handler;
  const envelope = (booking: Booking, reminder: '24h' | '2h', start = booking.start) => ({
    payload: { bookingId: booking.bookingId, reminder, start },
    correlationId: 'corr-1',
    schedule: `arn:aws:scheduler:us-east-1:000000000000:schedule/g/booking-${booking.bookingId}-${reminder}`,
    scheduledTime: NOW.toISOString().replace('.000', ''),
    executionId: unique('exec'),
    attempt: '1',
  });

  it('tells the member once by inbox and WeChat, however often the schedule runs', async () => {
    await seedVenue();
    const booking = await seedBooking(2);
    await seedProfile(booking.customerId);
    const sent = stubWeChat();
    await (
      await remind()
    )(envelope(booking, '2h'), lambdaContext());
    await (
      await remind()
    )(envelope(booking, '2h'), lambdaContext());
    const inbox = await listInbox(booking.customerId, { limit: 10 });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'booking-reminder', title: '预约提醒：即将开始' });
    // 04:00 UTC is 12:00 in Shanghai.
    expect(inbox.items[0]!.body).toContain('星光美发');
    expect(inbox.items[0]!.body).toContain('12:00');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ template_id: 'tpl-notice' });
  });

  it('sends the 24-hour and the 2-hour reminder each', async () => {
    await seedVenue();
    const booking = await seedBooking(24);
    await seedProfile(booking.customerId);
    const sent = stubWeChat();
    await (
      await remind()
    )(envelope(booking, '24h'), lambdaContext());
    await (
      await remind()
    )(envelope(booking, '2h'), lambdaContext());
    expect((await listInbox(booking.customerId, { limit: 10 })).items).toHaveLength(2);
    expect(sent).toHaveLength(2);
  });

  it('tells nobody of a cancelled booking', async () => {
    const booking = await seedBooking(2, 'cancelled');
    await seedProfile(booking.customerId);
    const sent = stubWeChat();
    await (
      await remind()
    )(envelope(booking, '2h'), lambdaContext());
    expect((await listInbox(booking.customerId, { limit: 10 })).items).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('tells nobody when the booking moved since the reminder was set', async () => {
    const booking = await seedBooking(26);
    await seedProfile(booking.customerId);
    const sent = stubWeChat();
    await (
      await remind()
    )(envelope(booking, '24h', later(2)), lambdaContext());
    expect((await listInbox(booking.customerId, { limit: 10 })).items).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('refuses a payload that is not a reminder, changing nothing', async () => {
    const booking = await seedBooking(2);
    const bad = { ...envelope(booking, '2h'), payload: { bookingId: booking.bookingId, reminder: '1h' } };
    await expect((await remind())(bad, lambdaContext())).rejects.toThrow(/not valid/);
  });
});

describe('notifyOfBookings: notices', () => {
  const tell = async () => (await import('../../functions/bookings/notify-of-bookings')).handler;

  it("tells the member of their booking's confirmation once, however often the event comes", async () => {
    await seedVenue();
    const booking = await seedBooking(30);
    await seedProfile(booking.customerId);
    const sent = stubWeChat();
    const event = bookingEvent('BookingConfirmed', booking);
    await (
      await tell()
    )(event, lambdaContext());
    await (
      await tell()
    )({ ...event, id: 'redelivered' }, lambdaContext());
    const inbox = await listInbox(booking.customerId, { limit: 10 });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'booking-confirmed', title: '预约成功' });
    // 08:00 UTC is 16:00 in Shanghai.
    expect(inbox.items[0]!.body).toContain('星光美发');
    expect(inbox.items[0]!.body).toContain('16:00');
    expect(sent).toHaveLength(1);
  });

  it('tells a waitlisted member of the offer held for them, until when', async () => {
    await seedVenue();
    const booking = await seedBooking(5, 'offered');
    await seedProfile(booking.customerId);
    stubWeChat();
    await (
      await tell()
    )(bookingEvent('WaitlistOffered', booking), lambdaContext());
    const [offer] = (await listInbox(booking.customerId, { limit: 10 })).items;
    expect(offer).toMatchObject({ kind: 'waitlist-offer', title: '候补名额已为您保留' });
    // Held until 02:15 UTC, 10:15 in Shanghai.
    expect(offer!.body).toContain('10:15');
  });

  it("tells the member of a venue's cancellation, not of their own", async () => {
    await seedVenue();
    const own = await seedBooking(30, 'cancelled');
    const byVenue = await seedBooking(30, 'cancelled');
    await seedProfile(own.customerId);
    await seedProfile(byVenue.customerId);
    const sent = stubWeChat();
    await (
      await tell()
    )(bookingEvent('BookingCancelled', own), lambdaContext());
    await (
      await tell()
    )(bookingEvent('BookingCancelled', byVenue, unique('evt'), { by: 'staff' }), lambdaContext());
    expect((await listInbox(own.customerId, { limit: 10 })).items).toEqual([]);
    expect((await listInbox(byVenue.customerId, { limit: 10 })).items).toMatchObject([
      { kind: 'booking-cancelled', title: '预约已被取消' },
    ]);
    expect(sent).toHaveLength(1);
  });
});
