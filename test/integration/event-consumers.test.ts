// Event consumers against DynamoDB Local: parsed with the catalogue, applied once per eventId.
import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listInbox } from '../../lib/notifications/inbox';
import { lambdaContext } from '../support/lambda';
import { seedProfile } from '../support/members';

process.env.WECHAT_API_BASE = 'https://wechat.test/';
process.env.WECHAT_APPID = 'wx-test';
process.env.WECHAT_APP_SECRET_JSON = JSON.stringify({ appSecret: 's' });
process.env.WECHAT_TEMPLATE_WELCOME = 'tpl-welcome';

const registeredEvent = (
  customerId: string,
  eventId = `evt-${customerId}`,
): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: `eb-${Math.random()}`,
  'detail-type': 'CustomerRegistered',
  source: 'sbm.crm.customers',
  account: '000000000000',
  time: '2026-11-11T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    metadata: { eventId, schemaVersion: 1, correlationId: 'corr', occurredAt: '2026-11-11T00:00:00.000Z' },
    data: { customerId, channel: 'wechat-mini-program', registeredAt: '2026-11-11T00:00:00.000Z' },
  },
});

afterEach(() => vi.unstubAllGlobals());

/** A WeChat stand-in that issues tokens and counts subscribe messages. */
function stubWeChat() {
  const sent: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      if (url.pathname.endsWith('stable_token'))
        return Response.json({ access_token: 'tok', expires_in: 7200 });
      sent.push(JSON.parse(String(init.body)));
      return Response.json({ errcode: 0, errmsg: 'ok' });
    }),
  );
  return sent;
}

describe('welcomeNewMember consumer', () => {
  it('writes one inbox entry and sends one WeChat message however often the event arrives', async () => {
    const { handler } = await import('../../functions/notifications/welcome-new-member');
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    await seedProfile(customerId);
    const sent = stubWeChat();
    const event = registeredEvent(customerId);
    await handler(event, lambdaContext());
    await handler({ ...event, id: 'redelivered' }, lambdaContext());
    const inbox = await listInbox(customerId, { limit: 10 });
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'welcome' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: `openid-${customerId}`, template_id: 'tpl-welcome' });
  });

  it('refuses a poison event that does not match the catalogue', async () => {
    const { handler } = await import('../../functions/notifications/welcome-new-member');
    const event = registeredEvent('x');
    (event.detail as { data: unknown }).data = { customerId: 42 };
    await expect(handler(event, lambdaContext())).rejects.toThrow(/does not match the catalogue/);
  });
});

describe('openPointsAccount consumer', () => {
  it('opens the account for the event and ignores its replay', async () => {
    const { handler } = await import('../../functions/loyalty/open-points-account');
    const { getPointsAccount } = await import('../../lib/loyalty/accounts');
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    await handler(registeredEvent(customerId), lambdaContext());
    await handler(registeredEvent(customerId), lambdaContext());
    expect(await getPointsAccount(customerId)).toMatchObject({ balance: 0, tier: { code: 'bronze' } });
  });
});

describe('two consumers of one event', () => {
  it('each apply the same event once', async () => {
    const welcome = (await import('../../functions/notifications/welcome-new-member')).handler;
    const open = (await import('../../functions/loyalty/open-points-account')).handler;
    const { getPointsAccount } = await import('../../lib/loyalty/accounts');
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    await seedProfile(customerId);
    stubWeChat();
    const event = registeredEvent(customerId);
    await welcome(event, lambdaContext());
    await open(event, lambdaContext());
    expect(await getPointsAccount(customerId)).toBeDefined();
    expect((await listInbox(customerId, { limit: 10 })).items).toHaveLength(1);
  });
});

describe('inbox pagination', () => {
  it("pages newest first and refuses a cursor into another member's inbox", async () => {
    const { putInboxMessage } = await import('../../lib/notifications/inbox');
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    for (let i = 0; i < 5; i++) {
      await putInboxMessage(customerId, {
        id: `m${i}`,
        kind: 'k',
        title: `t${i}`,
        body: 'b',
        createdAt: new Date(Date.UTC(2026, 10, 11, 0, i)).toISOString(),
      });
    }
    const first = await listInbox(customerId, { limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual(['m4', 'm3', 'm2']);
    const second = await listInbox(customerId, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual(['m1', 'm0']);
    await expect(listInbox('someone-else', { limit: 3, cursor: first.nextCursor! })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});

describe('eventHandler', () => {
  it('runs a consumer once per eventId and keeps consumers of the same event apart', async () => {
    const { eventHandler } = await import('../../lib/events/consumer');
    let first = 0;
    let second = 0;
    const consumerA = eventHandler(
      { event: 'CustomerRegistered', consumer: 'test.a' },
      async () => void first++,
    );
    const consumerB = eventHandler(
      { event: 'CustomerRegistered', consumer: 'test.b' },
      async () => void second++,
    );
    const event = registeredEvent(`c-${Math.random().toString(36).slice(2)}`);
    await consumerA(event, lambdaContext());
    await consumerA({ ...event, id: 'redelivery' }, lambdaContext());
    await consumerB(event, lambdaContext());
    expect([first, second]).toEqual([1, 1]);
  });

  it('runs a consumer again after it failed, so a retry can succeed', async () => {
    const { eventHandler } = await import('../../lib/events/consumer');
    let attempts = 0;
    const flaky = eventHandler({ event: 'CustomerRegistered', consumer: 'test.flaky' }, async () => {
      attempts++;
      if (attempts === 1) throw new Error('transient');
    });
    const event = registeredEvent(`c-${Math.random().toString(36).slice(2)}`);
    await expect(flaky(event, lambdaContext())).rejects.toThrow('transient');
    await flaky(event, lambdaContext());
    await flaky(event, lambdaContext());
    expect(attempts).toBe(2);
  });
});

describe('eventHandler appliesTo', () => {
  it('passes over an event that can have no effect without an idempotency record, and applies it once when it can', async () => {
    const { eventHandler } = await import('../../lib/events/consumer');
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    let relevant = false;
    let applied = 0;
    const name = `test.relevant.${Math.random().toString(36).slice(2)}`;
    const consumer = eventHandler(
      { event: 'CustomerRegistered', consumer: name, appliesTo: () => relevant },
      async () => void applied++,
    );
    const event = registeredEvent(`c-${Math.random().toString(36).slice(2)}`);
    // The consumer's idempotency records (their ids start with its key prefix).
    const records = async () =>
      (
        await documents.scan({
          TableName: tableNameFromEnv('idempotency'),
          FilterExpression: 'begins_with(id, :prefix)',
          ExpressionAttributeValues: { ':prefix': `consumer.${name}` },
        })
      ).Items ?? [];
    expect(await consumer(event, lambdaContext())).toMatchObject({ applied: false });
    expect(applied).toBe(0);
    expect(await records()).toHaveLength(0);
    relevant = true;
    expect(await consumer(event, lambdaContext())).toMatchObject({ applied: true });
    await consumer({ ...event, id: 'redelivery' }, lambdaContext());
    expect(applied).toBe(1);
    expect(await records()).toHaveLength(1);
  });
});

describe('consumers whose effect is keyed by the fact', () => {
  const tierChanged = (customerId: string, eventId: string): EventBridgeEvent<string, unknown> => ({
    ...registeredEvent(customerId, eventId),
    'detail-type': 'TierChanged',
    source: 'sbm.crm.loyalty',
    detail: {
      metadata: { eventId, schemaVersion: 1, correlationId: 'corr', occurredAt: '2026-11-11T00:00:00.000Z' },
      data: {
        customerId,
        from: 'bronze',
        to: 'silver',
        qualifyingPoints: 1010,
        changedAt: '2026-11-11T00:00:00.000Z',
      },
    },
  });

  it('congratulate once on twin and repeated deliveries, and keep no idempotency record', async () => {
    const { handler } = await import('../../functions/notifications/congratulate-on-tier');
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    process.env.WECHAT_TEMPLATE_MILESTONE = 'tpl-milestone';
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    await seedProfile(customerId);
    const sent = stubWeChat();
    const event = tierChanged(customerId, `evt-tier-${customerId}`);
    await Promise.all([handler(event, lambdaContext()), handler({ ...event, id: 'twin' }, lambdaContext())]);
    await handler({ ...event, id: 'redelivered' }, lambdaContext());
    expect(sent).toHaveLength(1);
    expect((await listInbox(customerId, { limit: 10 })).items).toHaveLength(1);
    const records = await documents.scan({
      TableName: tableNameFromEnv('idempotency'),
      FilterExpression: 'begins_with(id, :prefix)',
      ExpressionAttributeValues: { ':prefix': 'consumer.notifications.congratulateOnTier' },
    });
    expect(records.Items ?? []).toHaveLength(0);
  });

  it('sends once a message an earlier version left pending, claimed by exactly one delivery', async () => {
    const { notifyMember } = await import('../../lib/notifications/notify');
    const { documents } = await import('../../lib/db/client');
    const { tableNameFromEnv } = await import('../../lib/db/tables');
    const customerId = `c-${Math.random().toString(36).slice(2)}`;
    await seedProfile(customerId);
    const sent = stubWeChat();
    const notice = { id: 'n-1', kind: 'k', title: 't', body: 'b', templateId: 'tpl', detail: 'd' };
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: {
        pk: `CUSTOMER#${customerId}`,
        sk: 'INBOX#n-1',
        id: 'n-1',
        kind: 'k',
        title: 't',
        body: 'b',
        createdAt: '2026-11-11T00:00:00.000Z',
        wechat: 'pending',
      },
    });
    const outcomes = await Promise.all([notifyMember(customerId, notice), notifyMember(customerId, notice)]);
    // The delivery that lost the claim reports the send in progress, or done if it read after the winner.
    expect(outcomes).toContain('sent');
    expect(outcomes.every((outcome) => outcome === 'sent' || outcome === 'pending')).toBe(true);
    expect(sent).toHaveLength(1);
    expect(await notifyMember(customerId, notice)).toBe('sent');
  });
});

describe('marketing consent', () => {
  it('sends marketing only while consent stands: a withdrawal stops the next message at once', async () => {
    const { notifyMember } = await import('../../lib/notifications/notify');
    const { updateProfile } = await import('../../lib/customers/repository');
    const sent = stubWeChat();
    const customerId = `consent-${Math.random().toString(36).slice(2, 10)}`;
    await seedProfile(customerId);
    const offer = (id: string) => ({
      id,
      kind: 'campaign',
      title: 'Double points this weekend',
      body: 'At every store, Saturday and Sunday.',
      templateId: 'tpl-offer',
      detail: 'Double points',
      purpose: 'marketing' as const,
    });
    // Never asked: nothing is sent or kept.
    expect(await notifyMember(customerId, offer('offer-1'))).toBe('no-consent');
    await updateProfile(customerId, { marketingConsent: true });
    expect(await notifyMember(customerId, offer('offer-2'))).toBe('sent');
    await updateProfile(customerId, { marketingConsent: false });
    expect(await notifyMember(customerId, offer('offer-3'))).toBe('no-consent');
    expect(sent).toHaveLength(1);
    const inbox = await listInbox(customerId, { limit: 10 });
    expect(inbox.items.map((item) => item.title)).toEqual(['Double points this weekend']);
  });
});
