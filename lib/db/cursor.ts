import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as z from '../zod';
import { Problem } from '../http/problem';
import { lazySchema } from '../lazy-schema';
import { readConfiguredSecret } from '../secrets';

const keySchema = lazySchema(() => z.record(z.string(), z.union([z.string(), z.number()])));

export const paginationQuerySchema = lazySchema(() =>
  z.strictObject({
    limit: z._default(
      z.coerce
        .number()
        .check(z.int(), z.gte(1), z.lte(100), z.describe('The most entries to give on this page')),
      20,
    ),
    cursor: z.optional(
      z
        .string()
        .check(
          z.maxLength(1024),
          z.describe(
            'The nextCursor of the page before, to go on from there; it opens only for the same list and caller (400 INVALID_CURSOR otherwise)',
          ),
        ),
    ),
  }),
);

/** A page's `nextCursor`: what `cursor` takes to go on. */
export const nextCursorSchema = lazySchema(() =>
  z.nullable(z.string()).check(z.describe('The cursor of the next page; null on the last page')),
);

export const invalidCursor = () =>
  new Problem(400, 'INVALID_CURSOR', 'Invalid cursor', 'The cursor is malformed or not yours.');

/**
 * The key that seals list cursors, from Secrets Manager (generated at deploy) or generated locally:
 * `{ "key": "<at least 32 random characters>" }`, stretched to an AES-256 key with SHA-256. Rotating it
 * only makes the cursors out at the time invalid (400): a client lists from the start again.
 */
const cursorKeySchema = lazySchema(() => z.object({ key: z.string().check(z.minLength(32)) }));
const cursorKey = async () =>
  createHash('sha256')
    .update((await readConfiguredSecret('cursorKey', cursorKeySchema)).key)
    .digest();

/**
 * What a list pages through: a partition (`pk`), or an index partition (`gsi1pk`, say), and, where one
 * partition is seen in part, whose view it is (a store manager's stores): a cursor opens only there.
 */
export interface CursorScope {
  partition: Record<string, string>;
  view?: string;
}

const associatedData = (scope: CursorScope) =>
  Buffer.from(JSON.stringify([Object.entries(scope.partition), scope.view ?? '']));
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A list's cursor: the last key DynamoDB read, sealed (AES-256-GCM, bound to the scope listed), so a
 * client learns nothing from it, not even the keys of items its page left out, and cannot forge one.
 */
export async function encodeCursor(
  key: Record<string, unknown> | undefined,
  scope: CursorScope,
): Promise<string | undefined> {
  if (!key) return undefined;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await cursorKey(), nonce);
  cipher.setAAD(associatedData(scope));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Opens a cursor this list handed out for this scope; anything else (another list's, another member's,
 * a crafted or truncated one) is a 400, never a 500, and never a key outside the scope.
 */
export async function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
): Promise<Record<string, string | number> | undefined> {
  if (!cursor) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.length <= NONCE_BYTES + TAG_BYTES) throw invalidCursor();
  let key: z.infer<typeof keySchema>;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await cursorKey(), bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(associatedData(scope));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    key = keySchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw invalidCursor();
  }
  // Sealed by us for this scope, so it always is; kept as a second lock.
  for (const [attribute, expected] of Object.entries(scope.partition))
    if (key[attribute] !== expected) throw invalidCursor();
  return key;
}

export const generateCursorKey = () => JSON.stringify({ key: randomBytes(32).toString('base64url') });
