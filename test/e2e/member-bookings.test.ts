// Member 360's bookings over HTTP against the local cloud: a member books the demo workshop (the mall's)
// and the demo restaurant (the demo store's); the service desk sees both in the venues' own time, a reader
// whose bookings:read is a store manager's sees only the store's, a role without bookings:read none, and
// each read is on record. Dates are reckoned from the cloud's own (real) clock.
import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addDays, localDayOf } from '../../lib/bookings/slots';
import { call, login, uniqueCode } from '../support/http';

const signIn = async (email: string, password: string) =>
  (await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', { body: { email, password } })).body
    .accessToken;

async function staffMember(admin: string, roles: string[], storeIds: string[] = []) {
  const email = `${uniqueCode('desk')}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await call<{ id: string }>('POST', '/v1/admin/staff', {
    token: admin,
    body: { email, name: 'Desk', roles, storeIds, password },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, token: await signIn(email, password) };
}

type Line = { bookingId: string; venueId: string; venueKind?: string; start: string; channel: string };

describe('GET /v1/admin/customers/{customerId}/bookings', () => {
  it("shows the desk the member's bookings, a store's reader only the store's, and audits each read", async () => {
    const admin = await signIn('admin@sbm.local', 'e2e-admin-password');
    const [support, storeReader, marketer] = await Promise.all([
      staffMember(admin, ['support']),
      staffMember(admin, ['marketer', 'store_manager'], ['demo-store']),
      staffMember(admin, ['marketer']),
    ]);
    const { body } = await login(uniqueCode('member-360-bookings'));
    const token = body.accessToken;
    const customerId = body.customer.id;

    // Days ahead in Shanghai, inside both venues' 30-day window; hours the two venues both have.
    const day = addDays(localDayOf(new Date(), 'Asia/Shanghai'), randomInt(3, 25));
    const book = async (venueId: string, time: string, partySize: number) => {
      const answer = await call<Line>('POST', '/v1/bookings', {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { venueId, start: `${day}T${time}:00+08:00`, partySize },
      });
      expect(answer.status).toBe(201);
      return answer.body;
    };
    const workshop = await book('demo-workshop', '15:00', 1);
    const dinner = await book('demo-restaurant', '18:30', 2);

    const path = `/v1/admin/customers/${customerId}/bookings`;
    const desk = await call<{ items: Line[]; nextCursor: string | null }>('GET', path, {
      token: support.token,
    });
    expect(desk.status).toBe(200);
    expect(desk.body.nextCursor).toBeNull();
    expect(desk.body.items).toMatchObject([
      {
        bookingId: workshop.bookingId,
        venueKind: 'event',
        start: `${day}T15:00:00+08:00`,
        status: 'confirmed',
        channel: 'member',
      },
      {
        bookingId: dinner.bookingId,
        venueKind: 'restaurant',
        start: `${day}T18:30:00+08:00`,
        end: `${day}T20:00:00+08:00`,
        partySize: 2,
        resourceId: expect.stringMatching(/^t2-/),
      },
    ]);
    // One at a time, the second page goes on from the first.
    const first = await call<{ items: Line[]; nextCursor: string }>('GET', `${path}?limit=1`, {
      token: support.token,
    });
    const second = await call<{ items: Line[] }>(
      'GET',
      `${path}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      { token: support.token },
    );
    expect([...first.body.items, ...second.body.items].map((line) => line.bookingId)).toEqual([
      workshop.bookingId,
      dinner.bookingId,
    ]);
    expect((await call('GET', `${path}?when=past`, { token: support.token })).body).toEqual({
      items: [],
      nextCursor: null,
    });

    const store = await call<{ items: Line[] }>('GET', path, { token: storeReader.token });
    expect(store.status).toBe(200);
    expect(store.body.items.map((line) => line.venueId)).toEqual(['demo-restaurant']);
    expect(await call('GET', path, { token: marketer.token })).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    expect((await call('GET', `${path}?when=soon`, { token: support.token })).status).toBe(400);

    const audit = await call<{ items: { actor: string; action: string }[] }>(
      'GET',
      `/v1/admin/audit?target=customer:${customerId}&action=bookings.member-bookings.read`,
      { token: admin },
    );
    expect(audit.status).toBe(200);
    const reads = audit.body.items.filter((entry) => entry.action === 'bookings.member-bookings.read');
    expect(reads.filter((entry) => entry.actor === support.id)).toHaveLength(4);
    expect(reads.filter((entry) => entry.actor === storeReader.id)).toHaveLength(1);
    expect(reads.filter((entry) => entry.actor === marketer.id)).toHaveLength(0);
  });
});
