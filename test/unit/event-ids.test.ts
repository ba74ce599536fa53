// Event ids: within the envelope's 128 characters by construction, unchanged wherever they always fitted,
// and every event the platform builds, at the longest ids the contracts allow, accepted by its schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, detailSchemaOf, type EventDefinition, type EventName } from '../../events/catalogue';
import { EVENT_ID_MAX_LENGTH } from '../../events/envelope';
import { awardEvents, joinedEvent } from '../../lib/campaigns/awards';
import { blastTrigger } from '../../lib/campaigns/blast';
import { customEventRecorded } from '../../lib/campaigns/custom-events';
import { recordCustomEventRoute } from '../../lib/campaigns/routes';
import {
  birthdayTrigger,
  bonusReversedEvent,
  customEventTrigger,
  purchaseTrigger,
} from '../../lib/campaigns/triggers';
import { eventIdOf } from '../../lib/events/event-id';
import { toPutEventsEntry, type DomainEvent } from '../../lib/events/publisher';
import { pointsAdjustedEvent } from '../../lib/loyalty/adjustments';
import { pointsExpiredEvent, pointsExpiringEvent } from '../../lib/loyalty/expiry-run';
import {
  pendingTierChange,
  tierChangedEvent,
  tierDowngradeScheduledEvent,
} from '../../lib/loyalty/tier-changes';
import { posRefundSchema, posTransactionSchema } from '../../lib/pos/messages';
import { longestPosId, longestStoreId, POS_ID_MAX_LENGTH, STORE_ID_MAX_LENGTH } from '../support/ids';

const eventNames = Object.keys(catalogue) as EventName[];
/** One to six facts' ids, of up to `maxLength` characters each. */
const partsOf = (maxLength: number) => {
  const part = fc.oneof(fc.string({ maxLength, size: 'max' }), fc.nat());
  return fc
    .tuple(part, fc.array(part, { maxLength: 5, size: 'max' }))
    .map(([first, rest]) => [first, ...rest] as [string | number, ...(string | number)[]]);
};

describe('eventIdOf', () => {
  it('builds an id that fits exactly as before: the name and the parts, joined by dashes (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...eventNames), partsOf(30), (name, values) => {
        const readable = [name, ...values].join('-');
        fc.pre(readable.length <= EVENT_ID_MAX_LENGTH);
        expect(eventIdOf(name, ...values)).toBe(readable);
      }),
    );
  });

  it('keeps every id within the envelope, named by its event, the same each time (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...eventNames), partsOf(100), (name, values) => {
        const id = eventIdOf(name, ...values);
        expect(id.length).toBeLessThanOrEqual(EVENT_ID_MAX_LENGTH);
        expect(id.startsWith(`${name}-`)).toBe(true);
        expect(eventIdOf(name, ...values)).toBe(id);
      }),
    );
  });

  it('gives two facts that differ two ids, however long (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...eventNames),
        fc.string({ minLength: 100, maxLength: 200 }),
        fc.string({ minLength: 100, maxLength: 200 }),
        (name, a, b) => {
          fc.pre(a !== b);
          expect(eventIdOf(name, a)).not.toBe(eventIdOf(name, b));
        },
      ),
    );
  });

  it('names a long id by the SHA-256 of the whole readable id', () => {
    const id = eventIdOf('CampaignParticipated', 'x'.repeat(64), 'y'.repeat(64));
    expect(id).toMatch(/^CampaignParticipated-[\w-]{43}$/);
  });
});

/** The longest ids the contracts allow: POS sale and refund ids, store ids, custom event names and keys. */
const longest = {
  customerId: longestPosId('C'),
  campaignId: longestPosId('campaign'),
  storeId: longestStoreId('store'),
  transactionId: longestPosId('T'),
  refundId: longestPosId('R'),
  eventName: longestStoreId('show').padEnd(64, '0'),
  eventKey: longestPosId('key'),
};

describe('the longest ids the contracts allow', () => {
  it('are what the POS and staff contracts accept, and one character more is refused', () => {
    const sale = (transactionId: string, storeId: string, customerId: string) => ({
      transactionId,
      storeId,
      occurredAt: '2026-11-11T10:00:00+08:00',
      customer: { customerId },
      amount: 100,
      currency: 'CNY',
      items: [],
    });
    const { customerId, storeId, transactionId, refundId } = longest;
    expect(posTransactionSchema.safeParse(sale(transactionId, storeId, customerId)).success).toBe(true);
    expect(transactionId).toHaveLength(POS_ID_MAX_LENGTH);
    expect(storeId).toHaveLength(STORE_ID_MAX_LENGTH);
    for (const tooLong of [
      sale(`${transactionId}x`, storeId, customerId),
      sale(transactionId, `${storeId}x`, customerId),
      sale(transactionId, storeId, `${customerId}x`),
    ])
      expect(posTransactionSchema.safeParse(tooLong).success).toBe(false);
    const refund = { refundId, transactionId, storeId, amount: 100 };
    expect(posRefundSchema.safeParse(refund).success).toBe(true);
    expect(posRefundSchema.safeParse({ ...refund, refundId: `${refundId}x` }).success).toBe(false);
    const customEvent = recordCustomEventRoute.body!;
    expect(customEvent.safeParse({ name: longest.eventName, eventKey: longest.eventKey }).success).toBe(true);
    expect(customEvent.safeParse({ name: `${longest.eventName}x`, eventKey: longest.eventKey }).success).toBe(
      false,
    );
    expect(customEvent.safeParse({ name: longest.eventName, eventKey: `${longest.eventKey}x` }).success).toBe(
      false,
    );
  });
});

const at = '2026-11-11T02:00:00.000Z';
const award = (trigger: string, storeId?: string) =>
  awardEvents(
    { customerId: longest.customerId, trigger, bonusPoints: 128, at, storeId },
    { campaignId: longest.campaignId, version: 1 },
    new Date(at),
  );
const lot = { customerId: longest.customerId, sk: 'LOT#2027-11', remaining: 120, expiresAt: at };

const builtEvents: [string, DomainEvent[]][] = [
  ['a purchase award', award(purchaseTrigger(longest.storeId, longest.transactionId), longest.storeId)],
  ['a custom-event award', award(customEventTrigger(longest.eventName, longest.eventKey))],
  ['a birthday award', award(birthdayTrigger('2026'))],
  ['a recurring blast award', award(blastTrigger(at))],
  ['a join', [joinedEvent({ campaignId: longest.campaignId, version: 1 }, longest.customerId, new Date(at))]],
  [
    "a refund's bonus reversal",
    [bonusReversedEvent(longest.campaignId, longest.customerId, { ...longest, refundAmount: 100 }, 10)],
  ],
  ['a custom event', [customEventRecorded({ ...longest, name: longest.eventName, occurredAt: at })]],
  [
    'a tier change',
    [
      tierChangedEvent(
        pendingTierChange(
          {
            customerId: longest.customerId,
            from: 'platinum',
            to: 'platinum',
            qualifyingPoints: 1,
            correlationId: 'c',
          },
          new Date(at),
        ),
      ),
    ],
  ],
  [
    'a downgrade notice',
    [
      tierDowngradeScheduledEvent({
        customerId: longest.customerId,
        from: 'platinum',
        to: 'gold',
        reviewOn: '2027-11-11',
        pointsToKeepTier: 1,
      }),
    ],
  ],
  ['an expiry reminder and an expiry', [pointsExpiringEvent(lot), pointsExpiredEvent(lot, new Date(at))]],
  [
    'an adjustment',
    [
      pointsAdjustedEvent({
        customerId: longest.customerId,
        points: 1,
        reasonCode: 'goodwill',
        staffId: 's',
        adjustmentId: '01JD000000000000000000000A',
      }),
    ],
  ],
];

describe('every event the platform builds, at the longest ids', () => {
  it.each(builtEvents)('%s: published and consumed by its catalogue schema', (_, events) => {
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      const entry = toPutEventsEntry(event, 'c');
      const detail = detailSchemaOf(catalogue[event.name] as EventDefinition).parse(
        JSON.parse(entry.Detail!),
      );
      expect(detail.metadata.eventId).toBe(event.eventId);
      expect(event.eventId!.length).toBeLessThanOrEqual(EVENT_ID_MAX_LENGTH);
    }
  });

  it('keeps the ids that always fitted as they were (a redelivery across the deploy is still one event)', () => {
    const customerId = '01JD0000000000000000000000';
    const campaign = { campaignId: '01JD0000000000000000000001', version: 1 };
    const ids = (events: DomainEvent[]) => events.map((event) => event.eventId);
    const member = { customerId, bonusPoints: 10, at };
    expect(ids(awardEvents({ ...member, trigger: 'registration' }, campaign, new Date(at)))).toEqual([
      `CampaignParticipated-${campaign.campaignId}-${customerId}-registration`,
      `PointsEarned-campaign-${campaign.campaignId}-${customerId}-registration`,
    ]);
    const sale = purchaseTrigger('demo-store', 'T-1001');
    expect(ids(awardEvents({ ...member, trigger: sale }, campaign, new Date(at)))).toEqual([
      `CampaignParticipated-${campaign.campaignId}-${customerId}-${sale}`,
      `PointsEarned-campaign-${campaign.campaignId}-${customerId}-${sale}`,
    ]);
    expect(ids([joinedEvent(campaign, customerId, new Date(at))])).toEqual([
      `CampaignParticipated-${campaign.campaignId}-join-${customerId}`,
    ]);
    const refund = { storeId: 'demo-store', transactionId: 'T-1', refundId: 'R-1', refundAmount: 1 };
    expect(ids([bonusReversedEvent(campaign.campaignId, customerId, refund, 1)])).toEqual([
      `PointsReversed-campaign-${campaign.campaignId}-demo-store-R-1`,
    ]);
    const longestMember = longest.customerId;
    expect(ids(builtEvents.find(([name]) => name === 'a tier change')![1])).toEqual([
      `TierChanged-${longestMember}-platinum-platinum-${at}`,
    ]);
    expect(ids([pointsExpiringEvent(lot), pointsExpiredEvent(lot, new Date(at))])).toEqual([
      `PointsExpiring-${longestMember}-LOT#2027-11`,
      `PointsExpired-${longestMember}-2027-11-${at}`,
    ]);
    expect(ids(builtEvents.find(([name]) => name === 'a downgrade notice')![1])).toEqual([
      `TierDowngradeScheduled-${longestMember}-2027-11-11`,
    ]);
    expect(ids(builtEvents.find(([name]) => name === 'an adjustment')![1])).toEqual([
      'PointsAdjusted-01JD000000000000000000000A',
    ]);
  });

  it('names each of a sale award and its bonus by the sale, differently for another sale', () => {
    const [participated, earned] = award(
      purchaseTrigger(longest.storeId, longest.transactionId),
      longest.storeId,
    );
    expect(participated!.eventId).toMatch(/^CampaignParticipated-[\w-]{43}$/);
    expect(earned!.eventId).toMatch(/^PointsEarned-[\w-]{43}$/);
    const [again] = award(purchaseTrigger(longest.storeId, longest.transactionId), longest.storeId);
    const [otherSale] = award(purchaseTrigger(longest.storeId, longestPosId('T')), longest.storeId);
    expect(again!.eventId).toBe(participated!.eventId);
    expect(otherSale!.eventId).not.toBe(participated!.eventId);
  });
});
