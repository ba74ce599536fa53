import type { PosCaller } from '../auth/principal';
import { problems } from '../http/problem';
import { isFreshTimestamp, signatureMatches } from './signature';
import { getPosKey, isPosKeyUsable, revealPosSecret } from './stores';

const refused = () =>
  problems.unauthorized('POS_SIGNATURE_INVALID', 'The request signature is missing, invalid or stale.');

/**
 * Authenticates a POS request by its headers and raw body. Every failure answers the same 401, so a
 * caller learns nothing about which key ids exist.
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
    !/^[A-Za-z0-9-]{1,64}$/.test(keyId) ||
    !isFreshTimestamp(timestamp, Math.floor(now.getTime() / 1000))
  )
    throw refused();
  const key = await getPosKey(keyId);
  if (!key || !isPosKeyUsable(key, now)) throw refused();
  if (!signatureMatches(await revealPosSecret(key), timestamp!, rawBody, headers['x-pos-signature']))
    throw refused();
  return { kind: 'pos', keyId, storeId: key.storeId };
}
