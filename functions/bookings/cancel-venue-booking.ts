import { recordStaffAction } from '../../lib/audit';
import { cancelBookingByStaff, requireVenueBooking } from '../../lib/bookings/bookings';
import { assertVenueAccess, bookingAuditSubject } from '../../lib/bookings/staff-access';
import { cancelVenueBookingRoute } from '../../lib/bookings/booking-routes';
import { toBookingView } from '../../lib/bookings/views';
import { httpHandler } from '../../lib/http/handler';

export const handler = httpHandler(
  cancelVenueBookingRoute,
  async ({ principal, params, correlationId, sourceIp }) => {
    const found = await requireVenueBooking(params.venueId, params.bookingId);
    assertVenueAccess(principal, cancelVenueBookingRoute.auth.permission, found.venue);
    const view = await cancelBookingByStaff(found, correlationId);
    // A repeated cancel is audited too: the first may have stopped between its change and its entry.
    await recordStaffAction({
      actor: principal,
      action: 'booking.cancel',
      target: bookingAuditSubject.target(params.bookingId),
      before: toBookingView(found.booking, found.venue),
      after: view,
      correlationId,
      sourceIp,
    });
    return { status: 200, body: view };
  },
);
