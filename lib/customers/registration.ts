import { publishEvent } from '../events/publisher';
import { markRegistrationPublished, type CustomerRecord } from './repository';

/**
 * Publishes the member's CustomerRegistered event unless that already happened, and reports whether
 * this call completed the registration. The event id is fixed per member, so a repeat after a crash
 * between publishing and marking is applied once by every consumer.
 */
export async function completeRegistration(record: CustomerRecord, correlationId: string): Promise<boolean> {
  if (record.registration.published) return false;
  await publishEvent(
    {
      name: 'CustomerRegistered',
      eventId: record.registration.eventId,
      data: { customerId: record.customerId, channel: 'wechat-mini-program', registeredAt: record.createdAt },
    },
    correlationId,
  );
  await markRegistrationPublished(record.customerId);
  return true;
}
