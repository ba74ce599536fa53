// The staff campaign routes the console adds, against DynamoDB Local: only a draft can be deleted (and the
// deletion is audited), a small edit (PATCH) changes what it names and never undoes a pause made while it
// was under way, and versions, participants and awards are listed page by page.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchAuditEntries } from '../../lib/audit';
import { campaignDefinitionSchema } from '../../lib/campaigns/model';
import { changeCampaignStatus, createCampaign, getCampaign } from '../../lib/campaigns/store';
import { documents } from '../../lib/db/client';
import { programmeDayStart } from '../support/calendar';
import { apiEvent, lambdaContext } from '../support/lambda';
import { staffCaller } from '../support/staff';
import { unique } from '../support/members';

afterEach(() => vi.restoreAllMocks());

let staff: Record<string, string>;
beforeAll(async () => {
  staff = await staffCaller(['marketer']);
});

async function newCampaign(status?: 'activate' | 'schedule' | 'end') {
  const created = await createCampaign(
    campaignDefinitionSchema.parse({
      name: unique('console'),
      trigger: { kind: 'purchase' },
      effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
      limits: { perCustomer: { count: 1, per: 'day' } },
      startsAt: programmeDayStart(1).toISOString(),
      endsAt: programmeDayStart(30).toISOString(),
    }),
  );
  if (status) await changeCampaignStatus(created.campaignId, status);
  return (await getCampaign(created.campaignId))!;
}

async function call(
  module: string,
  method: string,
  campaignId: string,
  body?: unknown,
  query?: Record<string, string>,
) {
  const { handler } = (await import(`../../functions/campaigns/${module}.ts`)) as {
    handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
  };
  const response = await handler(
    {
      ...apiEvent({
        method,
        path: `/v1/admin/campaigns/${campaignId}`,
        authorizer: staff,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      pathParameters: { campaignId },
      queryStringParameters: query ?? null,
    },
    lambdaContext(),
  );
  return {
    status: response.statusCode,
    body: (response.body ? JSON.parse(response.body) : undefined) as Record<string, unknown>,
  };
}

const auditOf = async (campaignId: string) =>
  (
    await searchAuditEntries({
      target: `campaign:${campaignId}`,
      from: '2000-01-01T00:00:00Z',
      to: '2999-01-01T00:00:00Z',
      limit: 10,
    })
  ).items.map((entry) => entry.action);

describe('DELETE /v1/admin/campaigns/{campaignId}', () => {
  it('deletes a draft with its counters and version, and audits it', async () => {
    const draft = await newCampaign();
    const response = await call('delete-campaign', 'DELETE', draft.campaignId);
    expect(response.status).toBe(204);
    expect(await getCampaign(draft.campaignId)).toBeUndefined();
    const { Items } = await documents.query({
      TableName: process.env.MAIN_TABLE_NAME!,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CAMPAIGN#${draft.campaignId}` },
      ConsistentRead: true,
    });
    expect(Items).toEqual([]);
    expect(await auditOf(draft.campaignId)).toEqual(['campaign.delete']);
  });

  it.each(['schedule', 'activate', 'end'] as const)(
    'refuses a campaign past draft (%s) with 409 CAMPAIGN_NOT_DRAFT, changing nothing',
    async (action) => {
      const campaign = await newCampaign(action);
      const response = await call('delete-campaign', 'DELETE', campaign.campaignId);
      expect(response).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_NOT_DRAFT' } });
      expect(await getCampaign(campaign.campaignId)).toEqual(campaign);
      expect(await auditOf(campaign.campaignId)).toEqual([]);
    },
  );

  it('refuses a draft activated between the read and the delete', async () => {
    const draft = await newCampaign();
    const transactWrite = documents.transactWrite.bind(documents);
    let activated = false;
    vi.spyOn(documents, 'transactWrite').mockImplementation(async (input) => {
      if (!activated) {
        activated = true;
        await changeCampaignStatus(draft.campaignId, 'activate');
      }
      return transactWrite(input);
    });
    const response = await call('delete-campaign', 'DELETE', draft.campaignId);
    expect(response).toMatchObject({ status: 409, body: { code: 'CAMPAIGN_NOT_DRAFT' } });
    expect(await getCampaign(draft.campaignId)).toMatchObject({ status: 'active' });
  });

  it('answers 404 for no such campaign', async () => {
    expect((await call('delete-campaign', 'DELETE', 'NO-SUCH-CAMPAIGN')).status).toBe(404);
  });
});

describe('PATCH /v1/admin/campaigns/{campaignId}', () => {
  it('changes the end and one limit alone; the rest of the terms stay', async () => {
    const before = await newCampaign();
    const endsAt = programmeDayStart(40).toISOString();
    const response = await call('patch-campaign', 'PATCH', before.campaignId, {
      version: before.version,
      endsAt,
      limits: { pointsBudget: 50_000 },
    });
    expect(response.status).toBe(200);
    expect(await getCampaign(before.campaignId)).toMatchObject({
      version: before.version,
      definition: {
        ...before.definition,
        endsAt,
        limits: { perCustomer: { count: 1, per: 'day' }, pointsBudget: 50_000 },
      },
    });
    expect(await auditOf(before.campaignId)).toEqual(['campaign.update']);
  });

  it('keeps a pause made between the read and the write, and makes the edit on top of it', async () => {
    const before = await newCampaign('activate');
    const transactWrite = documents.transactWrite.bind(documents);
    let paused = false;
    vi.spyOn(documents, 'transactWrite').mockImplementation(async (input) => {
      // Staff pause the campaign just as the edit, having read it active, writes.
      if (!paused) {
        paused = true;
        await changeCampaignStatus(before.campaignId, 'pause');
      }
      return transactWrite(input);
    });
    const response = await call('patch-campaign', 'PATCH', before.campaignId, {
      version: before.version,
      limits: { perCustomer: { count: 3, per: 'week' } },
    });
    expect(response.status).toBe(200);
    expect(await getCampaign(before.campaignId)).toMatchObject({
      status: 'paused',
      version: before.version + 1,
      definition: { ...before.definition, limits: { perCustomer: { count: 3, per: 'week' } } },
    });
  });

  it('refuses an edit made on a version another edit replaced, with 409 VERSION_CONFLICT', async () => {
    const before = await newCampaign('activate');
    expect(
      (
        await call('patch-campaign', 'PATCH', before.campaignId, {
          version: before.version,
          endsAt: programmeDayStart(35).toISOString(),
        })
      ).status,
    ).toBe(200);
    const stale = await call('patch-campaign', 'PATCH', before.campaignId, {
      version: before.version,
      limits: { perCustomer: null },
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'VERSION_CONFLICT' } });
  });

  it('names the field when the edited campaign no longer holds together, changing nothing', async () => {
    const before = await newCampaign();
    const response = await call('patch-campaign', 'PATCH', before.campaignId, {
      version: before.version,
      endsAt: before.definition.startsAt,
    });
    expect(response).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'body.endsAt' })] },
    });
    expect(await getCampaign(before.campaignId)).toEqual(before);
  });

  it('refuses a budget added once the campaign started (LIMITS_FIXED)', async () => {
    const before = await newCampaign('activate');
    const response = await call('patch-campaign', 'PATCH', before.campaignId, {
      version: before.version,
      limits: { pointsBudget: 1000 },
    });
    expect(response).toMatchObject({ status: 409, body: { code: 'LIMITS_FIXED' } });
  });
});

describe('the versions of a campaign', () => {
  it('lists each version made by a live edit, newest first, page by page', async () => {
    const campaign = await newCampaign('activate');
    for (const [i, endDay] of [31, 32].entries())
      expect(
        (
          await call('patch-campaign', 'PATCH', campaign.campaignId, {
            version: campaign.version + i,
            endsAt: programmeDayStart(endDay).toISOString(),
          })
        ).status,
      ).toBe(200);
    const first = await call('list-campaign-versions', 'GET', campaign.campaignId, undefined, { limit: '2' });
    expect(first.status).toBe(200);
    const items = first.body.items as { version: number; definition: { endsAt: string } }[];
    expect(items.map((item) => item.version)).toEqual([3, 2]);
    expect(items[0]!.definition.endsAt).toBe(programmeDayStart(32).toISOString());
    const second = await call('list-campaign-versions', 'GET', campaign.campaignId, undefined, {
      limit: '2',
      cursor: first.body.nextCursor as string,
    });
    expect((second.body.items as { version: number }[]).map((item) => item.version)).toEqual([1]);
    expect(second.body.nextCursor).toBeNull();
  });
});
