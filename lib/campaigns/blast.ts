import { getCustomerRecord } from '../customers/repository';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { pointsAccountKey } from '../loyalty/accounts';
import { storesVisitedAmong } from '../loyalty/stores-visited';
import { acceptsMarketing } from '../notifications/notify';
import { sendCampaignMessage } from './triggers';
import { awardCampaign, type AwardOutcome } from './awards';
import { inSegment, memberFactsFrom } from './segments';
import { blastKey, blastProgressSchema, type BlastPage } from './blast-pages';
import { getCampaign } from './store';

const table = () => tableNameFromEnv('main');

/** The trigger of a blast's awards: one per member for a one-off blast, one per member and occurrence otherwise. */
export const blastTrigger = (occurrence?: string) => (occurrence ? `blast:${occurrence}` : 'blast');

/**
 * Delivers one page of a blast: each member who accepts marketing now and is in the segment gets the
 * award (once per campaign, whatever the retries) and then the message (once per campaign: the inbox
 * entry's id is the campaign's).
 */
export async function deliverBlastPage(page: BlastPage, correlationId: string, now = new Date()) {
  const campaign = await getCampaign(page.campaignId);
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  if (
    !campaign ||
    (campaign.definition.trigger.kind !== 'blast' && campaign.definition.trigger.kind !== 'recurring')
  )
    return outcomes;
  const { trigger, effects } = campaign.definition;
  const deliverTo = async (customerId: string) => {
    const [profile, account] = await Promise.all([
      getCustomerRecord(customerId),
      documents.get({ TableName: table(), Key: pointsAccountKey(customerId), ConsistentRead: true }),
    ]);
    if (!profile || !account.Item || !acceptsMarketing(profile)) {
      count('no-consent');
      return;
    }
    const facts = memberFactsFrom(account.Item, profile, {
      storesVisited: trigger.segment.visitedStores
        ? await storesVisitedAmong(customerId, account.Item, trigger.segment.visitedStores)
        : undefined,
      marketingConsent: true,
    });
    if (!inSegment(trigger.segment, facts, now)) {
      count('not-in-segment');
      return;
    }
    const outcome: AwardOutcome = await awardCampaign(
      {
        campaign,
        customerId,
        trigger: blastTrigger(page.occurrence),
        bonusPoints: effects.bonusPoints?.kind === 'fixed' ? effects.bonusPoints.points : 0,
        at: page.occurrence ?? (trigger.kind === 'blast' ? trigger.at : now.toISOString()),
        correlationId,
      },
      now,
    );
    count(outcome);
    if (outcome === 'awarded' || outcome === 'already-awarded')
      await sendCampaignMessage(campaign, customerId, now, page.occurrence);
  };
  // Ten members at a time: each is independent, and their awards and messages are once per member.
  for (let i = 0; i < page.customerIds.length; i += 10)
    await Promise.all(page.customerIds.slice(i, i + 10).map(deliverTo));
  return outcomes;
}

export async function blastProgress(campaignId: string) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: blastKey(campaignId),
    ConsistentRead: true,
  });
  return Item ? blastProgressSchema.parse(Item) : undefined;
}
