import * as z from '../zod';
import { awsClients } from '../aws-clients';
import { lazyEnv } from '../config';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { blastKey, blastProgressSchema, type BlastPage } from './blast-pages';
import type { Campaign } from './model';
import { dueOccurrence } from './occurrences';
import { listCampaigns } from './store';
import { lazySchema } from '../lazy-schema';

const table = () => tableNameFromEnv('main');
const env = lazyEnv({ CAMPAIGN_BLAST_QUEUE_URL: lazySchema(() => z.string().check(z.minLength(1))) });

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
