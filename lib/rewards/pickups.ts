import * as z from '../zod';
import { assertStoreAccess } from '../auth/store-scope';
import type { StaffPrincipal } from '../auth/principal';
import { maskCustomerForStaff } from '../customers/profile';
import { getCustomerRecord, toCustomer } from '../customers/repository';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { getReward, voucherKey } from './catalogue';
import { withImageUrl } from './images';
import { parseRedemptionRecord, redemptionKey } from './redemption';
import { redemptionListingStatus } from './redemption-list';

const table = () => tableNameFromEnv('main');

/** The voucher item of a pickup code, as the desk reads it. */
const pickupItemSchema = lazySchema(() =>
  z.object({
    code: z.string(),
    kind: z.literal('pickup'),
    rewardId: z.string(),
    rewardName: z.string(),
    customerId: z.string(),
    redemptionId: z.string(),
    quantity: z._default(z.int(), 1),
    storeId: z.optional(z.string()),
    status: z.enum(['issued', 'redeemed', 'cancelled']),
    expiresAt: z.string(),
    collectedAt: z.optional(z.string()),
  }),
);
type PickupItem = z.infer<typeof pickupItemSchema>;

const notFound = () =>
  new Problem(404, 'PICKUP_NOT_FOUND', 'Not found', 'No physical reward waits under this pickup code.');

/** Reads a pickup code; a code of another kind (a till's voucher) is not one, and says nothing of itself. */
async function readPickup(code: string): Promise<PickupItem> {
  const { Item } = await documents.get({ TableName: table(), Key: voucherKey(code), ConsistentRead: true });
  if (!Item || Item.kind !== 'pickup') throw notFound();
  return pickupItemSchema.parse(Item);
}

const stateOf = (pickup: PickupItem, now: Date) =>
  pickup.status === 'redeemed'
    ? ('collected' as const)
    : pickup.status === 'cancelled'
      ? ('cancelled' as const)
      : pickup.expiresAt <= now.toISOString()
        ? ('expired' as const)
        : ('ready' as const);

/** The desk may hand over only what its stores give out, when the reward names a store. */
function assertDeskMayHandOver(staff: StaffPrincipal, pickup: PickupItem) {
  if (pickup.storeId) assertStoreAccess(staff, 'pickups:collect', pickup.storeId);
}

/**
 * What the desk sees of a pickup code before handing the item over: the item, how many, and the member
 * masked (enough to ask for a name, not to learn it), whatever the staff member's other permissions.
 */
export async function lookUpPickup(staff: StaffPrincipal, typedCode: string, now = new Date()) {
  const pickup = await readPickup(typedCode);
  assertDeskMayHandOver(staff, pickup);
  const [reward, customer] = await Promise.all([
    getReward(pickup.rewardId),
    getCustomerRecord(pickup.customerId),
  ]);
  const member = customer ? maskCustomerForStaff(toCustomer(customer)) : undefined;
  const image = reward ? withImageUrl(reward) : undefined;
  return {
    code: pickup.code,
    state: stateOf(pickup, now),
    redemptionId: pickup.redemptionId,
    rewardId: pickup.rewardId,
    rewardName: pickup.rewardName,
    ...(image?.imageUrl ? { imageUrl: image.imageUrl } : {}),
    quantity: pickup.quantity,
    ...(pickup.storeId ? { storeId: pickup.storeId } : {}),
    member: {
      customerId: pickup.customerId,
      ...(member?.name ? { name: member.name } : {}),
      ...(member?.phone ? { phone: member.phone } : {}),
    },
    expiresAt: pickup.expiresAt,
    ...(pickup.collectedAt ? { collectedAt: pickup.collectedAt } : {}),
  };
}

/** The handing over of a pickup, once per redemption: its id is the redemption's, so a resend is harmless. */
const collectedEvent = (pickup: PickupItem, collectedAt: string): DomainEvent => ({
  name: 'RedemptionCollected',
  eventId: eventIdOf('RedemptionCollected', pickup.redemptionId),
  data: {
    customerId: pickup.customerId,
    redemptionId: pickup.redemptionId,
    rewardId: pickup.rewardId,
    collectedBy: 'desk',
    ...(pickup.storeId ? { storeId: pickup.storeId } : {}),
    quantity: pickup.quantity,
    collectedAt,
  },
});

/**
 * Marks a physical reward collected, once: the pickup code moves from issued to redeemed under a
 * condition, with its redemption and the redemption's listing, in one transaction. Of two desks
 * collecting at once exactly one succeeds; the other is told it was collected already.
 */
export async function collectPickup(
  staff: StaffPrincipal,
  typedCode: string,
  correlationId: string,
  now = new Date(),
) {
  const pickup = await readPickup(typedCode);
  assertDeskMayHandOver(staff, pickup);
  const { Item } = await documents.get({
    TableName: table(),
    Key: redemptionKey(pickup.customerId, pickup.redemptionId),
    ConsistentRead: true,
  });
  const record = parseRedemptionRecord(Item);
  try {
    await documents.transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: table(),
            Key: voucherKey(pickup.code),
            UpdateExpression:
              'SET #status = :redeemed, collectedAt = :now, collectedBy = :staff REMOVE gsi1pk, gsi1sk',
            ConditionExpression: '#status = :issued AND expiresAt > :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':redeemed': 'redeemed',
              ':issued': 'issued',
              ':now': now.toISOString(),
              ':staff': staff.staffId,
            },
          },
        },
        {
          Update: {
            TableName: table(),
            Key: redemptionKey(pickup.customerId, pickup.redemptionId),
            UpdateExpression: 'SET #status = :collected, collectedAt = :now',
            ConditionExpression: '#status = :issued',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':collected': 'collected',
              ':issued': 'issued',
              ':now': now.toISOString(),
            },
          },
        },
        ...(record.listed ? redemptionListingStatus(record, 'collected') : []),
      ],
    });
  } catch (error) {
    if (!conditionFailedReasons(error)) throw error;
    const after = await readPickup(pickup.code);
    const state = stateOf(after, now);
    if (state === 'collected') {
      // Collected by an earlier request, which may have stopped before its event went out.
      if (after.collectedAt) await publishEvents([collectedEvent(after, after.collectedAt)], correlationId);
      throw new Problem(
        409,
        'PICKUP_ALREADY_COLLECTED',
        'Conflict',
        'This item was collected already; hand nothing over.',
      );
    }
    if (state === 'cancelled')
      throw new Problem(409, 'PICKUP_CANCELLED', 'Conflict', 'The redemption of this item was cancelled.');
    if (state === 'expired')
      throw new Problem(409, 'PICKUP_EXPIRED', 'Conflict', 'This pickup code expired uncollected.');
    throw error;
  }
  await publishEvents([collectedEvent(pickup, now.toISOString())], correlationId);
  return {
    code: pickup.code,
    state: 'collected' as const,
    redemptionId: pickup.redemptionId,
    rewardId: pickup.rewardId,
    rewardName: pickup.rewardName,
    quantity: pickup.quantity,
    customerId: pickup.customerId,
    collectedAt: now.toISOString(),
  };
}
