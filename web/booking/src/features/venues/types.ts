/**
 * What the booking screens show, in the API's words (lib/bookings: views.ts and the member routes of
 * issue 21). The screens take these as props; pages fill them from the generated client.
 */
export const VENUE_KINDS = ['restaurant', 'salon', 'event', 'parking', 'service'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export interface VenueSummary {
  id: string;
  name: string;
  kind: VenueKind;
  description?: string;
}

/**
 * One slot of a venue's day: `start` and `end` ISO with the venue's offset; `remaining` covers left (a
 * pool venue) or free resources that seat the party (a resources venue); `bookable` when the party fits
 * and the slot is inside the booking window now.
 */
export interface Slot {
  start: string;
  end: string;
  remaining: number;
  bookable: boolean;
}

/** How a venue counts its room: covers of a pool, or resources (tables, stylists, rooms). */
export type CapacityMode = 'pool' | 'resources';
