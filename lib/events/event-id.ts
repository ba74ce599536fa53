import { createHash } from 'node:crypto';
import { EVENT_ID_MAX_LENGTH } from '../../events/envelope';
import type { EventName } from '../../events/catalogue';

/**
 * The id of an event fixed by the fact it reports: its name and the fact's ids, joined by dashes
 * (`PurchaseRecorded-<store>-<transaction>`), so publishing it again is harmless. Within the envelope's
 * 128 characters the id is exactly that; beyond, it is the name and the SHA-256 of that whole id
 * (base64url), as long ids (a campaign, a member and a POS sale) would otherwise be refused.
 */
export function eventIdOf(name: EventName, ...parts: [string | number, ...(string | number)[]]): string {
  const readable = [name, ...parts].join('-');
  // Ids that fit are left exactly as they always were: consumers already remember them, across deploys.
  if (readable.length <= EVENT_ID_MAX_LENGTH) return readable;
  return `${name}-${createHash('sha256').update(readable).digest('base64url')}`;
}
