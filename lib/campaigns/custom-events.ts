import { eventIdOf } from '../events/event-id';
import type { DomainEvent } from '../events/publisher';

/** A named event staff recorded for a member; its id follows the caller's key, so a retry records it once. */
export const customEventRecorded = (event: {
  customerId: string;
  name: string;
  eventKey: string;
  occurredAt: string;
}): DomainEvent<'CustomEventRecorded'> => ({
  name: 'CustomEventRecorded',
  eventId: eventIdOf('CustomEventRecorded', event.customerId, event.name, event.eventKey),
  data: {
    customerId: event.customerId,
    name: event.name,
    eventKey: event.eventKey,
    occurredAt: event.occurredAt,
  },
});
