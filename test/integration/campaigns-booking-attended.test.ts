// Booking-attended campaigns against DynamoDB Local, through their consumer: once per booking, whatever the
// deliveries, and only for the bookings their conditions name.
import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import {
  campaignCounters,
  changeCampaignStatus,
  createCampaign,
  getCampaign,
} from '../../lib/campaigns/store';
import { eventIdOf } from '../../lib/events/event-id';
import { toPutEventsEntry } from '../../lib/events/publisher';
import { listLedger } from '../../lib/loyalty/ledger-listing';
import { awardBookingAttendedCampaigns } from '../../lib/campaigns/triggers';
import { dryRunCampaign } from '../../lib/campaigns/dry-run';
import { dryRunRequestSchema } from '../../lib/campaigns/views';
import { isHeldOut } from '../../lib/campaigns/holdout';
import { handler } from '../../functions/campaigns/award-booking-attended-campaigns';
import { programmeDayStart } from '../support/calendar';
import { lambdaContext } from '../support/lambda';
import { acceptingEventBridge, balanceOf, memberWithPoints, unique } from '../support/members';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

// Every test's campaigns end with it: the table is shared, and a live booking campaign would pay the next test's members.
const created: string[] = [];
afterEach(async () => {
  for (const campaignId of created.splice(0)) await changeCampaignStatus(campaignId, 'end');
});

async function liveCampaign(overrides: Record<string, unknown>) {
  const campaign = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('campaign'),
      trigger: { kind: 'bookingAttended' },
      effects: { bonusPoints: { kind: 'fixed', points: 50 } },
      // From before the attendances these tests date, to a year from whenever they run.
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: programmeDayStart(365).toISOString(),
      ...overrides,
    }),
  );
  created.push(campaign.campaignId);
  await changeCampaignStatus(campaign.campaignId, 'activate');
  return (await getCampaign(campaign.campaignId))!;
}

type Attendance = {
  bookingId: string;
  customerId: string;
  venueId: string;
  venueKind: 'restaurant' | 'salon' | 'event' | 'parking' | 'service';
  storeId?: string;
  start: string;
  end: string;
  partySize: number;
  attendedAt: string;
  by: 'code' | 'staff';
};

/** A member's attendance of a workshop at the mall, checked in five minutes early. */
const attendance = (customerId: string, overrides: Partial<Attendance> = {}): Attendance => ({
  bookingId: unique('B'),
  customerId,
  venueId: 'demo-workshop',
  venueKind: 'event',
  start: '2026-11-15T06:00:00.000Z',
  end: '2026-11-15T07:00:00.000Z',
  partySize: 2,
  attendedAt: '2026-11-15T05:55:00.000Z',
  by: 'code',
  ...overrides,
});

/** The BookingAttended delivery, as EventBridge hands it to the consumer; its event id is the publisher's. */
const bookingAttended = (
  data: Attendance,
  eventId = eventIdOf('BookingAttended', data.bookingId),
): EventBridgeEvent<string, unknown> => ({
  id: unique('delivery'),
  version: '0',
  account: '000000000000',
  time: data.attendedAt,
  region: 'us-east-1',
  resources: [],
  source: 'sbm.crm.bookings',
  'detail-type': 'BookingAttended',
  detail: JSON.parse(toPutEventsEntry({ name: 'BookingAttended', eventId, data }, 'c').Detail!),
});

const deliver = (event: EventBridgeEvent<string, unknown>) => handler(event, lambdaContext());

const campaignLedger = async (customerId: string) =>
  (await listLedger(customerId, { limit: 50 })).items.filter((entry) => entry.source.kind === 'campaign');

const participations = () => eventBridge.published().filter((event) => event.type === 'CampaignParticipated');

describe('50 points for attending a workshop', () => {
  it('pays 50 once for a booking, however often and under whatever event id its attendance is told', async () => {
    const campaign = await liveCampaign({ conditions: { venueKinds: ['event'] } });
    const customerId = await memberWithPoints();
    const attended = attendance(customerId);

    await deliver(bookingAttended(attended));
    expect(await balanceOf(customerId)).toBe(50);
    expect(participations().map((event) => event.data)).toEqual([
      expect.objectContaining({
        campaignId: campaign.campaignId,
        customerId,
        kind: 'awarded',
        bonusPoints: 50,
        trigger: `booking:${attended.bookingId}`,
        at: attended.attendedAt,
      }),
    ]);

    // The same delivery again, then the same booking told under a second event id (a duplicate publish).
    await deliver(bookingAttended(attended));
    await deliver(bookingAttended(attended, unique('another-event')));

    expect(await balanceOf(customerId)).toBe(50);
    expect(await campaignLedger(customerId)).toHaveLength(1);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({
      awards: 1,
      participants: 1,
      pointsAwarded: 50,
    });
    // An award found made publishes its events again under the same ids, so consumers see it once.
    expect(new Set(participations().map((event) => event.metadata.eventId)).size).toBe(1);
  });

  it("pays for each of a member's bookings, once each", async () => {
    await liveCampaign({ conditions: { venueKinds: ['event'] } });
    const customerId = await memberWithPoints();
    await deliver(bookingAttended(attendance(customerId)));
    await deliver(bookingAttended(attendance(customerId, { start: '2026-11-22T06:00:00.000Z' })));
    expect(await balanceOf(customerId)).toBe(100);
  });

  it('pays nothing for a restaurant booking', async () => {
    const campaign = await liveCampaign({ conditions: { venueKinds: ['event'] } });
    const customerId = await memberWithPoints();
    await deliver(
      bookingAttended(
        attendance(customerId, { venueId: 'demo-noodles', venueKind: 'restaurant', storeId: 'store-it' }),
      ),
    );
    expect(await balanceOf(customerId)).toBe(0);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ awards: 0, pointsAwarded: 0 });
    expect(participations()).toEqual([]);
  });

  it('pays only parties within the size the campaign asks for', async () => {
    await liveCampaign({ conditions: { venueKinds: ['event'], minPartySize: 3, maxPartySize: 4 } });
    const [two, three, four, five] = await Promise.all([1, 2, 3, 4].map(() => memberWithPoints()));
    await deliver(bookingAttended(attendance(two!, { partySize: 2 })));
    await deliver(bookingAttended(attendance(three!, { partySize: 3 })));
    await deliver(bookingAttended(attendance(four!, { partySize: 4 })));
    await deliver(bookingAttended(attendance(five!, { partySize: 5 })));
    expect(await Promise.all([two, three, four, five].map((id) => balanceOf(id!)))).toEqual([0, 50, 50, 0]);
  });

  it('pays only bookings at the venues it names, and only while it is live', async () => {
    const venueId = unique('venue');
    const campaign = await liveCampaign({ conditions: { venues: [venueId] } });
    const customerId = await memberWithPoints();
    await deliver(bookingAttended(attendance(customerId, { venueId: 'demo-workshop' })));
    expect(await balanceOf(customerId)).toBe(0);
    await deliver(bookingAttended(attendance(customerId, { venueId })));
    expect(await balanceOf(customerId)).toBe(50);
    await changeCampaignStatus(campaign.campaignId, 'pause');
    await deliver(bookingAttended(attendance(customerId, { venueId })));
    expect(await balanceOf(customerId)).toBe(50);
    await changeCampaignStatus(campaign.campaignId, 'activate');
  });

  it('keeps a member to the per-member limit and the campaign to its budget, racing attendances included', async () => {
    const campaign = await liveCampaign({
      conditions: { venueKinds: ['event'] },
      limits: { pointsBudget: 200, perCustomer: { count: 1, per: 'day' } },
    });
    const members = await Promise.all(Array.from({ length: 6 }, () => memberWithPoints()));
    // Each member attends two workshops the same day: one award each at most, four in all within the budget.
    const outcomes = await Promise.all(
      members.flatMap((customerId) =>
        ['2026-11-15T06:00:00.000Z', '2026-11-15T08:00:00.000Z'].map(async (start) =>
          (await awardBookingAttendedCampaigns(attendance(customerId, { start }), 'c')).map((r) => r.outcome),
        ),
      ),
    );
    expect(outcomes.flat().filter((outcome) => outcome === 'awarded')).toHaveLength(4);
    const balances = await Promise.all(members.map(balanceOf));
    expect(balances.filter((points) => points === 50)).toHaveLength(4);
    expect(balances.reduce((a, b) => a + b, 0)).toBe(200);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ awards: 4, pointsAwarded: 200 });
  });

  it('gives a member of its control group nothing, and records them once', async () => {
    const campaign = await liveCampaign({ conditions: { venueKinds: ['event'] }, holdoutPercent: 50 });
    let customerId = await memberWithPoints();
    while (!isHeldOut(campaign.campaignId, customerId, 50)) customerId = await memberWithPoints();
    const first = attendance(customerId);
    expect((await awardBookingAttendedCampaigns(first, 'c')).map((r) => r.outcome)).toEqual(['held-out']);
    await deliver(bookingAttended(attendance(customerId)));
    expect(await balanceOf(customerId)).toBe(0);
    expect(await campaignCounters(campaign.campaignId)).toMatchObject({ heldOut: 1, awards: 0 });
  });
});

describe('the dry run of a booking-attended campaign', () => {
  it('explains a sample attended booking check by check, and refuses a purchase as its trigger', async () => {
    const campaign = await liveCampaign({ conditions: { venueKinds: ['event'], minPartySize: 3 } });
    const customerId = await memberWithPoints();
    const sample = (booking: Record<string, unknown>) =>
      dryRunRequestSchema.parse({
        customerId,
        booking: {
          venueId: 'demo-workshop',
          venueKind: 'event',
          partySize: 4,
          attendedAt: '2026-11-15T13:55:00+08:00',
          ...booking,
        },
      });
    const workshop = await dryRunCampaign(campaign, sample({}));
    expect(workshop).toMatchObject({ applies: true, bonusPoints: 50, basePoints: 0 });
    expect(workshop.checks.map((check) => check.condition)).toEqual([
      'trigger',
      'window',
      'venueKinds',
      'minPartySize',
      'status',
      'pointsAccount',
    ]);
    const restaurant = await dryRunCampaign(campaign, sample({ venueKind: 'restaurant' }));
    expect(restaurant).toMatchObject({ applies: false, bonusPoints: 0 });
    expect(restaurant.checks.filter((check) => !check.passed).map((check) => check.condition)).toEqual([
      'venueKinds',
    ]);
    const sale = dryRunRequestSchema.parse({
      purchase: { storeId: 'store-it', amount: 10_000, occurredAt: '2026-11-15T05:55:00Z', basePoints: 100 },
    });
    const purchase = await dryRunCampaign(campaign, sale);
    expect(purchase.applies).toBe(false);
    expect(purchase.checks[0]).toEqual({
      condition: 'trigger',
      passed: false,
      detail: 'reacts to bookingAttended, the sample is a purchase',
    });
    // Booking conditions fail for a sample that is no booking.
    expect(purchase.checks.find((check) => check.condition === 'venueKinds')?.passed).toBe(false);
    // Nothing was awarded by any of it.
    expect(await balanceOf(customerId)).toBe(0);
  });
});
