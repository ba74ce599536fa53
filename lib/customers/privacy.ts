import { revokeAllSessions } from '../auth/sessions';
import { publishEvent } from '../events/publisher';
import { problems } from '../http/problem';
import { getPointsAccountSummary } from '../loyalty/accounts';
import { listLedger } from '../loyalty/ledger-listing';
import { listInbox } from '../notifications/inbox';
import { erasePersonalData, getCustomerRecord, toCustomer } from './repository';
import { eventIdOf } from '../events/event-id';

async function allPages<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** Everything we hold about the member, as JSON (PIPL art. 45: access and copy). */
export async function exportCustomerData(customerId: string, now = new Date()) {
  const record = await getCustomerRecord(customerId);
  if (!record || record.erasedAt) throw problems.notFound('Customer');
  return {
    exportedAt: now.toISOString(),
    profile: {
      ...toCustomer(record),
      wechat: {
        openid: record.openid,
        officialAccountOpenid: record.officialAccountOpenid,
        unionid: record.unionid,
      },
      phoneCountryCode: record.phoneCountryCode,
    },
    points: (await getPointsAccountSummary(customerId, now)) ?? null,
    ledger: await allPages((cursor) => listLedger(customerId, { limit: 100, cursor })),
    inbox: await allPages((cursor) => listInbox(customerId, { limit: 100, cursor })),
  };
}

/**
 * Erases a member (PIPL art. 47): personal data and the openid mapping go at once, so a new sign-in with
 * the same WeChat account starts a fresh member; the ledger and aggregates stay, under a pseudonymous
 * id with nothing personal left. Every session of the member ends and none can start again, so no device
 * still signed in writes personal data back. CustomerErased tells every other service to purge its copies.
 * A member erased already has their sessions ended again (an earlier erasure may have stopped short).
 */
export async function eraseCustomer(
  customerId: string,
  correlationId: string,
  now = new Date(),
): Promise<'erased' | 'already-erased'> {
  const outcome = await erasePersonalData(customerId, now);
  await revokeAllSessions({ kind: 'customer', id: customerId }, now, { closed: true });
  if (outcome === 'erased')
    await publishEvent(
      {
        name: 'CustomerErased',
        eventId: eventIdOf('CustomerErased', customerId),
        data: { customerId, erasedAt: now.toISOString() },
      },
      correlationId,
    );
  return outcome;
}
