import { offerFreedRoom } from '../../lib/bookings/waitlist';
import { eventHandler } from '../../lib/events/consumer';
import { logger, metrics, MetricUnit } from '../../lib/observability';

/** Room freed by a cancellation of a booking or offer, or by a booking moved away, goes to the slot's waitlist. */
export const handler = eventHandler(
  {
    event: ['BookingCancelled', 'BookingRescheduled'],
    consumer: 'bookings.offerFreedRoom',
    // A waitlist place cancelled frees no room.
    appliesTo: (event) => event.name === 'BookingRescheduled' || event.data.previousStatus !== 'waitlisted',
  },
  async (event) => {
    const start = event.name === 'BookingRescheduled' ? event.data.previousStart : event.data.start;
    const offers = await offerFreedRoom(event.data.venueId, start, event.metadata.correlationId);
    metrics.addMetric('WaitlistOffers', MetricUnit.Count, offers.length);
    logger.info('waitlist offers', { venueId: event.data.venueId, start, offers: offers.length });
  },
);
