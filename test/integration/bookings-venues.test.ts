// Venue routes against DynamoDB Local through their handlers: staff create and edit venues (validated,
// store-scoped, audited, versioned), lists filter and page, and availability reads the venue and one query.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { poolSlotKey, resourceSlotKey, memberSlotGuardKey, type Venue } from '../../lib/bookings/model';
import { addDays, localDayOf } from '../../lib/bookings/slots';
import { venueInputSchema, type VenueInput } from '../../lib/bookings/venue-schemas';
import { createVenue, listVenues } from '../../lib/bookings/venues';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { createStore, deactivateStore } from '../../lib/pos/stores';
import { apiEvent, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';

afterEach(() => vi.restoreAllMocks());

const shortId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const everyDay = (open: string, close: string) => {
  const periods = [{ open, close }];
  return { mon: periods, tue: periods, wed: periods, thu: periods, fri: periods, sat: periods, sun: periods };
};

const workshopInput = (overrides: Partial<VenueInput> = {}) => ({
  id: shortId('w'),
  name: '手作工坊',
  kind: 'event' as const,
  hours: everyDay('10:00', '22:00'),
  slotMinutes: 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: { mode: 'pool' as const, coversPerSlot: 10 },
  ...overrides,
});

const restaurantInput = (storeId: string, overrides: Partial<VenueInput> = {}) =>
  workshopInput({
    id: shortId('r'),
    name: '餐厅',
    kind: 'restaurant',
    storeId,
    slotMinutes: 90,
    capacity: {
      mode: 'resources',
      resources: [
        { id: 't2-1', name: 'Table for 2', seats: 2, active: true },
        { id: 't4-1', name: 'Table for 4', seats: 4, active: true },
        { id: 't4-2', name: 'Table for 4', seats: 4, active: true },
      ],
    },
    ...overrides,
  });

async function newStore() {
  const storeId = shortId('s');
  await createStore({ storeId, name: 'Venue store' });
  return storeId;
}

type Answer = {
  status: number;
  body: Record<string, unknown> & { code?: string; errors?: { field: string }[] };
};

async function call(
  handlerFile: string,
  caller: Record<string, string>,
  options: {
    method?: string;
    venueId?: string;
    body?: unknown;
    query?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const { handler } = (await import(`../../functions/bookings/${handlerFile}.ts`)) as {
    handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
  };
  const response = await handler(
    {
      ...apiEvent({
        method: options.method ?? 'GET',
        path: '/v1/venues',
        authorizer: caller,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      }),
      pathParameters: options.venueId ? { venueId: options.venueId } : null,
      queryStringParameters: options.query ?? null,
    },
    lambdaContext(),
  );
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : {} };
}

const member = () => ({ kind: 'customer', customerId: shortId('c'), sessionId: shortId('s') });

const auditActionsOf = async (venueId: string) =>
  (
    await searchAuditEntries({
      target: `venue:${venueId}`,
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
      limit: 10,
    })
  ).items;

let admin: Record<string, string>;
beforeAll(async () => {
  admin = await staffCaller(['admin']);
});

describe('POST /v1/admin/venues', () => {
  it('creates a venue in the programme time zone at version 1, and audits it', async () => {
    const input = workshopInput({ closedDates: ['2027-02-06'] });
    const created = await call('create-venue', admin, { method: 'POST', body: input });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: input.id,
      status: 'active',
      timeZone: 'Asia/Shanghai',
      version: 1,
      closedDates: ['2027-02-06'],
      specialHours: {},
    });
    const [entry] = await auditActionsOf(input.id);
    expect(entry).toMatchObject({ action: 'venue.create', after: { id: input.id, version: 1 } });
  });

  it('refuses an id that is taken with 409 VENUE_EXISTS, leaving the first venue as it was', async () => {
    const input = workshopInput();
    await call('create-venue', admin, { method: 'POST', body: input });
    const again = await call('create-venue', admin, { method: 'POST', body: { ...input, name: 'Other' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('VENUE_EXISTS');
    expect((await call('get-venue-for-staff', admin, { venueId: input.id })).body.name).toBe('手作工坊');
  });

  it.each([
    [
      'resource ids listed twice',
      {
        capacity: {
          mode: 'resources',
          resources: [
            { id: 't1', name: 'A', seats: 2, active: true },
            { id: 't1', name: 'B', seats: 4, active: true },
          ],
        },
      },
      'body.capacity.resources.1.id',
    ],
    [
      'a resources venue without resources',
      { capacity: { mode: 'resources', resources: [] } },
      'body.capacity.resources',
    ],
    ['a date that does not exist', { closedDates: ['2027-02-30'] }, 'body.closedDates.0'],
    ['a period closing before it opens', { hours: everyDay('14:00', '11:00') }, 'body.hours.mon.0.close'],
    ['a time zone of its own', { timeZone: 'Europe/Paris' }, 'body.timeZone'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_, change, field) => {
    const input = { ...workshopInput(), ...change };
    const refused = await call('create-venue', admin, { method: 'POST', body: input });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toContain(field);
    expect((await call('get-venue-for-staff', admin, { venueId: input.id })).status).toBe(404);
  });

  it('refuses a store that does not exist or is deactivated', async () => {
    const unknown = await call('create-venue', admin, {
      method: 'POST',
      body: restaurantInput(shortId('s')),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.map((error) => error.field)).toEqual(['body.storeId']);
    const storeId = await newStore();
    await deactivateStore(storeId);
    expect(
      (await call('create-venue', admin, { method: 'POST', body: restaurantInput(storeId) })).status,
    ).toBe(400);
  });
});

describe('store scope', () => {
  it("lets a store manager keep their store's venues and nothing else", async () => {
    const [mine, theirs] = [await newStore(), await newStore()];
    const manager = await staffCaller(['store_manager'], [mine]);
    const own = restaurantInput(mine);
    expect((await call('create-venue', manager, { method: 'POST', body: own })).status).toBe(201);
    expect(
      (await call('create-venue', manager, { method: 'POST', body: restaurantInput(theirs) })).status,
    ).toBe(403);
    expect((await call('create-venue', manager, { method: 'POST', body: workshopInput() })).status).toBe(403);

    const other = await createVenue(venueInputSchema.parse(restaurantInput(theirs)));
    const mall = await createVenue(venueInputSchema.parse(workshopInput()));
    expect((await call('get-venue-for-staff', manager, { venueId: own.id })).status).toBe(200);
    expect((await call('get-venue-for-staff', manager, { venueId: other.id })).status).toBe(403);
    expect((await call('get-venue-for-staff', manager, { venueId: mall.id })).status).toBe(403);
    const patchOther = await call('update-venue', manager, {
      method: 'PATCH',
      venueId: other.id,
      body: { version: 1, name: 'Taken over' },
    });
    expect(patchOther.status).toBe(403);
    expect((await call('get-venue-for-staff', admin, { venueId: other.id })).body.name).toBe('餐厅');

    const listed = await call('list-venues-for-staff', manager, { query: { limit: '100' } });
    const ids = (listed.body.items as Venue[]).map((venue) => venue.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(ids).not.toContain(mall.id);
    expect((listed.body.items as Venue[]).every((venue) => venue.storeId === mine)).toBe(true);
  });
});

describe('PATCH /v1/admin/venues/{venueId}', () => {
  it('changes what it names on the version read, bumps the version and audits before and after', async () => {
    const venue = await createVenue(
      venueInputSchema.parse({ ...restaurantInput(await newStore()), description: 'Old' }),
    );
    const patched = await call('update-venue', admin, {
      method: 'PATCH',
      venueId: venue.id,
      body: {
        version: 1,
        description: null,
        slotMinutes: 60,
        specialHours: { '2027-01-01': [{ open: '12:00', close: '20:00' }] },
        capacity: {
          mode: 'resources',
          resources: [
            { id: 't2-1', name: 'Window table', seats: 2, active: true },
            { id: 't4-1', name: 'Table for 4', seats: 5, active: true },
            { id: 't4-2', name: 'Table for 4', seats: 4, active: false },
            { id: 't8-1', name: 'Room for 8', seats: 8, active: true },
          ],
        },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, slotMinutes: 60, name: '餐厅', minNoticeMinutes: 0 });
    expect(patched.body).not.toHaveProperty('description');
    expect((patched.body.capacity as { resources: unknown[] }).resources).toHaveLength(4);
    const [entry] = await auditActionsOf(venue.id);
    expect(entry).toMatchObject({
      action: 'venue.update',
      before: { version: 1, slotMinutes: 90, description: 'Old' },
      after: { version: 2, slotMinutes: 60 },
    });
  });

  it('refuses an edit made on an earlier version with 409 VERSION_CONFLICT', async () => {
    const venue = await createVenue(venueInputSchema.parse(workshopInput()));
    expect(
      (
        await call('update-venue', admin, {
          method: 'PATCH',
          venueId: venue.id,
          body: { version: 1, name: 'A' },
        })
      ).status,
    ).toBe(200);
    const stale = await call('update-venue', admin, {
      method: 'PATCH',
      venueId: venue.id,
      body: { version: 1, name: 'B' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await call('get-venue-for-staff', admin, { venueId: venue.id })).body).toMatchObject({
      name: 'A',
      version: 2,
    });
  });

  it('lets exactly one of many edits racing on the same version through', async () => {
    const venue = await createVenue(venueInputSchema.parse(workshopInput()));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        call('update-venue', admin, {
          method: 'PATCH',
          venueId: venue.id,
          body: { version: 1, capacity: { mode: 'pool', coversPerSlot: 20 + index } },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.body.code === 'VERSION_CONFLICT')).toHaveLength(7);
    const winner = answers.find((answer) => answer.status === 200)!;
    const stored = await call('get-venue-for-staff', admin, { venueId: venue.id });
    expect(stored.body).toMatchObject({ version: 2, capacity: winner.body.capacity });
  });

  it('never removes a resource, nor changes the capacity mode', async () => {
    const venue = await createVenue(venueInputSchema.parse(restaurantInput(await newStore())));
    const dropped = await call('update-venue', admin, {
      method: 'PATCH',
      venueId: venue.id,
      body: {
        version: 1,
        capacity: { mode: 'resources', resources: [{ id: 't2-1', name: 'A', seats: 2, active: true }] },
      },
    });
    expect(dropped.status).toBe(400);
    expect(dropped.body.errors?.map((error) => error.field)).toEqual(['body.capacity.resources']);
    const toPool = await call('update-venue', admin, {
      method: 'PATCH',
      venueId: venue.id,
      body: { version: 1, capacity: { mode: 'pool', coversPerSlot: 10 } },
    });
    expect(toPool.status).toBe(400);
    expect((await call('get-venue-for-staff', admin, { venueId: venue.id })).body.version).toBe(1);
  });

  it('answers 404 for a venue that does not exist', async () => {
    const missing = await call('update-venue', admin, {
      method: 'PATCH',
      venueId: shortId('x'),
      body: { version: 1, name: 'X' },
    });
    expect(missing.status).toBe(404);
  });
});

describe('GET /v1/admin/venues', () => {
  it('filters by kind, store and status, and pages with sealed cursors', async () => {
    const storeId = await newStore();
    const venues = await Promise.all(
      [
        restaurantInput(storeId),
        restaurantInput(storeId),
        restaurantInput(storeId, { kind: 'salon' }),
        restaurantInput(storeId, { status: 'inactive' }),
      ].map((input) => createVenue(venueInputSchema.parse(input))),
    );
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await call('list-venues-for-staff', admin, {
        query: { storeId, kind: 'restaurant', limit: '1', ...(cursor ? { cursor } : {}) },
      });
      expect(page.status).toBe(200);
      pages.push((page.body.items as Venue[]).map((venue) => venue.id));
      cursor = (page.body.nextCursor as string | null) ?? undefined;
    } while (cursor);
    const restaurants = venues
      .filter((venue) => venue.kind === 'restaurant')
      .map((venue) => venue.id)
      .sort();
    expect(pages).toEqual(restaurants.map((id) => [id]));
    const inactive = await listVenues({ limit: 20 }, { storeId, status: 'inactive' });
    expect(inactive).toEqual({ items: [venues[3]], nextCursor: null });
  });

  it('refuses a cursor of another filter with 400 INVALID_CURSOR', async () => {
    const storeId = await newStore();
    await Promise.all([1, 2].map(() => createVenue(venueInputSchema.parse(restaurantInput(storeId)))));
    const first = await call('list-venues-for-staff', admin, { query: { storeId, limit: '1' } });
    const other = await call('list-venues-for-staff', admin, {
      query: { kind: 'salon', limit: '1', cursor: String(first.body.nextCursor) },
    });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe('INVALID_CURSOR');
  });
});

describe('member venue routes', () => {
  it('list active venues only, of a kind, without their version and status', async () => {
    const active = await createVenue(venueInputSchema.parse(workshopInput({ kind: 'parking' })));
    const inactive = await createVenue(
      venueInputSchema.parse(workshopInput({ kind: 'parking', status: 'inactive' })),
    );
    const listed = await call('list-venues', member(), { query: { kind: 'parking' } });
    const items = listed.body.items as Record<string, unknown>[];
    expect(items.map((venue) => venue.id)).toContain(active.id);
    expect(items.map((venue) => venue.id)).not.toContain(inactive.id);
    expect(items.every((venue) => venue.kind === 'parking')).toBe(true);
    expect(items[0]).not.toHaveProperty('version');
    expect(items[0]).not.toHaveProperty('status');
    expect((await call('get-venue', member(), { venueId: active.id })).status).toBe(200);
    expect((await call('get-venue', member(), { venueId: inactive.id })).status).toBe(404);
  });

  it('show a resources venue its active resources only', async () => {
    const venue = await createVenue(
      venueInputSchema.parse(
        restaurantInput(await newStore(), {
          capacity: {
            mode: 'resources',
            resources: [
              { id: 't2-1', name: 'Table for 2', seats: 2, active: true },
              { id: 't4-1', name: 'Table for 4', seats: 4, active: false },
            ],
          },
        }),
      ),
    );
    const read = await call('get-venue', member(), { venueId: venue.id });
    expect(read.body.capacity).toEqual({
      mode: 'resources',
      resources: [{ id: 't2-1', name: 'Table for 2', seats: 2 }],
    });
  });
});

describe('GET /v1/venues/{venueId}/availability', () => {
  const put = (item: Record<string, unknown>) =>
    documents.put({ TableName: tableNameFromEnv('main'), Item: item });

  it('reads the venue and the venue-day in one query, counting pool covers taken', async () => {
    const venue = await createVenue(venueInputSchema.parse(workshopInput()));
    // Three days ahead at the venue: inside the window whatever today is, so every slot with room is bookable.
    const day = addDays(localDayOf(new Date(), venue.timeZone), 3);
    const at = (hour: number) =>
      new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
    await put({ ...poolSlotKey(venue.id, day, at(10)), taken: 10 });
    await put({ ...poolSlotKey(venue.id, day, at(11)), taken: 7 });
    // A member's guard in the same partition is not occupancy.
    await put({ ...memberSlotGuardKey(venue.id, day, at(12), 'c1'), bookingId: 'b1' });
    const queries = vi.spyOn(documents, 'query');
    const gets = vi.spyOn(documents, 'get');
    const answer = await call('get-availability', member(), {
      venueId: venue.id,
      query: { date: day, partySize: '3' },
    });
    expect(answer.status).toBe(200);
    expect(queries).toHaveBeenCalledTimes(1);
    expect(gets).toHaveBeenCalledTimes(1);
    const slots = answer.body.slots as { start: string; remaining: number; bookable: boolean }[];
    expect(slots).toHaveLength(12);
    expect(slots.slice(0, 3)).toEqual([
      { start: `${day}T10:00:00+08:00`, end: `${day}T11:00:00+08:00`, remaining: 0, bookable: false },
      { start: `${day}T11:00:00+08:00`, end: `${day}T12:00:00+08:00`, remaining: 3, bookable: true },
      { start: `${day}T12:00:00+08:00`, end: `${day}T13:00:00+08:00`, remaining: 10, bookable: true },
    ]);
    expect(answer.body).toMatchObject({ venueId: venue.id, date: day, timeZone: 'Asia/Shanghai' });
  });

  it('counts the free resources that seat the party', async () => {
    const venue = await createVenue(venueInputSchema.parse(restaurantInput(await newStore())));
    const day = addDays(localDayOf(new Date(), venue.timeZone), 3);
    const first = new Date(`${day}T10:00:00+08:00`).toISOString();
    await put({ ...resourceSlotKey(venue.id, day, first, 't4-1'), bookingId: 'b1' });
    const forThree = await call('get-availability', member(), {
      venueId: venue.id,
      query: { date: day, partySize: '3' },
    });
    const forTwo = await call('get-availability', member(), {
      venueId: venue.id,
      query: { date: day, partySize: '2' },
    });
    expect((forThree.body.slots as { remaining: number }[]).map((slot) => slot.remaining)).toEqual([
      1, 2, 2, 2, 2, 2, 2, 2,
    ]);
    expect((forTwo.body.slots as { remaining: number }[])[0]!.remaining).toBe(2);
  });

  it('refuses a date that does not exist or a party out of range with 400, and an inactive venue with 404', async () => {
    const venue = await createVenue(venueInputSchema.parse(workshopInput()));
    const badDate = await call('get-availability', member(), {
      venueId: venue.id,
      query: { date: '2027-02-30' },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors?.map((error) => error.field)).toEqual(['query.date']);
    const badParty = await call('get-availability', member(), {
      venueId: venue.id,
      query: { date: '2027-02-27', partySize: '101' },
    });
    expect(badParty.status).toBe(400);
    const closed = await createVenue(venueInputSchema.parse(workshopInput({ status: 'inactive' })));
    expect(
      (await call('get-availability', member(), { venueId: closed.id, query: { date: '2027-02-27' } }))
        .status,
    ).toBe(404);
  });
});
