import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { conditionFailedReasons, documents, getItems, queryAll } from '../db/client';
import { shardSuffix, shardSuffixes } from '../db/shards';
import {
  COUNTER_SHARDS,
  counterChangeItems,
  counterItemsOf,
  counterShardKey,
  counterShardOf,
  deleteCounterItems,
  isSharded,
  newCounterItems,
} from './counters';
import { tableNameFromEnv } from '../db/tables';
import { fieldErrorsFrom, Problem, problems } from '../http/problem';
import {
  campaignDefinitionSchema,
  campaignSchema,
  type Campaign,
  type CampaignChanges,
  type CampaignDefinition,
  type CampaignStatus,
} from './model';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');
export const campaignKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'META' });
export const countersKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'COUNTERS' });

/** The shards of a campaign created before counters had partitions of their own (`counters.ts`). */
const LEGACY_COUNTER_SHARDS = 16;

/**
 * Where a member's award, refund, sale or holding out is counted: their shard of the campaign's counters
 * (`counters.ts`). A campaign created before sharding counts, with a budget or a participant cap, on its one
 * counters item, which the award's transaction conditions on; without, on 16 shards of its own partition.
 */
export function awardCounterKey(campaign: Campaign, customerId: string) {
  if (isSharded(campaign)) return counterShardKey(campaign.campaignId, counterShardOf(campaign, customerId));
  const { limits } = campaign.definition;
  if (limits.pointsBudget !== undefined || limits.maxParticipants !== undefined)
    return countersKey(campaign.campaignId);
  return {
    pk: `CAMPAIGN#${campaign.campaignId}`,
    sk: `COUNTERS#${shardSuffix(customerId, LEGACY_COUNTER_SHARDS)}`,
  };
}
const versionKey = (campaignId: string, version: number) => ({
  pk: `CAMPAIGN#${campaignId}`,
  sk: `VERSION#${String(version).padStart(6, '0')}`,
});

/**
 * The version of the campaign list: every create, edit and status change adds one to it in its own
 * transaction, so an award consumer that reads it before using its list learns of a change at once.
 * Kept on 8 copies written together, each read by one reader in 8: every purchase reads it, and one item
 * serves at most 3,000 consistent reads a second. `campaigns` counts the campaigns created.
 */
const LIST_VERSION_COPIES = 8;
const listVersionKey = (copy: string) => ({ pk: `CAMPAIGNS#VERSION#${copy}`, sk: 'VERSION' });
const listVersionBumps = (created: -1 | 0 | 1): TransactItem[] =>
  shardSuffixes(LIST_VERSION_COPIES).map((copy) => ({
    Update: {
      TableName: table(),
      Key: listVersionKey(copy),
      UpdateExpression: created ? 'ADD version :one, campaigns :created' : 'ADD version :one',
      ExpressionAttributeValues: { ':one': 1, ...(created ? { ':created': created } : {}) },
    },
  }));

async function readListVersion(): Promise<{ version: number; campaigns: number }> {
  const copy = shardSuffixes(LIST_VERSION_COPIES)[Math.floor(Math.random() * LIST_VERSION_COPIES)]!;
  const { Item } = await documents.get({
    TableName: table(),
    Key: listVersionKey(copy),
    ConsistentRead: true,
  });
  return { version: Number(Item?.version ?? 0), campaigns: Number(Item?.campaigns ?? 0) };
}

/**
 * Writes a campaign's change together with the list version; false when a condition of the change failed.
 * Changes of two campaigns at once collide on the version items, and a change of a busy campaign with the
 * awards in flight on its counter shards: the one cancelled for that alone is tried again.
 */
async function writeCampaignChange(items: TransactItem[], created: -1 | 0 | 1 = 0): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.transactWrite({ TransactItems: [...items, ...listVersionBumps(created)] });
      return true;
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      if (reasons.includes('ConditionalCheckFailed')) return false;
      // At peak, awards are in flight on the counter shards a status change or edit also writes.
      if (attempt >= 10 || !reasons.includes('TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

const toItem = (campaign: Campaign) => ({
  ...campaignKey(campaign.campaignId),
  ...campaign,
  gsi1pk: 'CAMPAIGNS',
  gsi1sk: `${campaign.createdAt}#${campaign.campaignId}`,
});

/** A new campaign, as a draft with its counters at zero. */
export async function createCampaign(definition: CampaignDefinition, now = new Date()): Promise<Campaign> {
  const campaign: Campaign = {
    campaignId: ulid(now.getTime()),
    status: 'draft',
    version: 1,
    definition,
    counterShards: COUNTER_SHARDS,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const written = await writeCampaignChange(
    [
      {
        Put: { TableName: table(), Item: toItem(campaign), ConditionExpression: 'attribute_not_exists(pk)' },
      },
      ...newCounterItems(campaign.campaignId, definition.limits, COUNTER_SHARDS),
      {
        Put: {
          TableName: table(),
          Item: { ...versionKey(campaign.campaignId, 1), definition, createdAt: campaign.createdAt },
        },
      },
    ],
    1,
  );
  if (!written) throw new Error(`Campaign id ${campaign.campaignId} is taken`);
  return campaign;
}

export async function getCampaign(campaignId: string): Promise<Campaign | undefined> {
  const { Item } = await documents.get({
    TableName: table(),
    Key: campaignKey(campaignId),
    ConsistentRead: true,
  });
  return Item ? campaignSchema.parse(Item) : undefined;
}

export async function listCampaigns(): Promise<Campaign[]> {
  const items = await queryAll({
    TableName: table(),
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :all',
    ExpressionAttributeValues: { ':all': 'CAMPAIGNS' },
  });
  const campaigns = items.map((item) => campaignSchema.parse(item));
  return campaigns;
}

/** The campaign list an award consumer reuses while the list version stays the one it was read at. */
let awardCache: { campaigns: Campaign[]; version?: number } | undefined;

/**
 * Every campaign as it stands: the index lists them, and the table (read consistently) gives the state
 * of each that may still change, since the index can lag a write by a moment.
 */
async function currentCampaigns(): Promise<Campaign[]> {
  const listed = await listCampaigns();
  const open = listed.filter((campaign) => campaign.status !== 'ended');
  const items = await getItems(open.map((campaign) => campaignKey(campaign.campaignId)));
  const current = new Map(
    items.map((item) => campaignSchema.parse(item)).map((campaign) => [campaign.campaignId, campaign]),
  );
  return listed.map((campaign) => current.get(campaign.campaignId) ?? campaign);
}

/**
 * The campaign list for awarding: reused for as long as the list version is the one it was read at (one
 * consistent read of a small item per call), read again as soon as any campaign changed anywhere.
 */
async function campaignsForAwards(fresh = false): Promise<Campaign[]> {
  const { version, campaigns: created } = await readListVersion();
  if (!fresh && awardCache?.version === version) return awardCache.campaigns;
  const campaigns = await currentCampaigns();
  // A campaign created a moment ago may be missing from the index: such a list serves this call only.
  awardCache = { campaigns, version: campaigns.length >= created ? version : undefined };
  return campaigns;
}

/**
 * The campaigns that may award now: active (or scheduled and started), not past their end. A scheduled
 * campaign becomes active by its start time, with no schedule needed to flip it.
 */
export async function liveCampaigns(at: string, options: { fresh?: boolean } = {}): Promise<Campaign[]> {
  return (await campaignsForAwards(options.fresh)).filter(
    (campaign) =>
      (campaign.status === 'active' || campaign.status === 'scheduled') &&
      campaign.definition.startsAt <= at &&
      at < campaign.definition.endsAt,
  );
}

const EDIT_ATTEMPTS = 5;

/**
 * Edits a campaign: the terms sent replace theirs, the rest stay as they are, and the whole must still
 * hold together (400 naming the field otherwise). A draft or scheduled campaign changes in place; an
 * active or paused one gets a new version, and awards from then on record it. Ended campaigns are
 * history. The write is conditional on the version and the status it read: a status change made
 * meanwhile (a pause) is kept, and the edit is made again on top of it.
 */
export async function updateCampaign(
  campaignId: string,
  changes: CampaignChanges | ((stored: CampaignDefinition) => CampaignChanges),
  expectedVersion: number,
  now = new Date(),
  fieldsUnder = 'body.definition',
): Promise<Campaign> {
  for (let attempt = 1; ; attempt++) {
    const current = await getCampaign(campaignId);
    if (!current) throw problems.notFound(`Campaign ${campaignId}`);
    if (current.status === 'ended')
      throw new Problem(409, 'CAMPAIGN_ENDED', 'Conflict', 'An ended campaign cannot change.');
    if (current.version !== expectedVersion)
      throw new Problem(
        409,
        'VERSION_CONFLICT',
        'Conflict',
        `The campaign is at version ${current.version}.`,
      );
    const definition = editedDefinition(
      current.definition,
      typeof changes === 'function' ? changes(current.definition) : changes,
      fieldsUnder,
    );
    const newVersion = current.status === 'active' || current.status === 'paused';
    const limited = (d: CampaignDefinition) =>
      d.limits.pointsBudget !== undefined || d.limits.maxParticipants !== undefined;
    // Counts of a campaign without a budget or cap are spread over shards; a cap added later could not see them.
    if (newVersion && limited(definition) !== limited(current.definition))
      throw new Problem(
        409,
        'LIMITS_FIXED',
        'Conflict',
        'A budget or participant cap can be set or removed only before the campaign starts.',
      );
    // The control group is drawn once: a changed share once awards may have begun spoils the comparison.
    if (hasStarted(current, now) && definition.holdoutPercent !== current.definition.holdoutPercent)
      throw new Problem(
        409,
        'HOLDOUT_FIXED',
        'Conflict',
        'The holdout can be set, changed or removed only before the campaign starts.',
      );
    const next: Campaign = {
      ...current,
      definition,
      version: newVersion ? current.version + 1 : current.version,
      updatedAt: now.toISOString(),
    };
    const written = await writeCampaignChange([
      {
        Put: {
          TableName: table(),
          Item: toItem(next),
          ConditionExpression: 'version = :version AND #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':version': current.version, ':status': current.status },
        },
      },
      {
        Put: {
          TableName: table(),
          Item: { ...versionKey(campaignId, next.version), definition, createdAt: now.toISOString() },
        },
      },
      // The shards' mirror of the new version, and the budget or cap moved to the new terms, with the edit.
      ...(await counterChangeItems(current, next, current.definition.limits, definition.limits)),
    ]);
    if (written) return next;
    if (attempt >= EDIT_ATTEMPTS)
      throw new Problem(409, 'VERSION_CONFLICT', 'Conflict', 'The campaign changed meanwhile.');
  }
}

/** Whether a campaign may have awarded: active or paused, or scheduled and past its start. */
const hasStarted = (campaign: Campaign, now: Date) =>
  campaign.status === 'active' ||
  campaign.status === 'paused' ||
  (campaign.status === 'scheduled' && Date.parse(campaign.definition.startsAt) <= now.getTime());

/** The stored definition with the edited terms in place of theirs, checked whole as a new one would be. */
function editedDefinition(
  stored: CampaignDefinition,
  changes: CampaignChanges,
  fieldsUnder: string,
): CampaignDefinition {
  const { holdoutPercent, ...rest } = changes;
  const merged: Record<string, unknown> = { ...stored, ...rest };
  // A holdout sent as null is removed; one left out keeps its value.
  if (holdoutPercent === null) delete merged.holdoutPercent;
  else if (holdoutPercent !== undefined) merged.holdoutPercent = holdoutPercent;
  const edited = campaignDefinitionSchema.safeParse(merged);
  if (!edited.success) throw problems.validation(fieldErrorsFrom(edited.error.issues, fieldsUnder));
  return edited.data;
}

/** The lifecycle: draft → scheduled → active ⇄ paused → ended (a draft may also start at once). */
export const campaignTransitions: Record<string, { from: CampaignStatus[]; to: CampaignStatus }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  activate: { from: ['draft', 'scheduled', 'paused'], to: 'active' },
  pause: { from: ['active', 'scheduled'], to: 'paused' },
  end: { from: ['draft', 'scheduled', 'active', 'paused'], to: 'ended' },
};
export type CampaignAction = keyof typeof campaignTransitions;
export const campaignActions = Object.keys(campaignTransitions) as CampaignAction[];

export async function changeCampaignStatus(campaignId: string, action: CampaignAction, now = new Date()) {
  const transition = campaignTransitions[action]!;
  const current = await getCampaign(campaignId);
  if (!current) throw problems.notFound(`Campaign ${campaignId}`);
  if (!transition.from.includes(current.status))
    throw new Problem(
      409,
      'INVALID_TRANSITION',
      'Conflict',
      `A ${current.status} campaign cannot ${action}.`,
    );
  const written = await writeCampaignChange([
    {
      Update: {
        TableName: table(),
        Key: campaignKey(campaignId),
        UpdateExpression: 'SET #status = :to, updatedAt = :now',
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':to': transition.to,
          ':from': current.status,
          ':now': now.toISOString(),
        },
      },
    },
    // Every shard learns the status in this transaction: once a pause commits, no award can.
    ...(await counterChangeItems(
      current,
      { status: transition.to, version: current.version },
      current.definition.limits,
    )),
  ]);
  if (!written) throw new Problem(409, 'VERSION_CONFLICT', 'Conflict', 'The campaign changed meanwhile.');
  return { ...current, status: transition.to, updatedAt: now.toISOString() };
}

/**
 * Deletes a draft: the campaign, its counters and its one version go together, on the condition that it is
 * still a draft at the version read (a draft never awarded, so nothing else refers to it). Anything past
 * draft is history: it can be ended, not deleted.
 */
export async function deleteDraftCampaign(campaignId: string): Promise<Campaign> {
  const current = await getCampaign(campaignId);
  if (!current) throw problems.notFound(`Campaign ${campaignId}`);
  if (current.status !== 'draft') throw notDraft(current.status);
  const written = await writeCampaignChange(
    [
      {
        Delete: {
          TableName: table(),
          Key: campaignKey(campaignId),
          ConditionExpression: '#status = :draft AND version = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft', ':version': current.version },
        },
      },
      { Delete: { TableName: table(), Key: countersKey(campaignId) } },
      ...deleteCounterItems(current),
      { Delete: { TableName: table(), Key: versionKey(campaignId, current.version) } },
    ],
    -1,
  );
  if (!written) {
    const now = await getCampaign(campaignId);
    if (now && now.status !== 'draft') throw notDraft(now.status);
    throw new Problem(409, 'VERSION_CONFLICT', 'Conflict', 'The campaign changed meanwhile.');
  }
  return current;
}
const notDraft = (status: CampaignStatus) =>
  new Problem(
    409,
    'CAMPAIGN_NOT_DRAFT',
    'Conflict',
    `Only a draft can be deleted; a ${status} campaign can be ended instead.`,
  );

/** The counters' attributes of one programme day, beside the totals on the same item (no item more written). */
export const dailyCounterNames = (day: string) => ({ awards: `awards@${day}`, points: `points@${day}` });
const DAILY = /^(awards|points)@(\d{4}-\d{2}-\d{2})$/;

/** A campaign's totals, summed over its counter items (its id alone: read as a campaign of 16 shards). */
export async function campaignCounters(campaign: string | Pick<Campaign, 'campaignId' | 'counterShards'>) {
  return countersFrom(await counterItemsOf(campaign));
}

/** The totals and, day by day (the programme's days, in order), the awards made and points they gave. */
export async function campaignResultsByDay(
  campaign: string | Pick<Campaign, 'campaignId' | 'counterShards'>,
) {
  const items = await counterItemsOf(campaign);
  const days = new Map<string, { day: string; awards: number; pointsAwarded: number }>();
  for (const item of items)
    for (const [name, value] of Object.entries(item)) {
      const match = DAILY.exec(name);
      if (!match) continue;
      const day = days.get(match[2]!) ?? { day: match[2]!, awards: 0, pointsAwarded: 0 };
      if (match[1] === 'awards') day.awards += Number(value);
      else day.pointsAwarded += Number(value);
      days.set(day.day, day);
    }
  return {
    ...countersFrom(items),
    daily: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
  };
}

function countersFrom(items: Record<string, unknown>[]) {
  const sum = (field: string) => items.reduce((total, item) => total + Number(item[field] ?? 0), 0);
  return {
    pointsAwarded: sum('pointsAwarded'),
    participants: sum('participants'),
    awards: sum('awards'),
    pointsReversed: sum('pointsReversed'),
    participantRevenue: sum('participantRevenue'),
    couponsIssued: sum('couponsIssued'),
    couponsRedeemed: sum('couponsRedeemed'),
    heldOut: sum('heldOut'),
    heldOutRevenue: sum('heldOutRevenue'),
  };
}
