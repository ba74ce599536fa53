// A scheduled blast to 5,000 members in the local cloud: fanned out through SQS, each consenting member
// in the segment messaged exactly once, even when a page of the audience is delivered again.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import { tables } from '../../lib/db/tables';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName } from '../../lib/local/dynamodb';
import { programmeDayStart } from '../support/calendar';
import { call, cloudUrl, uniqueCode } from '../support/http';

const MEMBERS = 5_000;
/** Only this test's members hold exactly this balance: the segment picks them and nobody else. */
const MARKER_BALANCE = 777_777;

async function seedMembers(run: string) {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('cloudDynamoEndpoint'),
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  );
  const TableName = localTableName(tables.main);
  const items = Array.from({ length: MEMBERS }, (_, i) => {
    const customerId = `${run}-${i}`;
    const consent = i % 10 !== 0; // one in ten never agreed to marketing
    return [
      {
        pk: `CUSTOMER#${customerId}`,
        sk: 'PROFILE',
        customerId,
        openid: `openid-${customerId}`,
        createdAt: '2026-01-01T00:00:00.000Z',
        registration: { eventId: `evt-${customerId}`, published: true },
        ...(consent
          ? {
              marketingConsent: { granted: true, version: '2026-01', recordedAt: '2026-01-01T00:00:00.000Z' },
            }
          : {}),
      },
      {
        pk: `CUSTOMER#${customerId}`,
        sk: 'LOYALTY#ACCOUNT',
        customerId,
        balance: MARKER_BALANCE,
        pending: 0,
        lifetimeEarned: MARKER_BALANCE,
        qualifyingPoints: 0,
        qualifyingByMonth: {},
        purchaseCount: 0,
        tier: 'bronze',
        openedAt: '2026-01-01T00:00:00.000Z',
        version: 0,
      },
    ];
  }).flat();
  for (let i = 0; i < items.length; i += 25)
    await documents.send(
      new BatchWriteCommand({
        RequestItems: { [TableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  return Array.from({ length: MEMBERS }, (_, i) => `${run}-${i}`);
}

describe('campaign blast', () => {
  it('reaches 5,000 members once each, consenting ones only, through SQS', { timeout: 240_000 }, async () => {
    const run = uniqueCode('blast');
    await seedMembers(run);
    const token = (
      await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
        body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
      })
    ).body.accessToken;
    const at = new Date(Date.now() - 60_000).toISOString();
    const created = await call<{ campaignId: string }>('POST', '/v1/admin/campaigns', {
      token,
      body: {
        name: 'Weekend sale preview',
        trigger: { kind: 'blast', at, segment: { minBalance: MARKER_BALANCE, maxBalance: MARKER_BALANCE } },
        effects: { message: { title: 'Preview: 11.11 starts', body: 'Members shop first.' } },
        startsAt: programmeDayStart(-30).toISOString(),
        endsAt: programmeDayStart(365).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const campaignId = created.body.campaignId;
    await call('POST', `/v1/admin/campaigns/${campaignId}/status`, { token, body: { action: 'activate' } });

    const fanOut = () => call('POST', `/_local/schedules/startDueBlasts/run?at=${new Date().toISOString()}`);
    expect((await fanOut()).status).toBe(200);
    expect((await fanOut()).status).toBe(200); // a second tick finds the blast fanned out already

    const messagedIds = async () => {
      const { items } = (
        await call<{ items: { touser: string; template_id: string }[] }>('GET', '/_local/wechat/messages')
      ).body;
      return items
        .filter(
          (message) =>
            message.touser.startsWith(`openid-${run}-`) && message.template_id === 'local-campaign-template',
        )
        .map((message) => message.touser);
    };
    const consenting = MEMBERS - MEMBERS / 10;
    await vi.waitFor(async () => expect((await messagedIds()).length).toBeGreaterThanOrEqual(consenting), {
      timeout: 200_000,
      interval: 1000,
    });

    // A page delivered again (as SQS may) reaches nobody a second time.
    const sqs = new SQSClient({ endpoint: cloudUrl(), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: `${cloudUrl()}/000000000000/sbm-crm-local-CampaignBlast`,
        MessageBody: JSON.stringify({
          campaignId,
          version: 1,
          customerIds: Array.from({ length: 100 }, (_, i) => `${run}-${i}`),
        }),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const ids = await messagedIds();
    expect(ids).toHaveLength(consenting);
    expect(new Set(ids).size).toBe(consenting);
    expect(ids).not.toContain(`openid-${run}-0`);
    const results = await call<{ results: { participants: number } }>(
      'GET',
      `/v1/admin/campaigns/${campaignId}`,
      {
        token,
      },
    );
    expect(results.body.results.participants).toBe(consenting);
  });
});
