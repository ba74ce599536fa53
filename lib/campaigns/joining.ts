import { getCustomerRecord } from '../customers/repository';
import { documents, getItems } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { Problem, problems } from '../http/problem';
import { pointsAccountKey } from '../loyalty/accounts';
import { storesVisitedAmong } from '../loyalty/stores-visited';
import { joinCampaign, memberRecordKey, participantKey } from './awards';
import type { Campaign } from './model';
import { joiningChecks, type ConditionCheck } from './rules';
import { memberFactsFrom } from './segments';
import { listCampaigns, liveCampaigns } from './store';
import type { MemberParticipation } from './views';

const table = () => tableNameFromEnv('main');

const refusals = {
  notOptIn: () =>
    new Problem(409, 'NOT_OPT_IN', 'Conflict', 'This campaign needs no joining: every member takes part.'),
  full: () => new Problem(409, 'CAMPAIGN_FULL', 'Conflict', 'The campaign has all its participants.'),
  notEligible: (failed: ConditionCheck[]) =>
    new Problem(
      403,
      'CAMPAIGN_NOT_ELIGIBLE',
      'Forbidden',
      `You do not meet this campaign's conditions: ${failed.map((check) => check.condition).join(', ')}.`,
      { errors: failed.map((check) => ({ field: check.condition, message: check.detail })) },
    ),
};

/** The joining checks for a member now, from their points account and what a segment reads of them. */
async function joiningChecksFor(campaign: Campaign, customerId: string, now: Date) {
  const trigger = campaign.definition.trigger;
  const segment = 'segment' in trigger ? trigger.segment : undefined;
  const [{ Item: account = {} }, profile] = await Promise.all([
    documents.get({ TableName: table(), Key: pointsAccountKey(customerId), ConsistentRead: true }),
    segment?.birthdayMonth !== undefined ? getCustomerRecord(customerId) : undefined,
  ]);
  const storesVisited = segment?.visitedStores
    ? await storesVisitedAmong(customerId, account, segment.visitedStores)
    : undefined;
  const facts = memberFactsFrom(account, profile, { storesVisited, marketingConsent: false });
  return joiningChecks(campaign, facts, now);
}

/**
 * A member joins an opt-in campaign running now and shown to members: once (joining again is answered
 * as joined), only if they meet its conditions about the member (403 naming each one they fail), and
 * only while it has places (its participant count is the transaction's condition).
 */
export async function joinOptInCampaign(
  campaignId: string,
  customerId: string,
  correlationId: string,
  now = new Date(),
): Promise<Campaign> {
  const campaign = (await liveCampaigns(now.toISOString())).find(
    (candidate) => candidate.campaignId === campaignId && candidate.definition.visibleToMembers,
  );
  if (!campaign) throw problems.notFound(`Campaign ${campaignId}`);
  if (!campaign.definition.optIn) throw refusals.notOptIn();
  const { Item: participant } = await documents.get({
    TableName: table(),
    Key: memberRecordKey(campaign, customerId),
    ConsistentRead: true,
  });
  if (participant) return campaign;
  const failed = (await joiningChecksFor(campaign, customerId, now)).filter((check) => !check.passed);
  if (failed.length) throw refusals.notEligible(failed);
  const joined = await joinCampaign(campaign, customerId, correlationId, now);
  if (joined === 'full') throw refusals.full();
  // Paused or ended a moment ago.
  if (joined === 'not-live') throw problems.notFound(`Campaign ${campaignId}`);
  return campaign;
}

/**
 * The campaigns a member takes part in, latest joined first. Participants are kept under their campaign,
 * so each campaign's participant record of the member is read, in batches of a hundred: a programme
 * runs tens or hundreds of campaigns, not the millions of members an index per member would serve.
 */
export async function listMemberParticipation(customerId: string): Promise<MemberParticipation[]> {
  const campaigns = await listCampaigns();
  const byId = new Map(campaigns.map((campaign) => [campaign.campaignId, campaign]));
  const records = await getItems(
    campaigns.map((campaign) => participantKey(campaign.campaignId, customerId)),
  );
  return records
    .map((item) => {
      const campaign = byId.get(String(item.pk).slice('CAMPAIGN#'.length))!;
      return {
        campaignId: campaign.campaignId,
        name: campaign.definition.name,
        status: campaign.status,
        startsAt: campaign.definition.startsAt,
        endsAt: campaign.definition.endsAt,
        joinedAt: String(item.joinedAt),
        pointsAwarded: Number(item.pointsAwarded ?? 0),
      };
    })
    .sort((a, b) => (a.joinedAt < b.joinedAt ? 1 : a.joinedAt > b.joinedAt ? -1 : 0));
}
