import { awardBookingAttendedCampaigns } from '../../lib/campaigns/triggers';
import { eventHandler } from '../../lib/events/consumer';
import { logger } from '../../lib/observability';

export const handler = eventHandler(
  { event: 'BookingAttended', consumer: 'campaigns.awardBookingAttendedCampaigns' },
  async ({ data, metadata }) => {
    const results = await awardBookingAttendedCampaigns(data, metadata.correlationId);
    if (results.length) logger.info('booking-attended campaigns', { bookingId: data.bookingId, results });
  },
);
