import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { publishEvent } from '../events/publisher';
import { problems } from '../http/problem';
import { getPointsAccountSummary } from '../loyalty/accounts';
import { listLedger } from '../loyalty/ledger-listing';
import { listInbox } from '../notifications/inbox';
import { birthdayKey, customerKey, getCustomerRecord, phoneLookupKey, toCustomer } from './repository';
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
      wechat: { openid: record.openid, unionid: record.unionid },
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
 * id with nothing personal left. CustomerErased tells every other service to purge its copies.
 */
export async function eraseCustomer(customerId: string, correlationId: string, now = new Date()) {
  const record = await getCustomerRecord(customerId);
  if (!record || record.erasedAt) throw problems.notFound('Customer');
  await documents.delete({
    TableName: tableNameFromEnv('main'),
    Key: { pk: `OPENID#${record.openid}`, sk: 'OPENID' },
  });
  if (record.birthday)
    await documents.delete({
      TableName: tableNameFromEnv('main'),
      Key: birthdayKey(record.birthday, customerId),
    });
  if (record.phone)
    await documents.delete({
      TableName: tableNameFromEnv('main'),
      Key: phoneLookupKey(record.phoneCountryCode ?? '86', record.phone, customerId),
    });
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: customerKey(customerId),
    UpdateExpression:
      'SET erasedAt = :now, openid = :erased REMOVE unionid, #name, gender, birthday, phone, phoneCountryCode, phoneBoundAt, marketingConsent, gsi1pk, gsi1sk',
    ExpressionAttributeNames: { '#name': 'name' },
    ExpressionAttributeValues: { ':now': now.toISOString(), ':erased': `erased:${customerId}` },
  });
  await publishEvent(
    {
      name: 'CustomerErased',
      eventId: eventIdOf('CustomerErased', customerId),
      data: { customerId, erasedAt: now.toISOString() },
    },
    correlationId,
  );
}
