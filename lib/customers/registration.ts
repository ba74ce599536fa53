import { publishEvent, type DomainEvent } from '../events/publisher';
import { recordBusinessMetric } from '../observability/record-business-metric';
import {
  claimRegistration,
  markRegistrationPublished,
  releaseRegistrationClaim,
  type CustomerRecord,
} from './repository';

/** Longer than a sign-in can run (its function stops at 10 s), so only a caller that died loses its claim. */
export const REGISTRATION_CLAIM_MS = 30_000;

/** The member's CustomerRegistered, under the id fixed when the profile was made. */
export const registrationEvent = (record: CustomerRecord): DomainEvent => ({
  name: 'CustomerRegistered',
  eventId: record.registration.eventId,
  data: {
    customerId: record.customerId,
    // Members from before there were other ways in came by the mini program.
    channel: record.channel ?? 'wechat-mini-program',
    registeredAt: record.createdAt,
  },
});

/**
 * Publishes the member's CustomerRegistered event unless that already happened, and reports whether
 * this call completed the registration: of sign-ins racing for a new member, one claims the publishing
 * and the one that marks it published answers new. The mark follows the publishing, so a caller that
 * dies between them leaves the event to the first sign-in after its claim; its event id is fixed per
 * member, so every consumer applies a repeat once.
 */
export async function completeRegistration(
  record: CustomerRecord,
  correlationId: string,
  now = new Date(),
): Promise<boolean> {
  if (record.registration.published) return false;
  const until = new Date(now.getTime() + REGISTRATION_CLAIM_MS);
  if (!(await claimRegistration(record.customerId, until, now))) return false;
  try {
    await publishEvent(registrationEvent(record), correlationId);
  } catch (error) {
    // Should the release fail as well, the claim runs out by itself.
    await releaseRegistrationClaim(record.customerId, until).catch(() => undefined);
    throw error;
  }
  const completed = await markRegistrationPublished(record.customerId);
  if (completed) recordBusinessMetric('MembersRegistered');
  return completed;
}
