// The audience count against DynamoDB Local: a walk through the members a bounded page at a time that,
// added up, reaches exactly the members a blast to the segment would reach (consent and segment both).
import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIENCE_PAGE_ITEMS, countAudiencePage } from '../../lib/campaigns/listing';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { creditPurchase } from '../../lib/loyalty/ledger';
import { openPointsAccount } from '../../lib/loyalty/accounts';
import { acceptingEventBridge, unique } from '../support/members';

// A purchase's credit publishes its events; they are not this test's business.
const eventBridge = acceptingEventBridge();
beforeEach(() => eventBridge.reset());

async function member(options: { consent: boolean; boughtAt?: string }) {
  const customerId = unique('aud');
  await openPointsAccount(customerId);
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: {
      pk: `CUSTOMER#${customerId}`,
      sk: 'PROFILE',
      customerId,
      openid: `openid-${customerId}`,
      createdAt: '2026-11-11T00:00:00.000Z',
      marketingConsent: {
        granted: options.consent,
        version: '2026-11',
        recordedAt: '2026-11-11T00:00:00.000Z',
      },
    },
  });
  if (options.boughtAt)
    await creditPurchase({
      kind: 'purchase',
      transaction: {
        transactionId: unique('T'),
        storeId: options.boughtAt,
        occurredAt: new Date().toISOString(),
        customer: { customerId },
        amount: 10_000,
        currency: 'CNY',
        items: [],
      },
      receivedAt: new Date().toISOString(),
      keyId: 'key-it',
      correlationId: unique('corr'),
    });
  return customerId;
}

describe('counting the audience of a segment', () => {
  it('adds up, page by bounded page, exactly the consenting members in the segment', async () => {
    const store = unique('store').slice(0, 40);
    await member({ consent: true, boughtAt: store });
    await member({ consent: true, boughtAt: store });
    await member({ consent: true });
    await member({ consent: false, boughtAt: store });

    let cursor: string | undefined;
    let reached = 0;
    let pages = 0;
    do {
      const page = await countAudiencePage({ visitedStores: [store] }, cursor, new Date());
      expect(page.members).toBeLessThanOrEqual(AUDIENCE_PAGE_ITEMS);
      expect(page.reached).toBeLessThanOrEqual(page.consenting);
      reached += page.reached;
      pages++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(reached).toBe(2);
    expect(pages).toBeGreaterThan(0);
  });
});
