import * as z from '../zod';
import { programmeToday } from '../calendar';
import { lazyEnv } from '../config';
import { conditionFailedReasons, documents, getItems, queryAll } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { pointsAccountKey } from '../loyalty/accounts';
import { lotDebitFor } from '../loyalty/lot-store';
import { tierCodeSchema, type TierCode } from '../loyalty/tiers';
import { awardCampaign, awardKey, memberRecordKey, type AwardOutcome } from './awards';
import type { Campaign } from './model';
import {
  bonusPointsFor,
  conditionsPass,
  evaluateConditions,
  stackingOrder,
  type TriggerFacts,
} from './rules';
import { isSharded, refundCounterItems } from './counters';
import { awardCounterKey, listCampaigns, liveCampaigns } from './store';
import { lazySchema } from '../lazy-schema';

const table = () => tableNameFromEnv('main');

export interface CampaignResult {
  campaignId: string;
  outcome: AwardOutcome;
  bonusPoints: number;
}

/** A campaign's message to a member: once per campaign (the inbox entry's id), and only with consent. */
export async function sendCampaignMessage(
  campaign: Campaign,
  customerId: string,
  now = new Date(),
  occurrence?: string,
) {
  const message = campaign.definition.effects.message;
  if (!message) return undefined;
  // Member messaging (inbox, consent, the WeChat client) loads with the first campaign that sends one.
  const { notifyMember } = await import('../notifications/notify');
  return notifyMember(
    customerId,
    {
      id: occurrence ? `campaign-${campaign.campaignId}-${occurrence}` : `campaign-${campaign.campaignId}`,
      kind: 'campaign',
      title: message.title,
      body: message.body,
      templateId: campaignTemplate().WECHAT_TEMPLATE_CAMPAIGN,
      detail: message.body,
      purpose: 'marketing',
    },
    now,
  );
}

const campaignTemplate = lazyEnv({
  WECHAT_TEMPLATE_CAMPAIGN: lazySchema(() => z.string().check(z.minLength(1))),
});

async function memberTier(customerId: string): Promise<TierCode | undefined> {
  const { Item } = await documents.get({ TableName: table(), Key: pointsAccountKey(customerId) });
  const tier = tierCodeSchema.safeParse(Item?.tier);
  return tier.success ? tier.data : undefined;
}

/**
 * Runs the live campaigns of a trigger kind for one member, highest priority first: each whose
 * conditions all pass is awarded (once per trigger); an exclusive one that awards stops the rest.
 */
async function runCampaigns(
  kind: Campaign['definition']['trigger']['kind'],
  request: {
    customerId: string;
    facts: Omit<TriggerFacts, 'tier'>;
    trigger: string;
    correlationId: string;
    storeId?: string;
    saleAmount?: number;
  },
  only: (campaign: Campaign) => boolean = () => true,
): Promise<CampaignResult[]> {
  const campaigns = stackingOrder(
    (await liveCampaigns(request.facts.at)).filter(
      (campaign) => campaign.definition.trigger.kind === kind && only(campaign),
    ),
  );
  if (campaigns.length === 0) return [];
  const facts: TriggerFacts = { ...request.facts, tier: await memberTier(request.customerId) };
  const awardOnceFor = (campaign: Campaign, bonusPoints: number) =>
    awardCampaign({
      campaign,
      customerId: request.customerId,
      trigger: request.trigger,
      bonusPoints,
      at: request.facts.at,
      storeId: request.storeId,
      saleAmount: request.saleAmount,
      correlationId: request.correlationId,
    });
  const results: CampaignResult[] = [];
  for (const listed of campaigns) {
    let campaign = listed;
    let outcome: AwardOutcome | undefined;
    let bonusPoints = 0;
    // A campaign edited or paused since the list was read (during this very sale) is read afresh once.
    for (let attempt = 0; attempt < 2 && campaign; attempt++) {
      if (!conditionsPass(evaluateConditions(campaign.definition, facts))) break;
      bonusPoints = bonusPointsFor(campaign.definition, facts);
      outcome = await awardOnceFor(campaign, bonusPoints);
      if (outcome !== 'campaign-not-live') break;
      const fresh = (await liveCampaigns(request.facts.at, { fresh: true })).find(
        (candidate) =>
          candidate.campaignId === listed.campaignId && candidate.definition.trigger.kind === kind,
      );
      if (!fresh || fresh.version === campaign.version) break;
      campaign = fresh;
    }
    if (!outcome || !campaign) continue;
    results.push({ campaignId: campaign.campaignId, outcome, bonusPoints });
    if ((outcome === 'awarded' || outcome === 'already-awarded') && campaign.definition.effects.message)
      await sendCampaignMessage(campaign, request.customerId);
    if (campaign.definition.exclusive && (outcome === 'awarded' || outcome === 'already-awarded')) break;
  }
  return results;
}

/**
 * What an award is once for: a sale (by store and transaction), a named event's key, a birthday's year, a
 * booking (however many times its attendance is told).
 */
export const purchaseTrigger = (storeId: string, transactionId: string) =>
  `purchase:${storeId}:${transactionId}`;
export const customEventTrigger = (name: string, eventKey: string) => `custom:${name}:${eventKey}`;
export const birthdayTrigger = (year: string) => `birthday:${year}`;
export const bookingTrigger = (bookingId: string) => `booking:${bookingId}`;

export function awardPurchaseCampaigns(
  purchase: {
    customerId: string;
    storeId: string;
    transactionId: string;
    amount: number;
    occurredAt: string;
    categories: string[];
    skus?: string[];
    purchaseNumber?: number;
    pointsEarned: number;
  },
  correlationId: string,
) {
  return runCampaigns('purchase', {
    customerId: purchase.customerId,
    trigger: purchaseTrigger(purchase.storeId, purchase.transactionId),
    correlationId,
    storeId: purchase.storeId,
    saleAmount: purchase.amount,
    facts: {
      at: new Date(purchase.occurredAt).toISOString(),
      purchase: {
        storeId: purchase.storeId,
        amount: purchase.amount,
        categories: purchase.categories,
        skus: purchase.skus ?? [],
        purchaseNumber: purchase.purchaseNumber,
        basePoints: purchase.pointsEarned,
      },
    },
  });
}

export function awardRegistrationCampaigns(
  registration: { customerId: string; registeredAt: string },
  correlationId: string,
) {
  return runCampaigns('registration', {
    customerId: registration.customerId,
    trigger: 'registration',
    correlationId,
    facts: { at: new Date(registration.registeredAt).toISOString() },
  });
}

export function awardProfileCompletedCampaigns(
  completion: { customerId: string; completedAt: string },
  correlationId: string,
) {
  return runCampaigns('profileCompleted', {
    customerId: completion.customerId,
    trigger: 'profile-completed',
    correlationId,
    facts: { at: new Date(completion.completedAt).toISOString() },
  });
}

export function awardCustomEventCampaigns(
  event: { customerId: string; name: string; eventKey: string; occurredAt: string },
  correlationId: string,
) {
  return runCampaigns(
    'custom',
    {
      customerId: event.customerId,
      trigger: customEventTrigger(event.name, event.eventKey),
      correlationId,
      facts: { at: new Date(event.occurredAt).toISOString() },
    },
    (campaign) =>
      campaign.definition.trigger.kind === 'custom' && campaign.definition.trigger.eventName === event.name,
  );
}

/**
 * A member attended a booking: each live booking-attended campaign whose venue, venue kind and party size
 * conditions the booking meets awards once per booking, judged at the moment of attendance.
 */
export function awardBookingAttendedCampaigns(
  attendance: {
    bookingId: string;
    customerId: string;
    venueId: string;
    venueKind: string;
    storeId?: string;
    partySize: number;
    attendedAt: string;
  },
  correlationId: string,
) {
  return runCampaigns('bookingAttended', {
    customerId: attendance.customerId,
    trigger: bookingTrigger(attendance.bookingId),
    correlationId,
    storeId: attendance.storeId,
    facts: {
      at: new Date(attendance.attendedAt).toISOString(),
      booking: {
        venueId: attendance.venueId,
        venueKind: attendance.venueKind,
        partySize: attendance.partySize,
      },
    },
  });
}

/** Members whose birthday (MM-DD) is today in the programme's time zone, from the birthday index. */
async function membersWithBirthday(monthDay: string): Promise<string[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': `BIRTHDAY#${monthDay}` },
  });
  return items.map((item) => String(item.customerId));
}

/**
 * The daily birthday run: every member whose birthday is today gets each live birthday campaign, once a
 * year (the trigger is `birthday:<year>`, so a rerun of the day awards nothing twice). Members born on
 * 29 February celebrate on 28 February in other years.
 */
export async function runBirthdayCampaigns(now: Date, correlationId: string) {
  const today = programmeToday(now);
  const [year, month, day] = today.split('-');
  const leapYear = Number(year) % 4 === 0 && (Number(year) % 100 !== 0 || Number(year) % 400 === 0);
  const days = [`${month}-${day}`, ...(!leapYear && `${month}-${day}` === '02-28' ? ['02-29'] : [])];
  const members = (await Promise.all(days.map(membersWithBirthday))).flat();
  const results: CampaignResult[] = [];
  for (const customerId of members)
    results.push(
      ...(await runCampaigns('birthday', {
        customerId,
        trigger: birthdayTrigger(year!),
        correlationId,
        facts: { at: now.toISOString() },
      })),
    );
  return { members: members.length, awarded: results.filter((r) => r.outcome === 'awarded').length };
}

const awardRecordSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    customerId: z.string(),
    bonusPoints: z.int(),
    saleAmount: z.optional(z.int()),
    refundedAmount: z._default(z.int(), 0),
    bonusReversed: z._default(z.int(), 0),
    refunds: z._default(z.array(z.string()), []),
    /** The points each refund took back, so that a retry can publish the reversal it made again. */
    reversals: z._default(z.array(z.object({ refundId: z.string(), points: z.int() })), []),
    lot: z.object({ bucket: z.string(), expiresAt: z.string() }),
  }),
);

/** A campaign bonus taken back for a refund, once per campaign and refund. */
export const bonusReversedEvent = (
  campaignId: string,
  customerId: string,
  refund: { storeId: string; transactionId: string; refundId: string; refundAmount: number },
  points: number,
): DomainEvent => ({
  name: 'PointsReversed',
  eventId: eventIdOf('PointsReversed', 'campaign', campaignId, refund.storeId, refund.refundId),
  data: {
    customerId,
    points,
    storeId: refund.storeId,
    transactionId: refund.transactionId,
    refundId: refund.refundId,
    refundAmount: refund.refundAmount,
    campaignId,
  },
});

/**
 * A refund takes back the campaign bonuses of its sale in the same proportion as the sale's own points
 * (of the amount refunded so far), once per refund, and gives the points back to the campaign's budget.
 */
export async function reverseCampaignBonuses(
  refund: {
    customerId: string;
    storeId: string;
    transactionId: string;
    refundId: string;
    refundAmount: number;
  },
  correlationId: string,
  now = new Date(),
) {
  const trigger = purchaseTrigger(refund.storeId, refund.transactionId);
  const campaigns = (await listCampaigns()).filter(
    (campaign) => campaign.definition.trigger.kind === 'purchase',
  );
  let reversed = 0;
  for (const campaign of campaigns) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const { Item } = await documents.get({
        TableName: table(),
        Key: awardKey(campaign.campaignId, refund.customerId, trigger),
        ConsistentRead: true,
      });
      if (!Item) break;
      const award = awardRecordSchema.parse(Item);
      if (award.refunds.includes(refund.refundId)) {
        // Applied by an earlier delivery, which may have stopped before its event went out.
        const earlier = award.reversals.find((reversal) => reversal.refundId === refund.refundId);
        if (earlier && earlier.points > 0) {
          await publishEvents(
            [bonusReversedEvent(campaign.campaignId, award.customerId, refund, earlier.points)],
            correlationId,
          );
        }
        break;
      }
      if (!award.saleAmount) break;
      const refundedAfter = Math.min(award.saleAmount, award.refundedAmount + refund.refundAmount);
      const reversedAfter = Math.floor((award.bonusPoints * refundedAfter) / award.saleAmount);
      const points = reversedAfter - award.bonusReversed;
      const lotDebit = points > 0 ? await lotDebitFor(award.customerId, award.lot.bucket, points) : undefined;
      try {
        await documents.transactWrite({
          TransactItems: [
            {
              Update: {
                TableName: table(),
                Key: awardKey(campaign.campaignId, refund.customerId, trigger),
                UpdateExpression:
                  'SET refundedAmount = :refunded, bonusReversed = :reversed, refunds = list_append(refunds, :refund), ' +
                  'reversals = list_append(if_not_exists(reversals, :none), :reversal)',
                ConditionExpression: 'refundedAmount = :before',
                ExpressionAttributeValues: {
                  ':refunded': refundedAfter,
                  ':reversed': reversedAfter,
                  ':refund': [refund.refundId],
                  ':reversal': [{ refundId: refund.refundId, points }],
                  ':none': [],
                  ':before': award.refundedAmount,
                },
              },
            },
            ...(points > 0
              ? [
                  // Sharded counters keep what is left of the budget apart: the points go back to its pool.
                  ...(isSharded(campaign)
                    ? refundCounterItems(campaign, award.customerId, points)
                    : [
                        {
                          Update: {
                            TableName: table(),
                            Key: awardCounterKey(campaign, award.customerId),
                            UpdateExpression: 'ADD pointsAwarded :minus, pointsReversed :points',
                            ExpressionAttributeValues: { ':minus': -points, ':points': points },
                          },
                        },
                      ]),
                  {
                    Update: {
                      TableName: table(),
                      Key: pointsAccountKey(award.customerId),
                      UpdateExpression: 'ADD balance :minus, lifetimeEarned :minus, version :one',
                      ExpressionAttributeValues: { ':minus': -points, ':one': 1 },
                    },
                  },
                  {
                    Put: {
                      TableName: table(),
                      Item: {
                        pk: `CUSTOMER#${award.customerId}`,
                        sk: `LEDGER#${now.toISOString()}#campaign-refund:${campaign.campaignId}:${refund.refundId}`,
                        type: 'reverse',
                        points: -points,
                        source: {
                          kind: 'campaign-refund',
                          campaignId: campaign.campaignId,
                          storeId: refund.storeId,
                          transactionId: refund.transactionId,
                          refundId: refund.refundId,
                        },
                        lot: award.lot,
                        balanceDelta: -points,
                        pendingDelta: 0,
                        at: now.toISOString(),
                      },
                    },
                  },
                  ...(lotDebit ? [lotDebit] : []),
                ]
              : []),
          ],
        });
      } catch (error) {
        if (conditionFailedReasons(error)?.some((code) => code === 'ConditionalCheckFailed')) continue;
        throw error;
      }
      if (points > 0) {
        reversed += points;
        await publishEvents(
          [bonusReversedEvent(campaign.campaignId, award.customerId, refund, points)],
          correlationId,
        );
      }
      break;
    }
  }
  return reversed;
}

/**
 * Adds a sale to the revenue of every live campaign the member takes part in (results per campaign),
 * once per sale: a marker item and the counter move in one transaction.
 */
export async function recordParticipantRevenue(purchase: {
  customerId: string;
  storeId: string;
  transactionId: string;
  amount: number;
  occurredAt: string;
}) {
  const live = await liveCampaigns(new Date(purchase.occurredAt).toISOString());
  if (live.length === 0) return;
  // The member's participations (or held-out records) in the live campaigns, a hundred keys at a time.
  const keys = live.map((campaign) => memberRecordKey(campaign, purchase.customerId));
  const recorded = new Set<string>();
  for (const item of await getItems(keys, 'pk, sk')) recorded.add(`${String(item.pk)}|${String(item.sk)}`);
  for (const campaign of live) {
    const key = memberRecordKey(campaign, purchase.customerId);
    if (!recorded.has(`${key.pk}|${key.sk}`)) continue;
    // The control group's sales are kept apart, to set against the participants'.
    const revenue = key.sk.startsWith('HELDOUT#') ? 'heldOutRevenue' : 'participantRevenue';
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: {
                pk: `CAMPAIGN#${campaign.campaignId}`,
                sk: `REVENUE#${purchase.storeId}#${purchase.transactionId}`,
                amount: purchase.amount,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table(),
              Key: awardCounterKey(campaign, purchase.customerId),
              UpdateExpression: 'ADD #revenue :amount',
              ExpressionAttributeNames: { '#revenue': revenue },
              ExpressionAttributeValues: { ':amount': purchase.amount },
            },
          },
        ],
      });
    } catch (error) {
      if (conditionFailedReasons(error)?.[0] !== 'ConditionalCheckFailed') throw error;
    }
  }
}
