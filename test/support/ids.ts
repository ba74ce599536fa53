import { randomUUID } from 'node:crypto';

/**
 * Ids as the platform meets them: UUID-based by default, or as long as the POS contract allows
 * (lib/pos/messages.ts), so a test sees the lengths real tills send.
 */

/** Transaction, refund and customer ids on the POS contract. */
export const POS_ID_MAX_LENGTH = 64;
/** Store ids: lower-case letters, digits and dashes (lib/pos/schemas.ts, lib/pos/messages.ts). */
export const STORE_ID_MAX_LENGTH = 40;

/** A realistic unique id: the label and a UUID (`T-0b9e…`, 38 characters for a one-letter label). */
export const uniqueId = (label: string) => `${label}-${randomUUID()}`;

const longestOf = (label: string, length: number) =>
  `${label}-${randomUUID()}${randomUUID().replaceAll('-', '')}`.slice(0, length);

/** A unique transaction, refund or customer id of the longest length the POS contract allows. */
export const longestPosId = (label: string) => longestOf(label, POS_ID_MAX_LENGTH);

/** A unique store id of the longest length stores may have (give a lower-case label). */
export const longestStoreId = (label: string) => longestOf(label, STORE_ID_MAX_LENGTH);
