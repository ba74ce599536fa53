import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { conditionFailedReasons, documents, getItems } from '../db/client';
import { shardSuffix, shardSuffixes } from '../db/shards';
import { tableNameFromEnv } from '../db/tables';
import type { Campaign, CampaignDefinition, CampaignStatus } from './definition';

/**
 * A campaign's counters, sharded so that no award touches a single hot item (the partition math is in
 * the capacity plan of cdk/README.md and in the campaigns README).
 *
 * - Each of `counterShards` shard items has its own partition key and keeps the counts of the awards made
 *   on it (an award lands on its member's shard), and an escrowed share of what is left of the points
 *   budget (`budgetLeft`) and of the places (`placesLeft`). An award takes its points and place from its
 *   shard's escrow under a condition, so a shard never hands out more than it holds.
 * - A new campaign's budget and places are dealt out evenly over the shards. The pool (the campaign's
 *   `COUNTERS` item) holds what came back later (refunds, a raised budget), not yet handed to a shard.
 *   When a shard runs dry, the award itself takes what it lacks from the pool (plus a slice for the
 *   next awards on that shard) or, once the pool is spent, borrows it from other shards, all in the award's
 *   one transaction with each source's condition: a budget is exact, spent to the point, never beyond.
 *   Refunds and budget raises go to the pool; a lowered budget is taken back from the pool, then shards.
 *   Invariant: pool + Σ shards = limit − what awards took, the pool alone going below zero (only when a
 *   limit was lowered beneath what was already given, and then with every shard at zero).
 * - Each shard mirrors whether the campaign is live (`liveVersion`, the version awards must carry), written
 *   in the same transaction as every status change and edit, so an award checks the campaign on the item
 *   it writes anyway instead of reading the campaign's one `META` item: once a pause commits, no award can.
 *
 * A campaign created before sharding (no `counterShards`) keeps its old layout: one counters item for a
 * budget or cap, conditioned with `META`, or 16 shards of its own partition without.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const table = () => tableNameFromEnv('main');

/**
 * 16 shards: one shard item takes about 500 award transactions a second at its partition's 1,000 WCU
 * (2 WCU per transactional write under 1 KB), and about half that once transactions collide on it; 2,000
 * awards a second therefore need 8 shards at best, and 16 leave twice the headroom. More would only make
 * status changes (which write every shard) and slow-path reads (which read every shard) dearer.
 */
export const COUNTER_SHARDS = 16;

export const poolKey = (campaignId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: 'COUNTERS' });
export const counterShardKey = (campaignId: string, shard: string) => ({
  pk: `CAMPAIGN#${campaignId}#COUNTERS#${shard}`,
  sk: 'COUNTERS',
});
const shardKeysOf = (campaignId: string, shards: number) =>
  shardSuffixes(shards).map((shard) => counterShardKey(campaignId, shard));

type Sharded = Pick<Campaign, 'campaignId' | 'counterShards'>;
export const isSharded = (campaign: Pick<Campaign, 'counterShards'>) => campaign.counterShards !== undefined;
/** The shard a member's awards, refunds and sales are counted on. */
export const counterShardOf = (campaign: Sharded, customerId: string) =>
  shardSuffix(customerId, campaign.counterShards ?? COUNTER_SHARDS);

const ESCROW = { points: 'budgetLeft', places: 'placesLeft' } as const;
/**
 * A shard's note that the campaign ran dry: any action taking at least this much (of points, of places)
 * found too little left over the pool and every shard. Left only by a transaction that checked nothing
 * came back to the pool since its snapshot; refunds and raised limits, the only ways back, remove it.
 */
const DRY = { points: 'dryPoints', places: 'dryPlaces' } as const;
type Dimension = keyof typeof ESCROW;
/** What an action takes of the campaign's limits: budget points and places. */
export type Allowance = Record<Dimension, number>;
const dimensions = Object.keys(ESCROW) as Dimension[];

const liveStatuses: CampaignStatus[] = ['active', 'scheduled'];

/**
 * The counter items of a new campaign: its budget and places dealt out evenly over the shards (the first
 * shards one more each until the remainder is gone), so that awards take from their shard from the first,
 * and a pool holding nothing yet.
 */
export function newCounterItems(
  campaignId: string,
  limits: CampaignDefinition['limits'],
  shards = COUNTER_SHARDS,
): TransactItem[] {
  const share = (total: number | undefined, shard: number) =>
    Math.floor((total ?? 0) / shards) + (shard < (total ?? 0) % shards ? 1 : 0);
  return [
    {
      Put: {
        TableName: table(),
        Item: {
          ...poolKey(campaignId),
          pointsAwarded: 0,
          participants: 0,
          awards: 0,
          [ESCROW.points]: 0,
          [ESCROW.places]: 0,
          poolReturns: 0,
        },
      },
    },
    ...shardKeysOf(campaignId, shards).map((Key, shard) => ({
      Put: {
        TableName: table(),
        Item: {
          ...Key,
          [ESCROW.points]: share(limits.pointsBudget, shard),
          [ESCROW.places]: share(limits.maxParticipants, shard),
        },
      },
    })),
  ];
}

export const deleteCounterItems = (campaign: Sharded): TransactItem[] =>
  isSharded(campaign)
    ? shardKeysOf(campaign.campaignId, campaign.counterShards!).map((Key) => ({
        Delete: { TableName: table(), Key },
      }))
    : [];

interface Snapshot {
  pool: Record<string, unknown>;
  shards: Map<string, Record<string, unknown>>;
}

/** The pool and every shard as of one instant (TransactGetItems is serialisable with the writes). */
async function snapshot(campaign: Sharded): Promise<Snapshot> {
  const suffixes = shardSuffixes(campaign.counterShards!);
  const keys = [
    poolKey(campaign.campaignId),
    ...suffixes.map((s) => counterShardKey(campaign.campaignId, s)),
  ];
  const { Responses } = await documents.transactGet({
    TransactItems: keys.map((Key) => ({ Get: { TableName: table(), Key } })),
  });
  const items = (Responses ?? []).map((response) => response.Item ?? {});
  return {
    pool: items[0] ?? {},
    shards: new Map(suffixes.map((suffix, i) => [suffix, items[i + 1] ?? {}])),
  };
}

const held = (item: Record<string, unknown>, dimension: Dimension) => Number(item[ESCROW[dimension]] ?? 0);

/** Amounts moved between counter items, per item and dimension, with the condition each source needs. */
type Moves = Map<string, { key: Record<string, string>; delta: Allowance; exact?: Allowance }>;

function move(
  moves: Moves,
  key: Record<string, string>,
  dimension: Dimension,
  delta: number,
  exact?: number,
) {
  const id = `${key.pk}|${key.sk}`;
  const entry = moves.get(id) ?? { key, delta: { points: 0, places: 0 } };
  entry.delta[dimension] += delta;
  if (exact !== undefined)
    entry.exact = { ...(entry.exact ?? { points: NaN, places: NaN }), [dimension]: exact };
  moves.set(id, entry);
}

/** The shards' mirror of the campaign's liveness: the version awards must carry, or none when not live. */
interface Mirror {
  shardPk: (pk: string) => boolean;
  liveVersion: number | undefined;
  /** A limit was raised: the shards' notes that the campaign ran dry no longer hold. */
  clearDry: boolean;
  /** The pool's key, which counts every return (`poolReturns`) when a limit is raised. */
  pool: string;
}

/**
 * The Update of each item of a move (a source gives its amount only if it still holds it, or exactly
 * `exact`), each shard's carrying the liveness mirror too when there is one: one action per item.
 */
function moveItems(moves: Moves, mirror?: Mirror): TransactItem[] {
  return [...moves.values()]
    .filter(({ key, delta }) => delta.points !== 0 || delta.places !== 0 || mirror?.shardPk(key.pk!))
    .map(({ key, delta, exact }) => {
      const moved = dimensions.filter((d) => delta[d] !== 0);
      const mirrored = mirror?.shardPk(key.pk!) ? mirror : undefined;
      const removed = [
        ...(mirrored && mirrored.liveVersion === undefined ? ['liveVersion'] : []),
        ...(mirrored?.clearDry ? Object.values(DRY) : []),
      ];
      const added = [
        ...moved.map((d) => `${ESCROW[d]} :delta_${d}`),
        ...(mirror?.clearDry && key.pk === mirror.pool && key.sk === 'COUNTERS' ? ['poolReturns :one'] : []),
      ];
      const clauses = [
        ...(mirrored?.liveVersion !== undefined ? ['SET liveVersion = :liveVersion'] : []),
        ...(removed.length ? [`REMOVE ${removed.join(', ')}`] : []),
        ...(added.length ? [`ADD ${added.join(', ')}`] : []),
      ];
      const conditions = moved.flatMap((d) =>
        exact && !Number.isNaN(exact[d])
          ? [`${ESCROW[d]} = :exact_${d}`]
          : delta[d] < 0
            ? [`${ESCROW[d]} >= :need_${d}`]
            : [],
      );
      return {
        Update: {
          TableName: table(),
          Key: key,
          UpdateExpression: clauses.join(' '),
          ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
          ...withValues({
            ...(mirrored?.liveVersion !== undefined ? { ':liveVersion': mirrored.liveVersion } : {}),
            ...(added.some((clause) => clause.startsWith('poolReturns')) ? { ':one': 1 } : {}),
            ...Object.fromEntries(
              moved.flatMap((d) => [
                [`:delta_${d}`, delta[d]],
                ...(exact && !Number.isNaN(exact[d])
                  ? [[`:exact_${d}`, exact[d]]]
                  : delta[d] < 0
                    ? [[`:need_${d}`, -delta[d]]]
                    : []),
              ]),
            ),
          }),
        },
      };
    });
}

/** DynamoDB refuses an empty map of values: none is given when no expression uses one. */
const withValues = (values: Record<string, unknown>) =>
  Object.keys(values).length ? { ExpressionAttributeValues: values } : {};

/**
 * Where an action on a dry shard takes what it lacks: from the pool first (with a slice of 1/(2N) of the
 * pool more, so the shard's next awards need no pool), then from the other shards, largest first. Judged on
 * a snapshot; each source's condition makes the award fail (and look again) if another took it meanwhile.
 */
export interface CounterPlan {
  /** What the target shard receives, on top of its own escrow. */
  received: Allowance;
  sources: TransactItem[];
}

export async function planShortfall(
  campaign: Sharded & Pick<Campaign, 'version'>,
  shard: string,
  take: Allowance,
  liveness: 'version' | 'any' | 'none',
): Promise<CounterPlan | 'exhausted' | 'not-live'> {
  // The shard alone first: whether the campaign is live, and whether it was found dry for such an action.
  const { Item: own = {} } = await documents.get({
    TableName: table(),
    Key: counterShardKey(campaign.campaignId, shard),
    ConsistentRead: true,
  });
  if (!isLive(own, campaign, liveness)) return 'not-live';
  if (dimensions.some((d) => take[d] > 0 && own[DRY[d]] !== undefined && take[d] >= Number(own[DRY[d]])))
    return 'exhausted';
  const seen = await snapshot(campaign);
  const { pool, shards } = seen;
  const target = shards.get(shard) ?? {};
  if (!isLive(target, campaign, liveness)) return 'not-live';
  const moves: Moves = new Map();
  const received: Allowance = { points: 0, places: 0 };
  for (const dimension of dimensions) {
    const lacking = take[dimension] - held(target, dimension);
    if (take[dimension] === 0 || lacking <= 0) continue;
    const inPool = Math.max(0, held(pool, dimension));
    const donors = [...shards.entries()]
      .filter(([suffix]) => suffix !== shard)
      .map(([suffix, item]) => ({ suffix, amount: held(item, dimension) }))
      .filter(({ amount }) => amount > 0)
      .sort((a, b) => b.amount - a.amount);
    if (inPool + donors.reduce((sum, { amount }) => sum + amount, 0) < lacking) {
      await noteDry(campaign, seen);
      return 'exhausted';
    }
    const fromPool = Math.min(inPool, lacking + Math.floor(inPool / (2 * campaign.counterShards!)));
    if (fromPool > 0) move(moves, poolKey(campaign.campaignId), dimension, -fromPool);
    let still = lacking - fromPool;
    for (const donor of donors) {
      if (still <= 0) break;
      const borrowed = Math.min(donor.amount, still);
      move(moves, counterShardKey(campaign.campaignId, donor.suffix), dimension, -borrowed);
      still -= borrowed;
    }
    received[dimension] = fromPool + Math.max(0, lacking - fromPool);
  }
  return { received, sources: moveItems(moves) };
}

const isLive = (
  shard: Record<string, unknown>,
  campaign: Pick<Campaign, 'version'>,
  liveness: 'version' | 'any' | 'none',
) =>
  liveness === 'none' ||
  (liveness === 'version' ? shard.liveVersion === campaign.version : shard.liveVersion !== undefined);

/**
 * Notes on every shard how little was left as of the snapshot, so that later actions on a dry campaign are
 * refused on one read of their own shard instead of a read of all. Made only if nothing came back to the
 * pool since (its count of returns, `poolReturns`, is unchanged); losing that race only costs the next action a snapshot.
 */
async function noteDry(campaign: Sharded, seen: Snapshot) {
  const left = Object.fromEntries(
    dimensions.map((d) => [
      d,
      Math.max(0, held(seen.pool, d)) +
        [...seen.shards.values()].reduce((sum, item) => sum + held(item, d), 0),
    ]),
  ) as Allowance;
  // Noted already (by a racing action) as dry at this level or below: nothing to add.
  const noted = [...seen.shards.values()].every((item) =>
    dimensions.every((d) => item[DRY[d]] !== undefined && Number(item[DRY[d]]) <= left[d] + 1),
  );
  if (noted) return;
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: table(),
            Key: poolKey(campaign.campaignId),
            ConditionExpression: 'poolReturns = :returns',
            ExpressionAttributeValues: { ':returns': Number(seen.pool.poolReturns ?? 0) },
          },
        },
        ...[...seen.shards.keys()].map((suffix) => ({
          Update: {
            TableName: table(),
            Key: counterShardKey(campaign.campaignId, suffix),
            UpdateExpression: `SET ${dimensions.map((d) => `${DRY[d]} = :${d}`).join(', ')}`,
            ExpressionAttributeValues: Object.fromEntries(dimensions.map((d) => [`:${d}`, left[d] + 1])),
          },
        })),
      ],
    });
  } catch (error) {
    if (!conditionFailedReasons(error)) throw error;
  }
}

/**
 * The shard's part of an action: its counts (`add`, an `ADD` clause with its own names and values), what it
 * takes of the escrow, and its liveness condition. Without a plan it takes from its own escrow only.
 */
export function shardUpdate(args: {
  campaign: Sharded & Pick<Campaign, 'version'>;
  shard: string;
  add: string[];
  names?: Record<string, string>;
  values: Record<string, unknown>;
  take: Allowance;
  liveness: 'version' | 'any' | 'none';
  plan?: CounterPlan;
}): TransactItem[] {
  const { campaign, take, plan } = args;
  const delta = Object.fromEntries(
    dimensions.map((d) => [d, (plan?.received[d] ?? 0) - take[d]]),
  ) as Allowance;
  const escrowed = dimensions.filter((d) => take[d] !== 0 || delta[d] !== 0);
  const conditions = [
    ...(args.liveness === 'version' ? ['liveVersion = :liveVersion'] : []),
    ...(args.liveness === 'any' ? ['attribute_exists(liveVersion)'] : []),
    ...escrowed.filter((d) => delta[d] < 0).map((d) => `${ESCROW[d]} >= :escrowNeed_${d}`),
  ];
  return [
    {
      Update: {
        TableName: table(),
        Key: counterShardKey(campaign.campaignId, args.shard),
        UpdateExpression: `ADD ${[...args.add, ...escrowed.map((d) => `${ESCROW[d]} :escrow_${d}`)].join(', ')}`,
        ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
        ...(args.names && Object.keys(args.names).length ? { ExpressionAttributeNames: args.names } : {}),
        ExpressionAttributeValues: {
          ...args.values,
          ...(args.liveness === 'version' ? { ':liveVersion': campaign.version } : {}),
          ...Object.fromEntries(
            escrowed.flatMap((d) => [
              [`:escrow_${d}`, delta[d]],
              ...(delta[d] < 0 ? [[`:escrowNeed_${d}`, -delta[d]]] : []),
            ]),
          ),
        },
      },
    },
    ...(plan?.sources ?? []),
  ];
}

/**
 * A refund's part of the counters: the member's shard counts the points taken back, and the points return
 * to the pool (where any shard can draw them again) with every shard's note that the campaign ran dry
 * removed, as it may not be dry any more.
 */
export function refundCounterItems(campaign: Campaign, customerId: string, points: number): TransactItem[] {
  const own = counterShardOf(campaign, customerId);
  const budgeted = campaign.definition.limits.pointsBudget !== undefined;
  return [
    {
      Update: {
        TableName: table(),
        Key: counterShardKey(campaign.campaignId, own),
        UpdateExpression: `ADD pointsAwarded :minus, pointsReversed :points${budgeted ? ` REMOVE ${DRY.points}` : ''}`,
        ExpressionAttributeValues: { ':minus': -points, ':points': points },
      },
    },
    ...(budgeted
      ? [
          {
            Update: {
              TableName: table(),
              Key: poolKey(campaign.campaignId),
              UpdateExpression: `ADD ${ESCROW.points} :points, poolReturns :one`,
              ExpressionAttributeValues: { ':points': points, ':one': 1 },
            },
          },
          ...shardSuffixes(campaign.counterShards!)
            .filter((suffix) => suffix !== own)
            .map((suffix) => ({
              Update: {
                TableName: table(),
                Key: counterShardKey(campaign.campaignId, suffix),
                UpdateExpression: `REMOVE ${DRY.points}`,
              },
            })),
        ]
      : []),
  ];
}

/**
 * What a status change or an edit writes to the counters: every shard's liveness mirror, in the same
 * transaction, and the moves that make a new budget or cap hold: a raise goes to the pool; a cut is taken from the
 * pool, then from shards (each on the condition it still holds what was seen). A cut beneath what is left
 * empties every shard exactly as seen and leaves the pool owing the rest, so nothing more is given until
 * refunds or a raise pay it back.
 */
export async function counterChangeItems(
  campaign: Sharded,
  next: { status: CampaignStatus; version: number },
  before: CampaignDefinition['limits'],
  after: CampaignDefinition['limits'] = before,
): Promise<TransactItem[]> {
  if (!isSharded(campaign)) return [];
  const change: Allowance = {
    points: (after.pointsBudget ?? 0) - (before.pointsBudget ?? 0),
    places: (after.maxParticipants ?? 0) - (before.maxParticipants ?? 0),
  };
  const moves: Moves = new Map();
  const shardPrefix = `CAMPAIGN#${campaign.campaignId}#COUNTERS#`;
  for (const key of shardKeysOf(campaign.campaignId, campaign.counterShards!))
    moves.set(`${key.pk}|${key.sk}`, { key, delta: { points: 0, places: 0 } });
  const pool = poolKey(campaign.campaignId);
  const raised = dimensions.some((d) => change[d] > 0);
  const mirror: Mirror = {
    shardPk: (pk) => pk.startsWith(shardPrefix),
    liveVersion: liveStatuses.includes(next.status) ? next.version : undefined,
    clearDry: raised,
    pool: pool.pk,
  };
  const seen = dimensions.some((d) => change[d] < 0) ? await snapshot(campaign) : undefined;
  for (const dimension of dimensions) {
    const cut = -change[dimension];
    if (cut < 0) move(moves, pool, dimension, change[dimension]);
    if (cut <= 0 || !seen) continue;
    const inPool = held(seen.pool, dimension);
    if (inPool >= cut) {
      move(moves, pool, dimension, -cut);
      continue;
    }
    const shards = [...seen.shards.entries()]
      .map(([suffix, item]) => ({
        key: counterShardKey(campaign.campaignId, suffix),
        amount: held(item, dimension),
      }))
      .filter(({ amount }) => amount > 0)
      .sort((a, b) => b.amount - a.amount);
    const inShards = shards.reduce((sum, { amount }) => sum + amount, 0);
    if (Math.max(0, inPool) + inShards >= cut) {
      if (inPool > 0) move(moves, pool, dimension, -inPool);
      let still = cut - Math.max(0, inPool);
      for (const shard of shards) {
        if (still <= 0) break;
        const taken = Math.min(shard.amount, still);
        move(moves, shard.key, dimension, -taken);
        still -= taken;
      }
      continue;
    }
    // Less is left than the cut: every shard gives exactly what it holds, the pool owes the rest.
    for (const shard of shards) move(moves, shard.key, dimension, -shard.amount, shard.amount);
    move(moves, pool, dimension, inShards - cut, inPool);
  }
  return moveItems(moves, mirror);
}

/**
 * The counter items of a campaign, to sum: the pool (or the one counters item) and the shards of its own
 * partition of a campaign created before sharding, and the shard items of one created since.
 */
export async function counterItemsOf(campaign: string | Sharded) {
  const { campaignId, counterShards } =
    typeof campaign === 'string' ? { campaignId: campaign, counterShards: COUNTER_SHARDS } : campaign;
  const [{ Items }, shards] = await Promise.all([
    documents.query({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :counters)',
      ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':counters': 'COUNTERS' },
      ConsistentRead: true,
    }),
    counterShards === undefined ? [] : getItems(shardKeysOf(campaignId, counterShards)),
  ]);
  return [...(Items ?? []), ...shards];
}
