// Pickup codes, the redemptions list and voucher imports against DynamoDB Local: a physical reward is
// collected once however many desks try at once, a collected one cannot be cancelled, the list reads by
// key, and an import reports every refused row.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { createReward, getReward, importVoucherCodes } from '../../lib/rewards/catalogue';
import {
  cancelRedemption,
  listMemberVouchers,
  redeemReward,
  redeemVoucherAtTill,
} from '../../lib/rewards/redemption';
import { listRedemptions } from '../../lib/rewards/redemption-list';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, memberWithPoints, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

const redeem = (customerId: string, rewardId: string, quantity = 1) =>
  redeemReward({ customerId, rewardId, quantity, idempotencyKey: unique('key'), correlationId: 'corr' });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

type Caller = Awaited<ReturnType<typeof staffCaller>>;
async function callHandler(
  name: 'collect-pickup' | 'look-up-pickup',
  staff: Caller,
  code: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { handler } = await import(`../../functions/rewards/${name}.ts`);
  const path = name === 'collect-pickup' ? `/v1/admin/pickups/${code}/collect` : `/v1/admin/pickups/${code}`;
  const response = await handler(
    {
      ...apiEvent({ method: name === 'collect-pickup' ? 'POST' : 'GET', path, authorizer: staff }),
      pathParameters: { code },
    },
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

const physical = (storeId?: string) =>
  createReward({
    name: unique('Tote bag'),
    type: 'physical',
    pointsCost: 100,
    stock: 10,
    voucherValidDays: 14,
    ...(storeId ? { storeId } : {}),
  });

describe('pickup codes', () => {
  let desk: Caller;
  beforeAll(async () => {
    desk = await staffCaller(['support']);
  });

  it('gives a physical redemption one unguessable pickup code, which the member sees and a till refuses', async () => {
    const customerId = await memberWithPoints(300);
    const reward = await physical();
    const { result } = await redeem(customerId, reward.id, 2);
    expect(result.pickup?.code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect(result.vouchers).toBeUndefined();
    expect(await listMemberVouchers(customerId)).toEqual([
      expect.objectContaining({ code: result.pickup!.code, kind: 'pickup', status: 'issued' }),
    ]);
    expect(await codeOf(redeemVoucherAtTill(result.pickup!.code, 'store-it', 'c'))).toBe('NOT_FOUND');
  });

  it('is collected exactly once when two desks collect at the same moment; the other is told 409', async () => {
    const customerId = await memberWithPoints(100);
    const reward = await physical();
    const { result } = await redeem(customerId, reward.id);
    const code = result.pickup!.code;
    // Typed with spaces and lower case as a desk might, then collected twice at once.
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const outcomes = await Promise.all([
      callHandler('collect-pickup', desk, typed),
      callHandler('collect-pickup', desk, code),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual([200, 409]);
    expect(outcomes.find((outcome) => outcome.status === 409)?.body).toMatchObject({
      code: 'PICKUP_ALREADY_COLLECTED',
    });
    const looked = await callHandler('look-up-pickup', desk, code);
    expect(looked.body).toMatchObject({ state: 'collected', quantity: 1, rewardName: reward.name });
    const audit = await searchAuditEntries({
      target: `redemption:${result.redemptionId}`,
      from: new Date(Date.now() - 60_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
      limit: 10,
    });
    expect(audit.items.filter((entry) => entry.action === 'redemption.collect')).toHaveLength(1);
    expect(await listMemberVouchers(customerId)).toEqual([
      expect.objectContaining({ code, kind: 'pickup', status: 'redeemed' }),
    ]);
    // Told once (the refused desk publishes the same event again, under the same id), without the code.
    const collected = eventBridge.published().filter((event) => event.type === 'RedemptionCollected');
    expect(new Set(collected.map((event) => event.metadata.eventId)).size).toBe(1);
    expect(collected[0]!.data).toMatchObject({
      customerId,
      redemptionId: result.redemptionId,
      rewardId: reward.id,
      collectedBy: 'desk',
      quantity: 1,
    });
    expect(JSON.stringify(collected)).not.toContain(code);
  });

  it('refuses to cancel a collected redemption, and to collect a cancelled one', async () => {
    const customerId = await memberWithPoints(200);
    const reward = await physical();
    const collected = (await redeem(customerId, reward.id)).result;
    expect((await callHandler('collect-pickup', desk, collected.pickup!.code)).status).toBe(200);
    expect(await codeOf(cancelRedemption(customerId, collected.redemptionId, 'changed mind', 'corr'))).toBe(
      'REDEMPTION_COLLECTED',
    );
    const cancelled = (await redeem(customerId, reward.id)).result;
    await cancelRedemption(customerId, cancelled.redemptionId, 'changed mind', 'corr');
    expect((await callHandler('collect-pickup', desk, cancelled.pickup!.code)).body).toMatchObject({
      status: 409,
      code: 'PICKUP_CANCELLED',
    });
    expect((await getReward(reward.id))?.stock).toBe(9);
  });

  it("shows the desk the member masked, and reaches only the store's own desk when the reward names one", async () => {
    const customerId = await memberWithPoints(100);
    const reward = await physical('plaza-l1-desk');
    const code = (await redeem(customerId, reward.id)).result.pickup!.code;
    const elsewhere = await staffCaller(['store_manager'], ['another-store']);
    expect((await callHandler('look-up-pickup', elsewhere, code)).status).toBe(403);
    expect((await callHandler('collect-pickup', elsewhere, code)).status).toBe(403);
    const own = await staffCaller(['store_manager'], ['plaza-l1-desk']);
    const looked = await callHandler('look-up-pickup', own, code);
    expect(looked).toMatchObject({ status: 200, body: { state: 'ready', member: { customerId } } });
    expect((await callHandler('collect-pickup', own, code)).status).toBe(200);
  });

  it('answers 404 for a code that is no pickup code', async () => {
    expect((await callHandler('look-up-pickup', desk, 'ABCDEFGHJKMN')).body).toMatchObject({
      code: 'PICKUP_NOT_FOUND',
    });
  });
});

describe('the redemptions list', () => {
  it('lists by reward, by member, by state and by date, newest first, a page at a time', async () => {
    const reward = await physical();
    const [ana, ben] = await Promise.all([memberWithPoints(500), memberWithPoints(500)]);
    const first = (await redeem(ana, reward.id)).result;
    const second = (await redeem(ben, reward.id)).result;
    const third = (await redeem(ana, reward.id)).result;
    await cancelRedemption(ben, second.redemptionId, 'wrong size', 'corr');

    const byReward = await listRedemptions({ rewardId: reward.id }, { limit: 2 });
    expect(byReward.items.map((item) => item.redemptionId)).toEqual([
      third.redemptionId,
      second.redemptionId,
    ]);
    expect(byReward.items[1]).toMatchObject({
      status: 'cancelled',
      rewardName: reward.name,
      customerId: ben,
    });
    const rest = await listRedemptions({ rewardId: reward.id }, { limit: 2, cursor: byReward.nextCursor! });
    expect(rest.items.map((item) => item.redemptionId)).toEqual([first.redemptionId]);

    const cancelled = await listRedemptions({ rewardId: reward.id, status: 'cancelled' }, { limit: 10 });
    expect(cancelled.items.map((item) => item.redemptionId)).toEqual([second.redemptionId]);
    const anas = await listRedemptions({ customerId: ana }, { limit: 10 });
    expect(anas.items.map((item) => item.redemptionId)).toEqual([third.redemptionId, first.redemptionId]);
    expect(anas.items[0]).toMatchObject({
      rewardName: reward.name,
      rewardType: 'physical',
      status: 'issued',
    });

    const all = await listRedemptions({ from: new Date(Date.now() - 60_000).toISOString() }, { limit: 100 });
    expect(all.items.map((item) => item.redemptionId)).toEqual(
      expect.arrayContaining([first.redemptionId, second.redemptionId, third.redemptionId]),
    );
    const none = await listRedemptions(
      { rewardId: reward.id, to: new Date(Date.now() - 3_600_000).toISOString() },
      { limit: 10 },
    );
    expect(none.items).toEqual([]);
  });

  it('refuses a cursor of another list', async () => {
    const reward = await physical();
    const customerId = await memberWithPoints(300);
    await redeem(customerId, reward.id);
    await redeem(customerId, reward.id);
    const page = await listRedemptions({ rewardId: reward.id }, { limit: 1 });
    expect(await codeOf(listRedemptions({}, { limit: 1, cursor: page.nextCursor! }))).toBe('INVALID_CURSOR');
  });
});

describe('voucher imports', () => {
  it('imports the good rows and reports every other with its row and reason', async () => {
    const reward = await createReward({
      name: 'Cinema',
      type: 'voucher',
      pointsCost: 50,
      voucherValidDays: 30,
    });
    const good = [unique('CIN'), unique('CIN')];
    const earlier = unique('CIN');
    await importVoucherCodes(reward.id, [earlier]);
    const outcome = await importVoucherCodes(
      reward.id,
      [good[0]!, '', 'X'.repeat(65), 'AB', 'bad code!', good[0]!, ` ${good[1]!} `, earlier],
      2,
    );
    expect(outcome).toEqual({
      imported: 2,
      skipped: 6,
      errors: [
        { row: 3, code: '', reason: 'blank' },
        { row: 4, code: 'X'.repeat(65), reason: 'too_long' },
        { row: 5, code: 'AB', reason: 'too_short' },
        { row: 6, code: 'bad code!', reason: 'invalid_characters' },
        { row: 7, code: good[0], reason: 'duplicate_in_file' },
        { row: 9, code: earlier, reason: 'already_imported' },
      ],
    });
    expect((await getReward(reward.id))?.stock).toBe(3);
  });

  it('reports a code already handed out as already imported, through the route', async () => {
    const staff = await staffCaller(['marketer']);
    const reward = await createReward({
      name: 'Cinema',
      type: 'voucher',
      pointsCost: 50,
      voucherValidDays: 30,
    });
    const code = unique('CIN');
    await importVoucherCodes(reward.id, [code]);
    const customerId = await memberWithPoints(100);
    await redeem(customerId, reward.id);
    const { handler } = await import('../../functions/rewards/import-voucher-codes');
    const response = await handler(
      {
        ...apiEvent({
          method: 'POST',
          path: `/v1/admin/rewards/${reward.id}/voucher-codes`,
          authorizer: staff,
          body: JSON.stringify({ codes: ['code', code], firstRow: 1 }),
        }),
        pathParameters: { rewardId: reward.id },
      },
      lambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      imported: 1,
      skipped: 1,
      errors: [{ row: 2, code, reason: 'already_imported' }],
    });
  });
});
