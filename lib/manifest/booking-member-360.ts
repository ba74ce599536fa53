import { listMemberBookingsRoute } from '../bookings/member-bookings-routes';
import type { FunctionDeclaration } from './types';

/** Member 360's bookings: what staff read of one member's bookings, where their store scope reaches. */
export const bookingMember360Functions = {
  listMemberBookings: {
    service: 'bookings',
    handler: 'functions/bookings/list-member-bookings.ts',
    description: "A member's upcoming and past bookings, for member 360",
    trigger: { kind: 'http', route: listMemberBookingsRoute },
    access: {
      tables: { main: { reads: ['get', 'query'], writes: ['put'] } },
      appendsAudit: true,
      secrets: ['cursorKey'],
    },
  },
} as const satisfies Record<string, FunctionDeclaration>;
