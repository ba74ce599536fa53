import type { MemberVenue } from '@sbm/web-shared/api';
import type { BookingView } from './types';

/**
 * The resource (a table, a stylist) a booking holds, as the venue names it to members; its id alone when
 * the venue no longer offers it. None in pool mode.
 */
export function heldResource(
  booking: Pick<BookingView, 'resourceId'>,
  capacity: MemberVenue['capacity'],
): { name: string; seats?: number } | undefined {
  if (capacity.mode !== 'resources' || !booking.resourceId) return undefined;
  const resource = capacity.resources.find((each) => each.id === booking.resourceId);
  return resource ? { name: resource.name, seats: resource.seats } : { name: booking.resourceId };
}
