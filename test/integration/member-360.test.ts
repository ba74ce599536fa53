// What the service desk reads about one member, against DynamoDB Local: the member behind a scanned
// member code (only while it is current), their redemptions with masked codes page by page, and the
// campaigns they take part in; each read is on record in the audit trail.
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as lookUpMemberCode } from '../../functions/customers/look-up-member-code';
import { handler as listMemberRedemptions } from '../../functions/rewards/list-member-redemptions';
import { handler as listMemberParticipation } from '../../functions/campaigns/list-member-participation';
import { awardCampaign } from '../../lib/campaigns/awards';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { changeCampaignStatus, createCampaign, getCampaign } from '../../lib/campaigns/store';
import { issueMemberCode } from '../../lib/customers/member-code';
import { findOrRegisterCustomer, updateProfile } from '../../lib/customers/repository';
import { recordCustomerAction, searchAuditEntries } from '../../lib/audit';
import { handler as listPrivacyRequests } from '../../functions/customers/list-privacy-requests';
import { createReward } from '../../lib/rewards/catalogue';
import { cancelRedemption, redeemReward } from '../../lib/rewards/redemption';
import { programmeDayStart } from '../support/calendar';
import { apiEvent, lambdaContext } from '../support/lambda';
import { acceptingEventBridge, memberWithPoints, unique } from '../support/members';
import { staffCaller } from '../support/staff';

const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

type Roles = Parameters<typeof staffCaller>[0];
const staffGet = async (
  handler: typeof lookUpMemberCode,
  roles: Roles,
  path: string,
  pathParameters: Record<string, string>,
  query?: Record<string, string>,
) => {
  const response = await handler(
    {
      ...apiEvent({ method: 'GET', path, query, authorizer: await staffCaller(roles) }),
      pathParameters,
    },
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(response.body || '{}') as Record<string, unknown> };
};

const auditActions = async (customerId: string) =>
  (
    await searchAuditEntries({
      target: `customer:${customerId}`,
      from: '2020-01-01T00:00:00.000Z',
      to: new Date(Date.now() + 60_000).toISOString(),
      limit: 50,
    })
  ).items.map((entry) => entry.action);

describe('GET /v1/admin/member-codes/{code}', () => {
  it('finds the member of a current code, masked without customers:pii, and audits the read', async () => {
    const { record } = await findOrRegisterCustomer({ openid: unique('openid-code') });
    await updateProfile(record.customerId, { name: '赵敏' });
    const { code } = await issueMemberCode(record.customerId);

    const support = await staffGet(lookUpMemberCode, ['support'], `/v1/admin/member-codes/${code}`, { code });
    expect(support).toMatchObject({
      status: 200,
      body: { customer: { id: record.customerId, name: '赵敏' } },
    });
    const marketer = await staffGet(lookUpMemberCode, ['marketer'], `/v1/admin/member-codes/${code}`, {
      code,
    });
    expect(marketer).toMatchObject({
      status: 200,
      body: { customer: { id: record.customerId, name: '赵*' } },
    });
    expect(await auditActions(record.customerId)).toEqual([
      'customers.member-code-lookup',
      'customers.member-code-lookup',
    ]);
  });

  it('answers 404 MEMBER_CODE_UNKNOWN for an expired or unknown code, and 400 for malformed digits', async () => {
    const { record } = await findOrRegisterCustomer({ openid: unique('openid-code') });
    const { code } = await issueMemberCode(record.customerId, new Date(Date.now() - 61_000));
    const expired = await staffGet(lookUpMemberCode, ['support'], `/v1/admin/member-codes/${code}`, { code });
    expect(expired).toMatchObject({ status: 404, body: { code: 'MEMBER_CODE_UNKNOWN' } });
    const unknown = await staffGet(lookUpMemberCode, ['support'], '/v1/admin/member-codes/000000000001', {
      code: '000000000001',
    });
    expect(unknown.status).toBe(404);
    const malformed = await staffGet(lookUpMemberCode, ['support'], '/v1/admin/member-codes/12ab', {
      code: '12ab',
    });
    expect(malformed.status).toBe(400);
    expect(await auditActions(record.customerId)).toEqual([]);
  });
});

describe('GET /v1/admin/customers/{customerId}/vouchers', () => {
  it("lists a member's redemptions newest first, page by page, with codes masked and their state now", async () => {
    const customerId = await memberWithPoints(2000);
    const reward = await createReward({
      name: unique('Parking'),
      type: 'coupon',
      pointsCost: 100,
      stock: 10,
      voucherValidDays: 14,
    });
    const redeemed = [];
    for (let i = 0; i < 3; i++)
      redeemed.push(
        await redeemReward({
          customerId,
          rewardId: reward.id,
          quantity: 1,
          idempotencyKey: unique('key'),
          correlationId: 'c',
        }),
      );
    await cancelRedemption(customerId, redeemed[0]!.result.redemptionId, 'wrong reward', 'c');

    const path = `/v1/admin/customers/${customerId}/vouchers`;
    const first = await staffGet(listMemberRedemptions, ['support'], path, { customerId }, { limit: '2' });
    expect(first.status).toBe(200);
    const second = await staffGet(
      listMemberRedemptions,
      ['support'],
      path,
      { customerId },
      { limit: '2', cursor: String(first.body.nextCursor) },
    );
    const items = [...(first.body.items as object[]), ...(second.body.items as object[])];
    expect(second.body.nextCursor).toBeNull();
    const code = redeemed[2]!.result.voucher!.code;
    expect(items[0]).toMatchObject({
      redemptionId: redeemed[2]!.result.redemptionId,
      rewardName: reward.name,
      pointsSpent: 100,
      status: 'issued',
      vouchers: [{ maskedCode: `${'*'.repeat(code.length - 4)}${code.slice(-4)}`, status: 'issued' }],
    });
    expect(items[2]).toMatchObject({ status: 'cancelled', vouchers: [{ status: 'cancelled' }] });
    expect(JSON.stringify(items)).not.toContain(code);
    expect(await auditActions(customerId)).toContain('rewards.vouchers.read');
  });
});

describe('GET /v1/admin/customers/{customerId}/campaigns', () => {
  it('lists the campaigns the member takes part in, with the bonus so far, and none they do not', async () => {
    const customerId = await memberWithPoints();
    const campaigns = [];
    for (let i = 0; i < 2; i++) {
      const created = await createCampaign(
        campaignDefinitionSchema.parse({
          name: unique('campaign'),
          trigger: { kind: 'purchase' },
          effects: { bonusPoints: { kind: 'fixed', points: 100 } },
          startsAt: '2026-01-01T00:00:00Z',
          endsAt: programmeDayStart(365).toISOString(),
          conditions: { stores: [unique('store')] },
        }),
      );
      await changeCampaignStatus(created.campaignId, 'activate');
      campaigns.push((await getCampaign(created.campaignId))!);
    }
    await awardCampaign({
      campaign: campaigns[0]!,
      customerId,
      trigger: 'purchase:s:t1',
      bonusPoints: 100,
      at: '2026-11-15T04:00:00.000Z',
      correlationId: 'c',
    });
    const result = await staffGet(
      listMemberParticipation,
      ['marketer'],
      `/v1/admin/customers/${customerId}/campaigns`,
      { customerId },
    );
    expect(result).toMatchObject({
      status: 200,
      body: {
        items: [
          {
            campaignId: campaigns[0]!.campaignId,
            name: campaigns[0]!.definition.name,
            status: 'active',
            pointsAwarded: 100,
          },
        ],
      },
    });
    expect(await auditActions(customerId)).toContain('campaigns.participation.read');
  });
});

describe('GET /v1/admin/privacy-requests?customerId=', () => {
  it("lists one member's requests, however long ago, and no one else's", async () => {
    const [member, other] = [unique('c'), unique('c')];
    // Far beyond the 30 days a list without a member shows.
    const longAgo = new Date(Date.now() - 200 * 86_400_000);
    await recordCustomerAction(
      { customerId: member, action: 'privacy.export', correlationId: 'corr-1' },
      longAgo,
    );
    await recordCustomerAction({ customerId: member, action: 'privacy.erase', correlationId: 'corr-2' });
    await recordCustomerAction({ customerId: other, action: 'privacy.export', correlationId: 'corr-3' });
    const result = await staffGet(
      listPrivacyRequests,
      ['support'],
      '/v1/admin/privacy-requests',
      {},
      { customerId: member },
    );
    expect(result.status).toBe(200);
    expect(result.body.items).toEqual([
      expect.objectContaining({ customerId: member, kind: 'erasure', correlationId: 'corr-2' }),
      expect.objectContaining({ customerId: member, kind: 'export', at: longAgo.toISOString() }),
    ]);
  });
});
