import { recordStaffAction } from '../../lib/audit';
import { createVenueRoute } from '../../lib/bookings/venue-routes';
import { assertVenueAccess, createVenue, venueAuditSubject } from '../../lib/bookings/venues';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(createVenueRoute, async ({ principal, body, correlationId, sourceIp }) => {
  // A store's venue is its managers' to create; the mall's own only staff of every store may create.
  assertVenueAccess(principal, createVenueRoute.auth.permission, body);
  const venue = await createVenue(body);
  await recordStaffAction({
    actor: principal,
    action: 'venue.create',
    target: venueAuditSubject.target(venue.id),
    after: venue,
    correlationId,
    sourceIp,
  });
  return { status: 201, body: venue };
});
