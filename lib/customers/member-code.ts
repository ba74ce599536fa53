import { randomInt } from 'node:crypto';
import * as z from '../zod';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { lazySchema } from '../lazy-schema';
import { customerKey, memberErased } from './repository';

/** A member code lives about a minute: long enough to scan at the till, too short to be worth copying. */
export const MEMBER_CODE_TTL_SECONDS = 60;

const codeKey = (code: string) => ({ pk: `MEMBERCODE#${code}`, sk: 'MEMBERCODE' });
const codeItemSchema = lazySchema(() => z.object({ customerId: z.string(), validUntil: z.string() }));

/** Issues a fresh random 12-digit code for the member's QR code; none for an erased member (410). */
export async function issueMemberCode(customerId: string, now = new Date()) {
  const validUntil = new Date(now.getTime() + MEMBER_CODE_TTL_SECONDS * 1000);
  const table = tableNameFromEnv('main');
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = String(randomInt(0, 1e12)).padStart(12, '0');
    try {
      await documents.transactWrite({
        TransactItems: [
          {
            // Only erasure stops codes: a signed-in member's profile exists, the authorizer saw to that.
            ConditionCheck: {
              TableName: table,
              Key: customerKey(customerId),
              ConditionExpression: 'attribute_not_exists(erasedAt)',
            },
          },
          {
            Put: {
              TableName: table,
              Item: {
                ...codeKey(code),
                customerId,
                validUntil: validUntil.toISOString(),
                expiresAt: Math.ceil(validUntil.getTime() / 1000) + 3600,
              },
              ConditionExpression: 'attribute_not_exists(pk) OR validUntil < :now',
              ExpressionAttributeValues: { ':now': now.toISOString() },
            },
          },
        ],
      });
      return { code, expiresAt: validUntil.toISOString(), expiresIn: MEMBER_CODE_TTL_SECONDS };
    } catch (error) {
      const [member, taken] = conditionFailedReasons(error) ?? [];
      if (member === 'ConditionalCheckFailed') throw memberErased();
      // A code still valid for someone else: draw another.
      if (taken !== 'ConditionalCheckFailed') throw error;
    }
  }
  throw new Error('Could not find a free member code');
}

/** The member a code was issued to, if it was still valid at `at` (when the POS request reached us). */
export async function resolveMemberCode(code: string, at: Date): Promise<string | undefined> {
  const { Item } = await documents.get({
    TableName: tableNameFromEnv('main'),
    Key: codeKey(code),
    ConsistentRead: true,
  });
  const item = codeItemSchema.safeParse(Item);
  return item.success && item.data.validUntil >= at.toISOString() ? item.data.customerId : undefined;
}
