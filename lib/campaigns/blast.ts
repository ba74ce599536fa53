import * as z from 'zod';
import { awsClients } from '../aws-clients';
import { lazyEnv } from '../config';
import { getCustomerRecord } from '../customers/repository';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { pointsAccountKey } from '../loyalty/accounts';
import { TIERS, type TierCode } from '../loyalty/tiers';
import { acceptsMarketing } from '../notifications/notify';
import { sendCampaignMessage } from './triggers';
import { awardCampaign, type AwardOutcome } from './awards';
import type { Campaign } from './model';
import { PROGRAMME_TIME_ZONE } from '../calendar';
import { latestFireTime, parseScheduleExpression } from '../schedules/expression';
import { inSegment } from './segments';
import { getCampaign, listCampaigns } from './store';

const table = () => tableNameFromEnv('main');
const env = lazyEnv({ CAMPAIGN_BLAST_QUEUE_URL: z.string().min(1) });

/** One SQS message of a blast: a page of its audience. */
export const blastPageSchema = z.object({
  campaignId: z.string(),
  /** The occurrence of a recurring campaign (ISO); absent for a one-off blast. */
  occurrence: z.string().optional(),
  version: z.number().int().positive(),
  customerIds: z.array(z.string().min(1)).min(1).max(100),
});
export type BlastPage = z.infer<typeof blastPageSchema>;

const blastKey = (campaignId: string, occurrence?: string) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: occurrence ? `BLAST#${occurrence}` : 'BLAST',
});

/** The trigger of a blast's awards: one per member for a one-off blast, one per member and occurrence otherwise. */
export const blastTrigger = (occurrence?: string) => (occurrence ? `blast:${occurrence}` : 'blast');

/**
 * The occurrence due now: a one-off blast's time, or a recurring campaign's latest cron time (read in the
 * programme's time zone) since the campaign started; undefined when nothing is due.
 */
export function dueOccurrence(campaign: Campaign, now: Date): { occurrence?: string } | undefined {
  const { trigger, startsAt, endsAt } = campaign.definition;
  const nowIso = now.toISOString();
  if (nowIso < startsAt || nowIso >= endsAt) return undefined;
  if (trigger.kind === 'blast') return trigger.at <= nowIso ? {} : undefined;
  if (trigger.kind !== 'recurring') return undefined;
  const schedule = parseScheduleExpression(trigger.schedule);
  if (schedule.kind !== 'cron') return undefined;
  const latest = latestFireTime(schedule, now, PROGRAMME_TIME_ZONE).toISOString();
  return latest >= startsAt ? { occurrence: latest } : undefined;
}
const blastProgressSchema = z.object({
  startedAt: z.string(),
  updatedAt: z.string(),
  cursor: z.record(z.string(), z.unknown()).optional(),
  members: z.number().int(),
  fannedOutAt: z.string().optional(),
});

/** A fan-out not heard of for this long is taken over by the next scheduled run, from its cursor. */
const STALLED_AFTER_MS = 5 * 60_000;
const PAGE_SIZE = 100;

/**
 * The minute schedule: every blast campaign whose time has come is fanned out once — its audience paged
 * through the members and queued in pages of 100, the scan's cursor saved after each page, so a crash
 * resumes where it stopped and a page sent twice reaches nobody twice (awards are once per member).
 */
export async function startDueBlasts(now: Date, correlationId: string) {
  const due = (await listCampaigns()).flatMap((campaign) => {
    if (campaign.status !== 'active' && campaign.status !== 'scheduled') return [];
    const occurrence = dueOccurrence(campaign, now);
    return occurrence ? [{ campaign, occurrence: occurrence.occurrence }] : [];
  });
  const fannedOut: string[] = [];
  for (const { campaign, occurrence } of due)
    if (await fanOut(campaign, occurrence, now, correlationId))
      fannedOut.push(occurrence ? `${campaign.campaignId}@${occurrence}` : campaign.campaignId);
  return { due: due.length, fannedOut };
}

async function claim(campaignId: string, occurrence: string | undefined, now: Date) {
  const { Item } = await documents.get({
    TableName: table(),
    Key: blastKey(campaignId, occurrence),
    ConsistentRead: true,
  });
  const progress = Item ? blastProgressSchema.parse(Item) : undefined;
  if (progress?.fannedOutAt) return undefined;
  if (progress && now.getTime() - new Date(progress.updatedAt).getTime() < STALLED_AFTER_MS) return undefined;
  try {
    await documents.put({
      TableName: table(),
      Item: {
        ...blastKey(campaignId, occurrence),
        startedAt: progress?.startedAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
        cursor: progress?.cursor,
        members: progress?.members ?? 0,
      },
      ConditionExpression: progress ? 'updatedAt = :seen' : 'attribute_not_exists(pk)',
      ...(progress ? { ExpressionAttributeValues: { ':seen': progress.updatedAt } } : {}),
    });
  } catch (error) {
    if (isConditionFailure(error)) return undefined; // another run took it
    throw error;
  }
  return { cursor: progress?.cursor, members: progress?.members ?? 0 };
}

async function fanOut(
  campaign: Campaign,
  occurrence: string | undefined,
  now: Date,
  correlationId: string,
): Promise<boolean> {
  const claimed = await claim(campaign.campaignId, occurrence, now);
  if (!claimed) return false;
  const [sqs, { SendMessageBatchCommand }] = await Promise.all([
    awsClients.sqs(),
    import('@aws-sdk/client-sqs'),
  ]);
  let cursor = claimed.cursor;
  let members = claimed.members;
  do {
    const page = await documents.scan({
      TableName: table(),
      FilterExpression: 'sk = :account',
      ExpressionAttributeValues: { ':account': 'LOYALTY#ACCOUNT' },
      ProjectionExpression: 'customerId',
      ExclusiveStartKey: cursor,
    });
    const customerIds = (page.Items ?? []).map((item) => String(item.customerId));
    const pages: BlastPage[] = [];
    for (let i = 0; i < customerIds.length; i += PAGE_SIZE)
      pages.push({
        campaignId: campaign.campaignId,
        ...(occurrence ? { occurrence } : {}),
        version: campaign.version,
        customerIds: customerIds.slice(i, i + PAGE_SIZE),
      });
    for (let i = 0; i < pages.length; i += 10) {
      const entries = pages.slice(i, i + 10).map((body, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(body),
        MessageAttributes: { correlationId: { DataType: 'String', StringValue: correlationId } },
      }));
      const result = await sqs.send(
        new SendMessageBatchCommand({ QueueUrl: env().CAMPAIGN_BLAST_QUEUE_URL, Entries: entries }),
      );
      if (result.Failed?.length) throw new Error(`${result.Failed.length} blast pages were not queued`);
    }
    members += customerIds.length;
    cursor = page.LastEvaluatedKey;
    await documents.update({
      TableName: table(),
      Key: blastKey(campaign.campaignId, occurrence),
      UpdateExpression: cursor
        ? 'SET #cursor = :cursor, #members = :members, updatedAt = :now'
        : 'SET #members = :members, updatedAt = :now, fannedOutAt = :now REMOVE #cursor',
      ExpressionAttributeNames: { '#cursor': 'cursor', '#members': 'members' },
      ExpressionAttributeValues: {
        ...(cursor ? { ':cursor': cursor } : {}),
        ':members': members,
        ':now': new Date().toISOString(),
      },
    });
  } while (cursor);
  return true;
}

const tierSchema = z.enum(TIERS.map((tier) => tier.code) as [TierCode, ...TierCode[]]);

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
    const facts = {
      tier: tierSchema.safeParse(account.Item.tier).data,
      balance: Number(account.Item.balance ?? 0),
      birthday: profile.birthday,
      lastPurchaseAt:
        typeof account.Item.lastPurchaseAt === 'string' ? account.Item.lastPurchaseAt : undefined,
      marketingConsent: true,
    };
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
