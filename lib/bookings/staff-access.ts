import { defineAuditSubject } from '../audit/subjects';
import type { Permission } from '../auth/permissions';
import type { StaffPrincipal } from '../auth/principal';
import { assertAllStoresAccess, assertStoreAccess } from '../auth/store-scope';
import type { Venue } from './model';

/** Bookings in the audit trail: the member's note is personal and masked like other personal fields. */
export const bookingAuditSubject = defineAuditSubject('booking', { personal: ['note'] });

/** The object-level check of a staff route on a venue: its store's staff, or the mall's for its own venues. */
export function assertVenueAccess(
  staff: StaffPrincipal,
  permission: Permission,
  venue: Pick<Venue, 'storeId'>,
) {
  if (venue.storeId) assertStoreAccess(staff, permission, venue.storeId);
  else assertAllStoresAccess(staff, permission);
}
