import * as z from 'zod';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import type { LotBalance } from './lots';

const lotItemSchema = z.object({ sk: z.string(), remaining: z.number().int(), expiresAt: z.string() });

/** A member's lots with what remains in each (a dozen or so items: one query). */
export async function readLots(customerId: string): Promise<LotBalance[]> {
  const result = await documents.query({
    TableName: tableNameFromEnv('main'),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :lot)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':lot': 'LOT#' },
    ConsistentRead: true,
  });
  return (result.Items ?? []).map((item) => {
    const lot = lotItemSchema.parse(item);
    return { bucket: lot.sk.slice('LOT#'.length), remaining: lot.remaining, expiresAt: lot.expiresAt };
  });
}
