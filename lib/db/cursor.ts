import * as z from '../zod';
import { Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';

const keySchema = lazySchema(() => z.record(z.string(), z.union([z.string(), z.number()])));

export const paginationQuerySchema = lazySchema(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  }),
);

export const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

export const invalidCursor = () =>
  new Problem(400, 'INVALID_CURSOR', 'Invalid cursor', 'The cursor is malformed or not yours.');

/**
 * Decodes a list cursor and checks it points into the partition being listed (`pk`, or `gsi1pk` for
 * an index), so a forged cursor can never page through someone else's items.
 */
export function decodeCursor(cursor: string | undefined, partition: { pk: string } | { gsi1pk: string }) {
  if (!cursor) return undefined;
  let key: z.infer<typeof keySchema>;
  try {
    key = keySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
  const [attribute, expected] = Object.entries(partition)[0]!;
  if (key[attribute] !== expected) throw invalidCursor();
  return key;
}
