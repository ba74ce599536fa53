import { assertVenueAccess } from '../../lib/bookings/staff-access';
import { getVenueDayRoute } from '../../lib/bookings/attendance-routes';
import { venueDay } from '../../lib/bookings/day-view';
import { requireVenue } from '../../lib/bookings/repository';
import { isCalendarDate } from '../../lib/bookings/slots';
import { httpHandler } from '../../lib/http/handler';
import { problems } from '../../lib/http/problem';

export const handler = httpHandler(getVenueDayRoute, async ({ principal, params, query }) => {
  if (!isCalendarDate(query.date))
    throw problems.validation([{ field: 'query.date', message: 'must be a real calendar date' }]);
  const venue = await requireVenue(params.venueId);
  assertVenueAccess(principal, getVenueDayRoute.auth.permission, venue);
  return { status: 200, body: await venueDay(venue, query.date) };
});
