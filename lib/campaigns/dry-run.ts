import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { getPointsAccount } from '../loyalty/accounts';
import { pointsForPurchase } from '../loyalty/earning';
import { earningRulesAt } from '../loyalty/earning-rules-store';
import { entryTierOf } from '../loyalty/tier-ladder-schema';
import { tierLadder } from '../loyalty/tier-store';
import { memberRecordKey } from './awards';
import { isHeldOut } from './holdout';
import type { Campaign } from './model';
import {
  bonusPointsFor,
  conditionsPass,
  evaluateConditions,
  standingChecks,
  type CampaignStanding,
  type TriggerFacts,
} from './rules';
import { campaignCounters } from './store';
import type { DryRunRequest, DryRunResult } from './views';

async function memberStanding(campaign: Campaign, customerId: string) {
  const [account, { Item }] = await Promise.all([
    getPointsAccount(customerId),
    documents.get({
      TableName: tableNameFromEnv('main'),
      // A held-out member's record stands for their joining of an opt-in campaign.
      Key: memberRecordKey(campaign, customerId),
      ConsistentRead: true,
    }),
  ]);
  const counts = (Item?.counts ?? {}) as Record<string, number>;
  const tier = account?.tier.code;
  return { tier, hasAccount: !!account, participant: Item ? { counts } : undefined };
}

/**
 * What a campaign would do for a sample purchase or attended booking, nothing awarded: its trigger, status
 * and window, each condition, and its budget, places, opt-in and per-member count as they stand now, each
 * with why. A purchase's base points come from the earning rules when the sample does not give them.
 */
export async function dryRunCampaign(campaign: Campaign, sample: DryRunRequest): Promise<DryRunResult> {
  const { purchase, booking } = sample;
  const at = new Date(booking ? booking.attendedAt : purchase!.occurredAt).toISOString();
  const [counters, member] = await Promise.all([
    campaignCounters(campaign),
    sample.customerId ? memberStanding(campaign, sample.customerId) : undefined,
  ]);
  const tier = sample.customerTier ?? member?.tier;
  const basePoints = !purchase
    ? 0
    : (purchase.basePoints ??
      pointsForPurchase(
        { storeId: purchase.storeId, amount: purchase.amount, items: purchase.items },
        await earningRulesAt(at),
        tier ?? entryTierOf(await tierLadder()).code,
      ));
  const facts: TriggerFacts = {
    at,
    tier,
    ...(purchase
      ? {
          purchase: {
            storeId: purchase.storeId,
            amount: purchase.amount,
            categories: purchase.categories ?? [...new Set(purchase.items.map((line) => line.category))],
            skus: purchase.skus ?? [...new Set(purchase.items.map((line) => line.sku))],
            purchaseNumber: purchase.purchaseNumber,
            basePoints,
          },
        }
      : {}),
    ...(booking
      ? {
          booking: {
            venueId: booking.venueId,
            venueKind: booking.venueKind,
            partySize: booking.partySize,
          },
        }
      : {}),
  };
  const sampleKind = booking ? 'bookingAttended' : 'purchase';
  const { definition } = campaign;
  const bonusPoints = bonusPointsFor(definition, facts);
  const standing: CampaignStanding = {
    status: campaign.status,
    pointsAwarded: counters.pointsAwarded,
    participants: counters.participants,
    member,
  };
  const checks = [
    {
      condition: 'trigger',
      passed: definition.trigger.kind === sampleKind,
      detail: `reacts to ${definition.trigger.kind}, the sample is ${booking ? 'an attended booking' : 'a purchase'}`,
    },
    ...evaluateConditions(definition, facts),
    ...standingChecks(definition, standing, bonusPoints, at),
  ];
  const heldOut = holdoutCheck(campaign, sample.customerId);
  if (heldOut) checks.push(heldOut);
  const applies = conditionsPass(checks);
  return {
    applies,
    bonusPoints: applies ? bonusPoints : 0,
    basePoints,
    checks,
    ...(heldOut && sample.customerId ? { heldOut: !heldOut.passed } : {}),
  };
}

/**
 * The holdout, last as the award judges it last: a member of the control group would get nothing (no
 * points, coupon or message) and be recorded as held out; without a member, the share held out.
 */
function holdoutCheck(campaign: Campaign, customerId: string | undefined) {
  const percent = campaign.definition.holdoutPercent;
  if (!percent) return undefined;
  if (!customerId)
    return {
      condition: 'holdout',
      passed: true,
      detail: `${percent}% of members are held out as a control group and get nothing; give a member to see their side`,
    };
  const heldOut = isHeldOut(campaign.campaignId, customerId, percent);
  return {
    condition: 'holdout',
    passed: !heldOut,
    detail: heldOut
      ? `the member is in the ${percent}% control group: they would get nothing and be recorded as held out`
      : `the member is not in the ${percent}% control group`,
  };
}
