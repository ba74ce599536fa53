import { recordStaffAction } from '../../lib/audit';
import { markNoShowByStaff } from '../../lib/bookings/attendance';
import { assertVenueAccess, bookingAuditSubject } from '../../lib/bookings/staff-access';
import { markBookingNoShowRoute } from '../../lib/bookings/attendance-routes';
import { requireVenue } from '../../lib/bookings/repository';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  markBookingNoShowRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const venue = await requireVenue(params.venueId);
    assertVenueAccess(principal, markBookingNoShowRoute.auth.permission, venue);
    const booking = await markNoShowByStaff(venue, params.bookingId, correlationId);
    await recordStaffAction({
      actor: principal,
      action: 'booking.no-show',
      target: bookingAuditSubject.target(booking.bookingId),
      before: { status: 'confirmed' },
      after: { status: booking.status, noShowAt: booking.noShowAt },
      correlationId,
      sourceIp,
    });
    return { status: 200, body: { bookingId: booking.bookingId, status: 'no-show' as const } };
  },
);
