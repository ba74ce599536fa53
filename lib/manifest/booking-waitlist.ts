import { confirmOfferRoute } from '../bookings/waitlist-routes';
import type { FunctionDeclaration } from './types';

/** Bookings: the waitlist of a full slot, offered freed room, confirmed by its member or lapsing to the next. */
export const bookingWaitlistFunctions = {
  offerFreedRoom: {
    service: 'bookings',
    handler: 'functions/bookings/offer-freed-room.ts',
    description:
      "Offers room freed by a cancellation or a move to the slot's first waitlisted members who fit",
    trigger: { kind: 'event', events: ['BookingCancelled', 'BookingRescheduled'] },
    access: {
      tables: {
        main: { reads: ['get', 'batchGet', 'query'], writes: ['put', 'update', 'delete'] },
        idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
      },
      publishesEvents: true,
    },
  },
  confirmOffer: {
    service: 'bookings',
    handler: 'functions/bookings/confirm-offer.ts',
    description: 'A member takes a waitlist offer',
    trigger: { kind: 'http', route: confirmOfferRoute },
    access: {
      tables: { main: { reads: ['get'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
  },
  lapseOffers: {
    service: 'bookings',
    handler: 'functions/bookings/lapse-offers.ts',
    description:
      'Releases waitlist offers not taken in time and offers their room to the next members; publishes booking events a crash left in the outbox',
    trigger: {
      kind: 'schedule',
      expression: 'rate(1 minute)',
      description: 'Lapse expired waitlist offers; sweep the booking outbox',
    },
    access: {
      tables: { main: { reads: ['get', 'batchGet', 'query'], writes: ['put', 'update', 'delete'] } },
      publishesEvents: true,
    },
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionDeclaration>;
