import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import * as z from '../zod';
import { readConfiguredSecret } from '../secrets';
import { lazySchema } from '../lazy-schema';

/**
 * The key that seals POS secrets at rest, from Secrets Manager (generated at deploy) or generated
 * locally: `{ "key": "<at least 32 random characters>" }`, stretched to an AES-256 key with SHA-256.
 */
const boxKeySchema = lazySchema(() => z.object({ key: z.string().check(z.minLength(32)) }));
const boxKey = async () =>
  createHash('sha256')
    .update((await readConfiguredSecret('posSecretBox', boxKeySchema)).key)
    .digest();

export const sealedSchema = lazySchema(() =>
  z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() }),
);
export type Sealed = z.infer<typeof sealedSchema>;

/** AES-256-GCM, bound to `context` (the key id) so a sealed secret cannot be moved to another key. */
export async function seal(plaintext: string, context: string): Promise<Sealed> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await boxKey(), iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export async function open(sealed: Sealed, context: string): Promise<string> {
  const decipher = createDecipheriv('aes-256-gcm', await boxKey(), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
}

export const generateSecretBoxKey = () => JSON.stringify({ key: randomBytes(32).toString('base64url') });
