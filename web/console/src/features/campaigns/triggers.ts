import { campaignTriggerKinds, campaignVenueKinds } from '@sbm/web-shared/contracts';

/** The triggers the engine supports, in the order the builder and the filters offer them. */
export const TRIGGER_KINDS = campaignTriggerKinds;

/** Triggers of a sale: only they may have conditions on the sale and multiply its base points. */
export const isPurchase = (kind: string) => kind === 'purchase';

/** The kinds of venue a booking-attended campaign may name, in the order the builder offers them. */
export const VENUE_KINDS = campaignVenueKinds;

/** A member attending a booking: only it may have conditions on the booking's venue and party. */
export const isBooking = (kind: string) => kind === 'bookingAttended';

/** Triggers that reach a segment of the members at a time. */
export const isBlast = (kind: string) => kind === 'blast' || kind === 'recurring';
