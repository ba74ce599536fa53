import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from '../zod';
import { lazySchema } from '../lazy-schema';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { pointsAccountKey } from '../loyalty/accounts';
import { earningRulesAt } from '../loyalty/earning-rules-store';
import { lotCredit } from '../loyalty/lot-store';
import { lotFor } from '../loyalty/lots';
import { isHeldOut } from './holdout';
import type { Campaign } from './model';
import { periodKey } from './rules';
import {
  counterShardOf,
  isSharded,
  planShortfall,
  shardUpdate,
  type Allowance,
  type CounterPlan,
} from './counters';
import { awardCounterKey, campaignKey, countersKey, dailyCounterNames } from './store';
import { programmeToday } from '../calendar';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');
export const participantKey = (campaignId: string, customerId: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `PARTICIPANT#${customerId}`,
});
/** A member's participation record: when they joined, their counts per period and their bonus so far. */
const newParticipant = (
  campaignId: string,
  customerId: string,
  now: Date,
  counts: Record<string, number>,
  points: number,
) => ({
  ...participantKey(campaignId, customerId),
  customerId,
  joinedAt: now.toISOString(),
  counts,
  pointsAwarded: points,
});

/** A member of the campaign's control group: recorded once, given nothing. */
export const heldOutKey = (campaignId: string, customerId: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `HELDOUT#${customerId}`,
});

/**
 * Where a member's place in a campaign is kept: the held-out record for a member of its control group (who
 * never has a participant record, the holdout being fixed from the start), the participant record otherwise.
 */
export const memberRecordKey = (
  campaign: Pick<Campaign, 'campaignId'> & { definition: Pick<Campaign['definition'], 'holdoutPercent'> },
  customerId: string,
) =>
  isHeldOut(campaign.campaignId, customerId, campaign.definition.holdoutPercent)
    ? heldOutKey(campaign.campaignId, customerId)
    : participantKey(campaign.campaignId, customerId);

/** One award per campaign, member and trigger (a sale, the registration, a year's birthday, the blast). */
export const awardKey = (campaignId: string, customerId: string, trigger: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `AWARD#${customerId}#${trigger}`,
});

export type AwardOutcome =
  | 'awarded'
  | 'already-awarded'
  | 'budget-or-places-exhausted'
  | 'member-limit-reached'
  | 'not-joined'
  | 'campaign-not-live'
  | 'no-points-account'
  /** The campaign's coupon or voucher reward is out of stock, retired or its pool is empty. */
  | 'gift-unavailable'
  /** The member is in the campaign's control group: recorded (once), given nothing. */
  | 'held-out';

interface AwardRequest {
  campaign: Campaign;
  customerId: string;
  /** Unique per triggering fact: `purchase:<store>:<transaction>`, `registration`, `birthday:<year>`. */
  trigger: string;
  bonusPoints: number;
  /** When the trigger happened; the member's per-period count uses it. */
  at: string;
  storeId?: string;
  /** The sale's amount, for taking back the bonus in proportion to a refund. */
  saleAmount?: number;
  correlationId: string;
}

/**
 * Awards a campaign to a member once per trigger, in one transaction with every limit as a condition:
 * the award record (its key is the idempotency), the campaign's counters (budget and places), the
 * member's participation (per-period count, opt-in), and the bonus as ordinary points — ledger entry,
 * today's lot, balance — so a hundred purchases racing at the cap pay out exactly up to it.
 */
export async function awardCampaign(request: AwardRequest, now = new Date()): Promise<AwardOutcome> {
  const { campaign, customerId } = request;
  if (isHeldOut(campaign.campaignId, customerId, campaign.definition.holdoutPercent))
    return holdOut(request, now);
  // A pool code taken by a concurrent gift is the one race worth another try, with a fresh code.
  for (let attempt = 0; attempt < 3; attempt++) {
    const outcome = await awardOnce(request, now);
    if (outcome !== 'gift-code-taken') return outcome;
  }
  return 'gift-unavailable';
}

/**
 * How many times an award looks again when the counters it would take from changed under it (another award
 * took the escrow it planned on, or a transaction was in flight on the item): each such failure means
 * another award went through, so the budget runs down and the rounds end; past them the delivery is retried.
 */
const AWARD_ROUNDS = 40;

async function awardOnce(request: AwardRequest, now: Date): Promise<AwardOutcome | 'gift-code-taken'> {
  const { campaign, customerId, bonusPoints } = request;
  const { limits, optIn } = campaign.definition;
  const campaignId = campaign.campaignId;
  const sharded = isSharded(campaign);
  const period = limits.perCustomer ? periodKey(limits.perCustomer.per, request.at) : 'campaign';
  const maxPerPeriod = limits.perCustomer?.count ?? Number.MAX_SAFE_INTEGER;
  const rules = await earningRulesAt(now.toISOString());
  const lot = lotFor(now, rules.expiry);
  const daily = dailyCounterNames(programmeToday(now));
  // A member's first award adds a participant (within maxParticipants); later ones only count.
  let asNewParticipant = !optIn;
  // Where a dry shard takes what it lacks (from the pool, or other shards), once one was found dry.
  let plan: CounterPlan | undefined;
  for (let round = 0; round < AWARD_ROUNDS; round++) {
    const take: Allowance = {
      points: limits.pointsBudget !== undefined ? bonusPoints : 0,
      places: asNewParticipant && limits.maxParticipants !== undefined ? 1 : 0,
    };
    const counts = [
      'pointsAwarded :points',
      'awards :one',
      '#dayAwards :one',
      '#dayPoints :points',
      ...(asNewParticipant ? ['participants :one'] : []),
      ...(campaign.definition.effects.reward ? ['couponsIssued :one'] : []),
    ];
    // The day's figures for the results chart, on the item the award updates anyway.
    const countNames = { '#dayAwards': daily.awards, '#dayPoints': daily.points };
    const counters: TransactItem[] = sharded
      ? // The shard's mirror of the campaign's status and version stands in for a read of the campaign.
        shardUpdate({
          campaign,
          shard: counterShardOf(campaign, customerId),
          add: counts,
          names: countNames,
          values: { ':points': bonusPoints, ':one': 1 },
          take,
          liveness: 'version',
          plan,
        })
      : legacyCounterItems(request, counts, countNames, asNewParticipant);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table(),
          Item: {
            ...awardKey(campaignId, customerId, request.trigger),
            campaignId,
            version: campaign.version,
            customerId,
            trigger: request.trigger,
            bonusPoints,
            storeId: request.storeId,
            saleAmount: request.saleAmount,
            refundedAmount: 0,
            bonusReversed: 0,
            refunds: [],
            at: now.toISOString(),
            lot,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      asNewParticipant
        ? {
            Put: {
              TableName: table(),
              Item: newParticipant(campaignId, customerId, now, { [period]: 1 }, bonusPoints),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: table(),
              Key: participantKey(campaignId, customerId),
              UpdateExpression:
                'SET counts.#period = if_not_exists(counts.#period, :zero) + :one ADD pointsAwarded :points',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(counts.#period) OR counts.#period < :max)',
              ExpressionAttributeNames: { '#period': period },
              ExpressionAttributeValues: {
                ':zero': 0,
                ':one': 1,
                ':points': bonusPoints,
                ':max': maxPerPeriod,
              },
            },
          },
      ...counters,
    ];
    const giftRewardId = campaign.definition.effects.reward?.rewardId;
    // The rewards catalogue and its codes load with the first campaign that gives a reward.
    const gift = giftRewardId
      ? await import('../rewards/redemption').then(({ campaignGiftItems }) =>
          campaignGiftItems(giftRewardId, customerId, campaignId, now),
        )
      : undefined;
    if (giftRewardId && !gift) return 'gift-unavailable';
    // The award names its coupon's redemption, so that its event (and any replay of it) can say which.
    if (gift)
      Object.assign(items[0]!.Put!.Item!, { redemptionId: gift.redemptionId, rewardId: giftRewardId });
    if (bonusPoints > 0) {
      items.push(
        {
          Put: {
            TableName: table(),
            Item: {
              pk: `CUSTOMER#${customerId}`,
              sk: `LEDGER#${now.toISOString()}#campaign:${campaignId}:${request.trigger}`,
              type: 'bonus',
              points: bonusPoints,
              status: 'available',
              source: {
                kind: 'campaign',
                campaignId,
                version: String(campaign.version),
                trigger: request.trigger,
              },
              lot,
              balanceDelta: bonusPoints,
              pendingDelta: 0,
              at: now.toISOString(),
            },
          },
        },
        lotCredit(customerId, lot, bonusPoints),
        {
          Update: {
            TableName: table(),
            Key: pointsAccountKey(customerId),
            UpdateExpression: 'ADD balance :points, lifetimeEarned :points, version :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':points': bonusPoints, ':one': 1 },
          },
        },
      );
    }
    if (gift) items.push(...gift.items);
    // What each action is, so a cancelled transaction's reasons say which condition failed.
    const labels = [
      'award',
      'participant',
      ...(sharded ? counters.map(() => 'counters') : ['counters', 'campaign']),
      ...(bonusPoints > 0 ? ['ledger', 'lot', 'account'] : []),
      ...(gift ? gift.items.map((_, i) => (i === 0 ? 'gift-stock' : 'gift-code')) : []),
    ];
    try {
      await documents.transactWrite({ TransactItems: items });
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      const failed = (label: string) =>
        labels.some((candidate, i) => candidate === label && reasons[i] === 'ConditionalCheckFailed');
      if (failed('award')) {
        await republishAward(request);
        return 'already-awarded';
      }
      if (failed('campaign')) return 'campaign-not-live';
      // Already a participant: count this award on the existing record (and its per-period limit).
      if (failed('participant') && asNewParticipant) {
        asNewParticipant = false;
        plan = undefined;
        continue;
      }
      if (failed('counters')) {
        if (!sharded) return 'budget-or-places-exhausted';
        // The shard is dry, or the campaign changed: look at every shard and the pool, as of one instant.
        const next = await planShortfall(campaign, counterShardOf(campaign, customerId), take, 'version');
        if (next === 'not-live') return 'campaign-not-live';
        if (next === 'exhausted') return 'budget-or-places-exhausted';
        plan = next;
        continue;
      }
      if (failed('participant'))
        return optIn && !(await isParticipant(campaignId, customerId))
          ? 'not-joined'
          : 'member-limit-reached';
      if (failed('account')) return 'no-points-account';
      if (failed('gift-stock')) return 'gift-unavailable';
      if (failed('gift-code')) return 'gift-code-taken';
      // Cancelled only because another transaction was on one of its items at that moment: try again.
      if (reasons.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed')) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
        continue;
      }
      throw error;
    }
    await publishAward(
      { ...request, ...(gift ? { gift: { redemptionId: gift.redemptionId, rewardId: giftRewardId! } } : {}) },
      campaign.version,
    );
    return 'awarded';
  }
  throw new Error(`Campaign ${campaignId}: its counters kept changing during the award; retry`);
}

/**
 * The counters of a campaign created before sharding: its one counters item (budget and places as its
 * conditions) or a shard of its own partition, and a check of the campaign's status and version.
 */
function legacyCounterItems(
  request: AwardRequest,
  counts: string[],
  names: Record<string, string>,
  asNewParticipant: boolean,
): TransactItem[] {
  const { campaign, customerId, bonusPoints } = request;
  const { limits } = campaign.definition;
  const counterConditions = [
    ...(limits.pointsBudget !== undefined ? ['pointsAwarded <= :budgetLeft'] : []),
    ...(asNewParticipant && limits.maxParticipants !== undefined ? ['participants < :maxParticipants'] : []),
  ];
  return [
    {
      Update: {
        TableName: table(),
        Key: awardCounterKey(campaign, customerId),
        UpdateExpression: `ADD ${counts.join(', ')}`,
        ...(counterConditions.length ? { ConditionExpression: counterConditions.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ':points': bonusPoints,
          ':one': 1,
          ...(limits.pointsBudget !== undefined ? { ':budgetLeft': limits.pointsBudget - bonusPoints } : {}),
          ...(asNewParticipant && limits.maxParticipants !== undefined
            ? { ':maxParticipants': limits.maxParticipants }
            : {}),
        },
      },
    },
    {
      ConditionCheck: {
        TableName: table(),
        Key: campaignKey(campaign.campaignId),
        ConditionExpression: '#status IN (:active, :scheduled) AND version = :version',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':active': 'active',
          ':scheduled': 'scheduled',
          ':version': campaign.version,
        },
      },
    },
  ];
}

async function isParticipant(campaignId: string, customerId: string) {
  const { Item } = await documents.get({ TableName: table(), Key: participantKey(campaignId, customerId) });
  return !!Item;
}

/** The coupon or voucher an award gave: the redemption holding its code, and the catalogue reward. */
interface AwardGift {
  redemptionId: string;
  rewardId: string;
}

/** The award's events, with ids fixed by campaign, member and trigger: publishing again is harmless. */
export function awardEvents(
  request: Pick<AwardRequest, 'customerId' | 'trigger' | 'bonusPoints' | 'at' | 'storeId'> & {
    gift?: AwardGift;
  },
  campaign: { campaignId: string; version: number },
  earnedAt: Date,
): DomainEvent[] {
  const { campaignId, version } = campaign;
  const { customerId, trigger } = request;
  const events: DomainEvent[] = [
    {
      name: 'CampaignParticipated',
      eventId: eventIdOf('CampaignParticipated', campaignId, customerId, trigger),
      data: {
        campaignId,
        version,
        customerId,
        kind: 'awarded',
        bonusPoints: request.bonusPoints,
        trigger,
        at: request.at,
        ...(request.gift ?? {}),
      },
    },
  ];
  if (request.bonusPoints > 0)
    events.push({
      name: 'PointsEarned',
      eventId: eventIdOf('PointsEarned', 'campaign', campaignId, customerId, trigger),
      data: {
        customerId,
        points: request.bonusPoints,
        status: 'available',
        source: { kind: 'campaign', campaignId, ...(request.storeId ? { storeId: request.storeId } : {}) },
        earnedAt: earnedAt.toISOString(),
      },
    });
  return events;
}

const publishAward = (request: AwardRequest & { gift?: AwardGift }, version: number) =>
  publishEvents(
    awardEvents(request, { campaignId: request.campaign.campaignId, version }, new Date()),
    request.correlationId,
  );

/**
 * An award made by an earlier delivery, which may have stopped before its events went out: published again
 * as it was made (its version and its coupon's redemption from the record), under the same event ids.
 */
async function republishAward(request: AwardRequest) {
  const { campaign, customerId, trigger } = request;
  const { Item } = await documents.get({
    TableName: table(),
    Key: awardKey(campaign.campaignId, customerId, trigger),
    ConsistentRead: true,
  });
  const gift =
    typeof Item?.redemptionId === 'string' && typeof Item.rewardId === 'string'
      ? { redemptionId: Item.redemptionId, rewardId: Item.rewardId }
      : undefined;
  const version = typeof Item?.version === 'number' ? Item.version : campaign.version;
  await publishAward({ ...request, ...(gift ? { gift } : {}) }, version);
}

/** A member's holding out of a campaign, once per campaign and member whatever triggered it first. */
export const heldOutEvent = (record: {
  campaignId: string;
  version: number;
  customerId: string;
  trigger: string;
  at: string;
}): DomainEvent => ({
  name: 'CampaignParticipated',
  eventId: eventIdOf('CampaignParticipated', record.campaignId, 'held-out', record.customerId),
  data: {
    campaignId: record.campaignId,
    version: record.version,
    customerId: record.customerId,
    kind: 'held-out',
    bonusPoints: 0,
    trigger: record.trigger,
    at: record.at,
  },
});

const heldOutRecordSchema = lazySchema(() =>
  z.object({
    campaignId: z.string(),
    version: z.int(),
    customerId: z.string(),
    trigger: z.string(),
    at: z.string(),
  }),
);

const readHeldOut = async (campaignId: string, customerId: string) => {
  const { Item } = await documents.get({
    TableName: table(),
    Key: heldOutKey(campaignId, customerId),
    ConsistentRead: true,
  });
  return Item ? heldOutRecordSchema.parse(Item) : undefined;
};

/** Publishes a held-out record's event again, as it was first recorded (the same id and data). */
async function republishHeldOut(campaignId: string, customerId: string, correlationId: string) {
  const record = await readHeldOut(campaignId, customerId);
  if (record) await publishEvents([heldOutEvent(record)], correlationId);
  return !!record;
}

/**
 * Records a member of the control group in place of an award: once per campaign and member (the record's
 * key is the idempotency), counted apart from participants, and taking nothing of the budget, the places
 * or the member's limits; no points, no coupon, no message. In an opt-in campaign only a member who joined
 * is held out (the record was made at the join), as only such a member would have been awarded. The event
 * goes out again only for a replay of the trigger that made the record (its delivery may have stopped
 * before publishing), not for each later sale of the member.
 */
async function holdOut(request: AwardRequest, now: Date): Promise<AwardOutcome> {
  const { campaign, customerId, correlationId } = request;
  const campaignId = campaign.campaignId;
  const recorded = await readHeldOut(campaignId, customerId);
  if (recorded) {
    if (recorded.trigger === request.trigger) await publishEvents([heldOutEvent(recorded)], correlationId);
    return 'held-out';
  }
  if (campaign.definition.optIn) return 'not-joined';
  const outcome = await recordHeldOut(campaign, customerId, request.trigger, request.at, now);
  if (outcome === 'campaign-not-live') return outcome;
  if (outcome === 'recorded')
    await publishEvents(
      [
        heldOutEvent({
          campaignId,
          version: campaign.version,
          customerId,
          trigger: request.trigger,
          at: request.at,
        }),
      ],
      correlationId,
    );
  // Recorded a moment ago by a racing trigger, whose delivery publishes it.
  return 'held-out';
}

/** The held-out record and its count, in one transaction, while the campaign is live. */
async function recordHeldOut(
  campaign: Campaign,
  customerId: string,
  trigger: string,
  at: string,
  now: Date,
): Promise<'recorded' | 'already-recorded' | 'campaign-not-live'> {
  const campaignId = campaign.campaignId;
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: table(),
            Item: {
              ...heldOutKey(campaignId, customerId),
              campaignId,
              version: campaign.version,
              customerId,
              trigger,
              at,
              recordedAt: now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        // The shard's mirror says whether the campaign is live; a campaign created before sharding is asked.
        isSharded(campaign)
          ? shardUpdate({
              campaign,
              shard: counterShardOf(campaign, customerId),
              add: ['heldOut :one'],
              values: { ':one': 1 },
              take: { points: 0, places: 0 },
              liveness: 'any',
            })[0]!
          : {
              Update: {
                TableName: table(),
                Key: awardCounterKey(campaign, customerId),
                UpdateExpression: 'ADD heldOut :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
        ...(isSharded(campaign)
          ? []
          : [
              {
                ConditionCheck: {
                  TableName: table(),
                  Key: campaignKey(campaignId),
                  ConditionExpression: '#status IN (:active, :scheduled)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':active': 'active', ':scheduled': 'scheduled' },
                },
              },
            ]),
      ],
    });
    return 'recorded';
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'already-recorded';
    if (reasons?.[isSharded(campaign) ? 1 : 2] === 'ConditionalCheckFailed') return 'campaign-not-live';
    throw error;
  }
}

/** A member's joining of an opt-in campaign, once per campaign and member. */
export const joinedEvent = (
  campaign: { campaignId: string; version: number },
  customerId: string,
  at: Date,
): DomainEvent => ({
  name: 'CampaignParticipated',
  eventId: eventIdOf('CampaignParticipated', campaign.campaignId, 'join', customerId),
  data: {
    campaignId: campaign.campaignId,
    version: campaign.version,
    customerId,
    kind: 'joined',
    bonusPoints: 0,
    trigger: 'join',
    at: at.toISOString(),
  },
});

/** Enrols a member in an opt-in campaign (once); awards then count on this record. */
export async function joinCampaign(
  campaign: Campaign,
  customerId: string,
  correlationId: string,
  now = new Date(),
) {
  // A member of the control group joins as held out: recorded, no place taken, never awarded.
  if (isHeldOut(campaign.campaignId, customerId, campaign.definition.holdoutPercent)) {
    const recorded = await recordHeldOut(campaign, customerId, 'join', now.toISOString(), now);
    if (recorded === 'campaign-not-live') return 'not-live' as const;
    if (recorded === 'already-recorded') {
      await republishHeldOut(campaign.campaignId, customerId, correlationId);
      return 'already-joined' as const;
    }
    await publishEvents(
      [
        heldOutEvent({
          campaignId: campaign.campaignId,
          version: campaign.version,
          customerId,
          trigger: 'join',
          at: now.toISOString(),
        }),
      ],
      correlationId,
    );
    return 'joined' as const;
  }
  const joined = isSharded(campaign)
    ? await takePlace(campaign, customerId, now)
    : await takeLegacyPlace(campaign, customerId, now);
  if (joined !== 'joined') return joined;
  await publishEvents([joinedEvent(campaign, customerId, now)], correlationId);
  return 'joined' as const;
}

/**
 * A join's participant record and place, taken from the member's shard of the places (or, once it is dry,
 * from the pool or other shards, as an award takes them).
 */
async function takePlace(campaign: Campaign, customerId: string, now: Date) {
  const capped = campaign.definition.limits.maxParticipants !== undefined;
  const take: Allowance = { points: 0, places: capped ? 1 : 0 };
  const shard = counterShardOf(campaign, customerId);
  let plan: CounterPlan | undefined;
  for (let round = 0; round < AWARD_ROUNDS; round++) {
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            Put: {
              TableName: table(),
              Item: newParticipant(campaign.campaignId, customerId, now, {}, 0),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...shardUpdate({
            campaign,
            shard,
            add: ['participants :one'],
            values: { ':one': 1 },
            take,
            liveness: 'none',
            plan,
          }),
        ],
      });
      return 'joined' as const;
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'already-joined' as const;
      if (reasons.slice(1).includes('ConditionalCheckFailed')) {
        const next = await planShortfall(campaign, shard, take, 'none');
        if (next === 'exhausted') return 'full' as const;
        if (next !== 'not-live') plan = next;
        continue;
      }
      if (!reasons.includes('TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
    }
  }
  throw new Error(`Campaign ${campaign.campaignId}: its places kept changing during the join; retry`);
}

/** A join of a campaign created before sharding: its one counters item, the cap its condition. */
async function takeLegacyPlace(campaign: Campaign, customerId: string, now: Date) {
  const { limits } = campaign.definition;
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: table(),
            Item: newParticipant(campaign.campaignId, customerId, now, {}, 0),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: table(),
            Key: countersKey(campaign.campaignId),
            UpdateExpression: 'ADD participants :one',
            ...(limits.maxParticipants !== undefined ? { ConditionExpression: 'participants < :max' } : {}),
            ExpressionAttributeValues: {
              ':one': 1,
              ...(limits.maxParticipants !== undefined ? { ':max': limits.maxParticipants } : {}),
            },
          },
        },
      ],
    });
    return 'joined' as const;
  } catch (error) {
    const reasons = conditionFailedReasons(error);
    if (reasons?.[0] === 'ConditionalCheckFailed') return 'already-joined' as const;
    if (reasons?.[1] === 'ConditionalCheckFailed') return 'full' as const;
    throw error;
  }
}
