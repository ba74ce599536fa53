import type { PosCaller } from '../auth/principal';
import { posSignatureRefusal } from '../http/gateway';
import { problems } from '../http/problem';
import { isFreshTimestamp, posKeyIdHeaderSchema, signatureMatches } from './signature';
import { getPosKey, getStore, isPosKeyUsable, revealPosSecret, type PosKeyRecord } from './stores';

/**
 * A till signs every sale with the same key: an instance keeps a usable key and its opened secret for a
 * minute instead of reading and decrypting it per request. A revoked key, or a key of a store deactivated
 * since, is stopped at the gateway at once (its usage plan key is disabled); here within the minute. A
 * rotated key's grace period ends on time, as it is checked on every request.
 */
const HOLD_USABLE_KEY_MS = 60_000;
const heldKeys = new Map<string, { key: PosKeyRecord; secret: string; readAt: number }>();

/**
 * The key and its opened secret, as held or read afresh; undefined for an unknown or unusable key, or a
 * key of a store that is deactivated or gone.
 */
async function usableKey(keyId: string, now: Date) {
  const held = heldKeys.get(keyId);
  if (held && now.getTime() - held.readAt < HOLD_USABLE_KEY_MS) return held;
  heldKeys.delete(keyId);
  const key = await getPosKey(keyId);
  if (!key || !isPosKeyUsable(key, now) || !(await getStore(key.storeId))?.active) return undefined;
  const read = { key, secret: await revealPosSecret(key), readAt: now.getTime() };
  heldKeys.set(keyId, read);
  return read;
}

const refused = () => problems.unauthorized(posSignatureRefusal.code, posSignatureRefusal.detail);

/**
 * Authenticates a POS request by its headers and raw body. Every failure answers the same 401 as the
 * gateway's refusal of a key not in use, so a caller learns nothing about which key ids exist.
 */
export async function authenticatePosRequest(
  headers: Record<string, string | undefined>,
  rawBody: string,
  now = new Date(),
): Promise<PosCaller> {
  const keyId = headers['x-pos-key'];
  const timestamp = headers['x-pos-timestamp'];
  if (
    !keyId ||
    !posKeyIdHeaderSchema.safeParse(keyId).success ||
    !isFreshTimestamp(timestamp, Math.floor(now.getTime() / 1000))
  )
    throw refused();
  const usable = await usableKey(keyId, now);
  // A held key is checked again: a rotated key's grace period ends on time.
  if (!usable || !isPosKeyUsable(usable.key, now)) throw refused();
  if (!signatureMatches(usable.secret, timestamp!, rawBody, headers['x-pos-signature'])) throw refused();
  return { kind: 'pos', keyId, storeId: usable.key.storeId };
}
