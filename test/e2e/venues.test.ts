// Venues over HTTP against the local cloud: staff create and edit a venue, members browse the venues and
// read the free slots of the seeded demo venues. Dates are reckoned from the cloud's own (real) clock, and
// nothing asserted depends on the weekday.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, localDayOf } from '../../lib/bookings/slots';
import { call, login, uniqueCode } from '../support/http';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

const memberToken = async () => (await login(uniqueCode('venues'))).body.accessToken;

/** A local date at the venues, days ahead of today in Shanghai: inside every demo venue's window. */
const daysAhead = (days: number) => addDays(localDayOf(new Date(), 'Asia/Shanghai'), days);

type Slot = { start: string; end: string; remaining: number; bookable: boolean };
type Availability = { venueId: string; date: string; timeZone: string; slots: Slot[] };

const everyDay = (open: string, close: string) =>
  Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ open, close }]]),
  );

describe('the demo venues', () => {
  it('are listed to members by kind, without staff fields', async () => {
    const member = await memberToken();
    const events = await call<{ items: Record<string, unknown>[] }>('GET', '/v1/venues?kind=event', {
      token: member,
    });
    expect(events.status).toBe(200);
    const workshop = events.body.items.find((venue) => venue.id === 'demo-workshop');
    expect(workshop).toMatchObject({
      kind: 'event',
      timeZone: 'Asia/Shanghai',
      slotMinutes: 60,
      capacity: { mode: 'pool', coversPerSlot: 10 },
    });
    expect(workshop).not.toHaveProperty('version');
    expect(events.body.items.every((venue) => venue.kind === 'event')).toBe(true);
    const restaurant = await call('GET', '/v1/venues/demo-restaurant', { token: member });
    expect(restaurant.body).toMatchObject({ kind: 'restaurant', storeId: 'demo-store' });
  });

  it("give the workshop's twelve hourly slots in Shanghai time, with at most its ten places each", async () => {
    const member = await memberToken();
    const date = daysAhead(26);
    const answer = await call<Availability>(
      'GET',
      `/v1/venues/demo-workshop/availability?date=${date}&partySize=2`,
      { token: member },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ venueId: 'demo-workshop', date, timeZone: 'Asia/Shanghai' });
    expect(answer.body.slots.map((slot) => slot.start)).toEqual(
      Array.from({ length: 12 }, (_, index) => `${date}T${String(10 + index).padStart(2, '0')}:00:00+08:00`),
    );
    // Other journeys may book the demo venue: what is left is at most its ten places, and bookable while two fit.
    for (const slot of answer.body.slots) {
      expect(slot.remaining).toBeLessThanOrEqual(10);
      expect(slot.bookable).toBe(slot.remaining >= 2);
    }
  });

  it("give the restaurant's slots from each opening period, counting the tables that seat the party", async () => {
    const member = await memberToken();
    const date = daysAhead(27);
    const party = async (size: number) =>
      (
        await call<Availability>(
          'GET',
          `/v1/venues/demo-restaurant/availability?date=${date}&partySize=${size}`,
          {
            token: member,
          },
        )
      ).body.slots;
    const forTwo = await party(2);
    expect(forTwo.map((slot) => slot.start.slice(11, 16))).toEqual([
      '11:00',
      '12:30',
      '17:00',
      '18:30',
      '20:00',
    ]);
    // Five tables seat two, one seats five, none seven (other journeys may hold some of them).
    expect(forTwo.every((slot) => slot.remaining <= 5 && slot.bookable === slot.remaining > 0)).toBe(true);
    expect((await party(5)).every((slot) => slot.remaining <= 1)).toBe(true);
    expect((await party(7)).every((slot) => slot.remaining === 0 && !slot.bookable)).toBe(true);
  });

  it('refuse a date that does not exist with 400 naming it', async () => {
    const answer = await call<{ code: string; errors: { field: string }[] }>(
      'GET',
      '/v1/venues/demo-workshop/availability?date=2027-02-30',
      { token: await memberToken() },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error) => error.field)).toEqual(['query.date']);
  });
});

describe('a venue staff create', () => {
  it('is bookable by members at once, and a closed date they add empties that day', async () => {
    const admin = await adminToken();
    const venueId = `e2e-${randomUUID().slice(0, 8)}`;
    const created = await call<{ version: number }>('POST', '/v1/admin/venues', {
      token: admin,
      body: {
        id: venueId,
        name: '停车场',
        description: 'Car park, B2',
        kind: 'parking',
        hours: everyDay('08:00', '12:00'),
        slotMinutes: 120,
        minNoticeMinutes: 0,
        maxAdvanceDays: 14,
        freeCancellationMinutes: 30,
        noShowGraceMinutes: 30,
        strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 7 },
        capacity: { mode: 'pool', coversPerSlot: 40 },
      },
    });
    expect(created.status).toBe(201);
    const member = await memberToken();
    const date = daysAhead(4);
    const before = await call<Availability>('GET', `/v1/venues/${venueId}/availability?date=${date}`, {
      token: member,
    });
    expect(before.body.slots).toEqual([
      { start: `${date}T08:00:00+08:00`, end: `${date}T10:00:00+08:00`, remaining: 40, bookable: true },
      { start: `${date}T10:00:00+08:00`, end: `${date}T12:00:00+08:00`, remaining: 40, bookable: true },
    ]);

    const closed = await call('PATCH', `/v1/admin/venues/${venueId}`, {
      token: admin,
      body: { version: created.body.version, closedDates: [date] },
    });
    expect(closed.status).toBe(200);
    const stale = await call<{ code: string }>('PATCH', `/v1/admin/venues/${venueId}`, {
      token: admin,
      body: { version: created.body.version, closedDates: [] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const after = await call<Availability>('GET', `/v1/venues/${venueId}/availability?date=${date}`, {
      token: member,
    });
    expect(after.body.slots).toEqual([]);

    const audit = await call<{ items: { action: string }[] }>(
      'GET',
      `/v1/admin/audit?target=${encodeURIComponent(`venue:${venueId}`)}`,
      { token: admin },
    );
    expect(audit.body.items.map((entry) => entry.action).sort()).toEqual(['venue.create', 'venue.update']);
  });
});
