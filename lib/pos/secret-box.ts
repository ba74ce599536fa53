import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as z from '../zod';
import { readConfiguredSecret } from '../secrets';
import type { SecretName } from '../manifest/types';
import { lazySchema } from '../lazy-schema';

/**
 * A key that seals secrets at rest, from Secrets Manager (generated at deploy) or generated locally:
 * `{ "key": "<at least 32 random characters>" }`, stretched to an AES-256 key with SHA-256. Each kind of
 * secret has a key of its own (POS key secrets, staff members' authenticator secrets), so one leaked key
 * opens one kind only.
 */
export type SecretBoxName = Extract<SecretName, 'posSecretBox' | 'staffSecretBox'>;
const boxKeySchema = lazySchema(() => z.object({ key: z.string().check(z.minLength(32)) }));
const boxKey = async (box: SecretBoxName) =>
  createHash('sha256')
    .update((await readConfiguredSecret(box, boxKeySchema)).key)
    .digest();

export const sealedSchema = lazySchema(() =>
  z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() }),
);
export type Sealed = z.infer<typeof sealedSchema>;

/**
 * AES-256-GCM under the box's key, bound to `context` (a POS key's id, a staff member's) so that a sealed
 * secret moved to another record does not open. POS key secrets use the POS box unless told otherwise.
 */
export async function seal(
  plaintext: string,
  context: string,
  box: SecretBoxName = 'posSecretBox',
): Promise<Sealed> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await boxKey(box), iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export async function open(
  sealed: Sealed,
  context: string,
  box: SecretBoxName = 'posSecretBox',
): Promise<string> {
  const decipher = createDecipheriv('aes-256-gcm', await boxKey(box), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

export const generateSecretBoxKey = () => JSON.stringify({ key: randomBytes(32).toString('base64url') });
