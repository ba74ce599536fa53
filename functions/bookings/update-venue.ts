import { recordStaffAction } from '../../lib/audit';
import { assertVenueAccess } from '../../lib/bookings/venues';
import { updateVenueRoute } from '../../lib/bookings/venue-routes';
import { updateVenue, venueAuditSubject } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  updateVenueRoute,
  async ({ principal, params, body, correlationId, sourceIp }) => {
    const { before, after } = await updateVenue(params.venueId, body, undefined, (venue) =>
      assertVenueAccess(principal, updateVenueRoute.auth.permission, venue),
    );
    await recordStaffAction({
      actor: principal,
      action: 'venue.update',
      target: venueAuditSubject.target(after.id),
      before,
      after,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: after };
  },
);
