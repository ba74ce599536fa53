import * as z from '../zod';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { inboxMessageSchema, wechatDeliverySchema, type InboxMessage } from './views';
import { lazySchema } from '../lazy-schema';

const customerPk = (customerId: string) => `CUSTOMER#${customerId}`;
const inboxKey = (customerId: string, messageId: string) => ({
  pk: customerPk(customerId),
  sk: `INBOX#${messageId}`,
});

const inboxItemSchema = lazySchema(() => z.extend(inboxMessageSchema, { wechat: wechatDeliverySchema }));

/**
 * Writes a message to the member's inbox once, its WeChat send claimed by the write: the id comes from
 * the triggering fact, so of deliveries running at once (an event retried while the first try still
 * runs, an SQS message received twice) exactly one creates it and sends; the others find it there and
 * report how far its WeChat delivery got.
 */
export async function putInboxMessage(
  customerId: string,
  message: Omit<InboxMessage, 'readAt'>,
): Promise<{ created: boolean; wechat: z.infer<typeof wechatDeliverySchema> }> {
  try {
    await documents.put({
      TableName: tableNameFromEnv('main'),
      Item: { ...inboxKey(customerId, message.id), ...message, wechat: 'sending' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    return { created: true, wechat: 'sending' };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': customerPk(customerId), ':sk': `INBOX#${message.id}` },
      ConsistentRead: true,
    });
    return { created: false, wechat: inboxItemSchema.parse(existing.Items?.[0]).wechat };
  }
}

/**
 * Claims the WeChat send of a message written before sends were claimed with the write (`pending`):
 * exactly one delivery moves it from pending to sending.
 */
export async function claimWeChatSend(customerId: string, messageId: string): Promise<boolean> {
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: inboxKey(customerId, messageId),
      UpdateExpression: 'SET wechat = :sending',
      ConditionExpression: 'wechat = :pending',
      ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending' },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function recordWeChatDelivery(
  customerId: string,
  messageId: string,
  outcome: z.infer<typeof wechatDeliverySchema>,
) {
  await documents.update({
    TableName: tableNameFromEnv('main'),
    Key: inboxKey(customerId, messageId),
    UpdateExpression: 'SET wechat = :outcome',
    ExpressionAttributeValues: { ':outcome': outcome },
  });
}

/** The member's inbox, newest first, one page at a time. */
export async function listInbox(customerId: string, page: { limit: number; cursor?: string }) {
  const scope = { partition: { pk: customerPk(customerId) } };
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inbox)',
    ExpressionAttributeValues: { ':pk': customerPk(customerId), ':inbox': 'INBOX#' },
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: await decodeCursor(page.cursor, scope),
  });
  const items = (result.Items ?? []).map((item) => {
    const message = inboxItemSchema.parse(item);
    return {
      id: message.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      createdAt: message.createdAt,
      readAt: message.readAt,
    };
  });
  return { items, nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null };
}

/** The notifications service's copy: the member's inbox, which may quote personal details. */
export async function purgeInbox(customerId: string) {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.query({
      TableName: tableNameFromEnv('main'),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :inbox)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':inbox': 'INBOX#' },
      ProjectionExpression: 'pk, sk',
      ExclusiveStartKey: startKey,
    });
    for (const item of page.Items ?? []) {
      await documents.delete({ TableName: tableNameFromEnv('main'), Key: { pk: item.pk, sk: item.sk } });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
