// A member's booking journey over HTTP, end to end: staff launch a campaign for attending the workshop, a
// new member signs in by SMS, books the demo workshop, is reminded, checks in at the desk and gets the
// campaign's points once. Check-in opens 30 minutes before the start and a reminder is made only while its
// time is ahead, so one booking needs the clock to pass: this file runs a local cloud of its own in its own
// process, whose clock it moves (the shared cloud's clock is every other file's too).
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, localDayOf } from '../../lib/bookings/slots';
import type { LocalCloud } from '../../lib/local/cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lib/local/dynamodb';
import { call, type LoginResult } from '../support/http';
import { ADMIN, startTestCloud } from '../support/local-cloud';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const SHANGHAI = 'Asia/Shanghai';

let cloud: LocalCloud;

beforeAll(async () => {
  // Only Date is faked, and it runs on from wherever it is set: timers, and so every emulation's waits, stay real.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  cloud = await startTestCloud();
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  vi.useRealTimers();
});

const api = <T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) => call<T>(method, path, { ...options, baseUrl: cloud.url });

/** Moves the clock of this process, and so of its local cloud, to `at`; time runs on from there. */
const moveClockTo = (at: number) => vi.setSystemTime(at);

const staffToken = async () => {
  const signedIn = await api<{ accessToken: string }>('POST', '/v1/admin/auth/login', { body: ADMIN });
  expect(signedIn.status).toBe(200);
  return signedIn.body.accessToken;
};

/** A mainland mobile number no other member of this cloud has. */
const newPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

type Slot = { start: string; end: string; remaining: number; bookable: boolean };
type BookingView = { bookingId: string; status: string; venueId: string; start: string; partySize: number };
type Inbox = { items: { kind: string; title: string; body: string }[] };
type Ledger = { items: { type: string; points: number; source: Record<string, string> }[] };
type ListedSchedule = { name: string; kind: string; at?: string; target?: string };

describe("a member's booking journey", () => {
  it('signs in by SMS, books the workshop, is reminded, checks in and gets the campaign points once', async () => {
    const startedAt = Date.now();

    // 1. Staff launch a campaign: 50 points for attending a booking at the workshop (an `event` venue).
    let staff = await staffToken();
    const created = await api<{ campaignId: string; status: string }>('POST', '/v1/admin/campaigns', {
      token: staff,
      body: {
        name: 'Workshop visit bonus',
        trigger: { kind: 'bookingAttended' },
        conditions: { venues: ['demo-workshop'], venueKinds: ['event'] },
        effects: { bonusPoints: { kind: 'fixed', points: 50 } },
        startsAt: new Date(startedAt - MINUTE).toISOString(),
        endsAt: new Date(startedAt + 7 * 24 * HOUR).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const { campaignId } = created.body;
    const activated = await api<{ status: string }>('POST', `/v1/admin/campaigns/${campaignId}/status`, {
      token: staff,
      body: { action: 'activate' },
    });
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe('active');

    // 2. A new member signs in with the code texted to their phone, which registers them.
    const phone = newPhone();
    const sent = await api('POST', '/v1/auth/sms/send', { body: { phone, countryCode: '86' } });
    expect(sent.status).toBe(202);
    const texts = await api<{ items: { phone: string; template: string; params: { code: string } }[] }>(
      'GET',
      '/_local/sms/messages',
    );
    const text = texts.body.items.filter((item) => item.phone === `+86${phone}`).at(-1);
    expect(text?.template).toBe('sign-in-code');
    const verified = await api<LoginResult>('POST', '/v1/auth/sms/verify', {
      body: { phone, countryCode: '86', code: text!.params.code },
    });
    expect(verified.status).toBe(200);
    expect(verified.body.isNew).toBe(true);
    let { accessToken: member, refreshToken } = verified.body;
    // Registration opens the points account on its event, a moment later.
    await vi.waitFor(
      async () =>
        expect((await api('GET', '/v1/loyalty/me', { token: member })).body).toMatchObject({ balance: 0 }),
      { timeout: 10_000, interval: 100 },
    );
    /** The member comes back later: the access token has lapsed, the refresh token is still good. */
    const memberReturns = async () => {
      const refreshed = await api<{ accessToken: string; refreshToken: string }>('POST', '/v1/auth/refresh', {
        body: { refreshToken },
      });
      expect(refreshed.status).toBe(200);
      ({ accessToken: member, refreshToken } = refreshed.body);
    };

    // 3. The workshop's 14:00 slot the day after tomorrow in Shanghai: more than a day ahead, well within its window.
    const venues = await api<{ items: { id: string; kind: string }[] }>('GET', '/v1/venues?kind=event', {
      token: member,
    });
    expect(venues.status).toBe(200);
    expect(venues.body.items.map((venue) => venue.id)).toContain('demo-workshop');
    const date = addDays(localDayOf(new Date(), SHANGHAI), 2);
    const availability = await api<{ slots: Slot[] }>(
      'GET',
      `/v1/venues/demo-workshop/availability?date=${date}&partySize=2`,
      { token: member },
    );
    expect(availability.status).toBe(200);
    const slot = availability.body.slots.find((candidate) => candidate.start === `${date}T14:00:00+08:00`);
    expect(slot).toMatchObject({ remaining: 10, bookable: true });
    const start = Date.parse(slot!.start);

    const booking = { venueId: 'demo-workshop', start: slot!.start, partySize: 2 };
    const idempotencyKey = `journey-${phone}`;
    const booked = await api<BookingView>('POST', '/v1/bookings', {
      token: member,
      body: booking,
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'confirmed',
      venueId: 'demo-workshop',
      start: slot!.start,
      end: `${date}T15:00:00+08:00`,
      partySize: 2,
    });
    const { bookingId } = booked.body;
    const replay = await api<BookingView>('POST', '/v1/bookings', {
      token: member,
      body: booking,
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(booked.body);
    const mine = await api<{ items: BookingView[] }>('GET', '/v1/bookings/me', { token: member });
    expect(mine.body.items.filter((item) => item.bookingId === bookingId)).toHaveLength(1);
    const after = await api<{ slots: Slot[] }>(
      'GET',
      `/v1/venues/demo-workshop/availability?date=${date}&partySize=2`,
      { token: member },
    );
    expect(after.body.slots.find((candidate) => candidate.start === slot!.start)?.remaining).toBe(8);

    // The desk cannot check the booking in yet: check-in opens 30 minutes before the start.
    const early = await api<{ code: string }>('GET', `/v1/bookings/${bookingId}/check-in-code`, {
      token: member,
    });
    expect(early.status).toBe(200);
    const tooEarly = await api('POST', '/v1/admin/venues/demo-workshop/check-ins', {
      token: staff,
      body: { code: early.body.code },
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body).toMatchObject({
      code: 'CHECK_IN_TOO_EARLY',
      detail: `Check-in opens at ${date}T13:30:00+08:00.`,
    });

    // 4. The confirmation made both reminders' one-time schedules; two hours before, the second one fires.
    const names = { day: `booking-${bookingId}-24h`, soon: `booking-${bookingId}-2h` };
    await vi.waitFor(
      async () => {
        const { items } = (await api<{ items: ListedSchedule[] }>('GET', '/_local/schedules')).body;
        expect(items.filter((item) => Object.values(names).includes(item.name))).toEqual(
          [
            {
              name: names.day,
              kind: 'one-time',
              target: 'remindBooking',
              at: new Date(start - 24 * HOUR).toISOString(),
            },
            {
              name: names.soon,
              kind: 'one-time',
              target: 'remindBooking',
              at: new Date(start - 2 * HOUR).toISOString(),
            },
          ].map((expected) => expect.objectContaining(expected)),
        );
      },
      { timeout: 10_000, interval: 100 },
    );
    moveClockTo(start - 2 * HOUR);
    const fired = await api<{ outcome: string }>('POST', `/_local/schedules/${names.soon}/run`);
    expect(fired.status).toBe(200);
    expect(fired.body.outcome).toBe('succeeded');
    await memberReturns();
    const inbox = await api<Inbox>('GET', '/v1/notifications/me', { token: member });
    expect(inbox.body.items.filter((item) => item.kind === 'booking-reminder')).toEqual([
      expect.objectContaining({ title: '预约提醒：即将开始', body: expect.stringContaining('周末手作工坊') }),
    ]);
    // Signed in by SMS, the member has no openid: the reminder reached the inbox only, and WeChat sent nothing.
    // (The seeded demo member, welcomed on start, is the only other member of this cloud.)
    const wechat = await api<{ items: { touser: string }[] }>('GET', '/_local/wechat/messages');
    expect(wechat.body.items.filter((message) => message.touser !== 'openid-demo')).toEqual([]);

    // 5. Ten minutes before the start the member shows the QR at the desk, and staff scan it.
    moveClockTo(start - 10 * MINUTE);
    await memberReturns();
    const code = await api<{ code: string; validFrom: string; validUntil: string }>(
      'GET',
      `/v1/bookings/${bookingId}/check-in-code`,
      { token: member },
    );
    expect(code.status).toBe(200);
    expect(code.body).toMatchObject({
      validFrom: `${date}T13:30:00+08:00`,
      validUntil: `${date}T14:15:00+08:00`,
    });
    staff = await staffToken();
    const scanned = await api('POST', '/v1/admin/venues/demo-workshop/check-ins', {
      token: staff,
      body: { code: code.body.code },
    });
    expect(scanned.status).toBe(200);
    expect(scanned.body).toEqual({ bookingId, status: 'attended' });
    const again = await api('POST', '/v1/admin/venues/demo-workshop/check-ins', {
      token: staff,
      body: { code: code.body.code },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_CHECKED_IN' });
    const mineNow = await api<{ items: BookingView[] }>('GET', '/v1/bookings/me', { token: member });
    expect(mineNow.body.items.find((item) => item.bookingId === bookingId)?.status).toBe('attended');

    // 6. The campaign's points arrive, once.
    const bonuses = async () =>
      (await api<Ledger>('GET', '/v1/loyalty/me/transactions?type=bonus', { token: member })).body.items;
    await vi.waitFor(
      async () =>
        expect((await api('GET', '/v1/loyalty/me', { token: member })).body).toMatchObject({ balance: 50 }),
      { timeout: 10_000, interval: 100 },
    );
    expect(await bonuses()).toEqual([
      expect.objectContaining({
        type: 'bonus',
        points: 50,
        source: expect.objectContaining({ kind: 'campaign', campaignId }),
      }),
    ]);

    // Staff mark it attended again by hand: refused. The attendance event delivered again, as it is and
    // under a new id, reaches the campaign's consumer and awards nothing: once per booking.
    const byHand = await api('POST', `/v1/admin/venues/demo-workshop/bookings/${bookingId}/attended`, {
      token: staff,
    });
    expect(byHand.status).toBe(409);
    expect(byHand.body).toMatchObject({ code: 'ALREADY_CHECKED_IN' });
    const attended = (
      await api<{
        items: {
          'detail-type': string;
          source: string;
          detail: { metadata: Record<string, unknown>; data: { bookingId: string } };
        }[];
      }>('GET', '/_local/events')
    ).body.items.filter((event) => event['detail-type'] === 'BookingAttended');
    expect(attended.map((event) => event.detail.data.bookingId)).toEqual([bookingId]);
    const original = attended[0]!;
    const eventBridge = new EventBridgeClient({
      endpoint: cloud.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const redelivered = await eventBridge
      .send(
        new PutEventsCommand({
          Entries: [
            original.detail,
            { ...original.detail, metadata: { ...original.detail.metadata, eventId: `${bookingId}-again` } },
          ].map((detail) => ({
            EventBusName: 'sbm-crm',
            Source: original.source,
            DetailType: 'BookingAttended',
            Detail: JSON.stringify(detail),
          })),
        }),
      )
      .finally(() => eventBridge.destroy());
    expect(redelivered.FailedEntryCount).toBe(0);
    await cloud.eventBridge.idle();
    const ids = redelivered.Entries!.map((entry) => entry.EventId);
    expect(
      cloud.eventBridge.deliveries
        .filter(
          (delivery) => ids.includes(delivery.eventId) && delivery.target === 'awardBookingAttendedCampaigns',
        )
        .map((delivery) => delivery.status),
    ).toEqual(['delivered', 'delivered']);
    // A little longer, for anything the deliveries may have left queued.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cloud.eventBridge.idle();
    expect((await api('GET', '/v1/loyalty/me', { token: member })).body).toMatchObject({ balance: 50 });
    expect(await bonuses()).toHaveLength(1);
    const awards = await api<{ items: Record<string, unknown>[] }>(
      'GET',
      `/v1/admin/campaigns/${campaignId}/awards`,
      { token: staff },
    );
    expect(awards.status).toBe(200);
    expect(awards.body.items).toEqual([
      expect.objectContaining({ customerId: verified.body.customer.id, bonusPoints: 50 }),
    ]);

    // The day-before reminder, left behind, tells an attended member nothing.
    const late = await api<{ outcome: string }>('POST', `/_local/schedules/${names.day}/run`);
    expect(late.body.outcome).toBe('succeeded');
    const inboxAfter = await api<Inbox>('GET', '/v1/notifications/me', { token: member });
    expect(inboxAfter.body.items.filter((item) => item.kind === 'booking-reminder')).toHaveLength(1);

    // Nothing of the journey was dead-lettered: no event, queued message or schedule run was lost.
    await cloud.eventBridge.idle();
    expect(cloud.eventBridge.deadLetters).toEqual([]);
    expect(cloud.sqs.snapshot().flatMap((queue) => queue.deadLetters)).toEqual([]);
    expect(cloud.scheduler.deadLetters).toEqual([]);
  });
});
