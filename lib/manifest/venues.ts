import {
  createVenueRoute,
  getAvailabilityRoute,
  getVenueForStaffRoute,
  getVenueRoute,
  listVenuesForStaffRoute,
  listVenuesRoute,
  updateVenueRoute,
} from '../bookings/venue-routes';
import type { FunctionDeclaration } from './types';

/** Bookings: venues as staff keep them and members browse them, and a venue-day's free slots. */
export const venueFunctions = {
  createVenue: {
    service: 'bookings',
    handler: 'functions/bookings/create-venue.ts',
    description: 'Staff create venues',
    trigger: { kind: 'http', route: createVenueRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  listVenuesForStaff: {
    service: 'bookings',
    handler: 'functions/bookings/list-venues-for-staff.ts',
    description: 'Staff list venues, a store manager those of their stores',
    trigger: { kind: 'http', route: listVenuesForStaffRoute },
    access: { tables: { main: { reads: ['get', 'query'] } }, secrets: ['cursorKey'] },
  },
  getVenueForStaff: {
    service: 'bookings',
    handler: 'functions/bookings/get-venue-for-staff.ts',
    description: 'Staff read a venue to edit it',
    trigger: { kind: 'http', route: getVenueForStaffRoute },
    access: { tables: { main: { reads: ['get'] } } },
  },
  updateVenue: {
    service: 'bookings',
    handler: 'functions/bookings/update-venue.ts',
    description: "Staff change a venue's hours, slots, policies and capacity",
    trigger: { kind: 'http', route: updateVenueRoute },
    access: { tables: { main: { reads: ['get'], writes: ['put'] } }, appendsAudit: true },
  },
  listVenues: {
    service: 'bookings',
    handler: 'functions/bookings/list-venues.ts',
    description: 'Members list the venues they can book',
    trigger: { kind: 'http', route: listVenuesRoute },
    access: { tables: { main: { reads: ['query'] } } },
  },
  getVenue: {
    service: 'bookings',
    handler: 'functions/bookings/get-venue.ts',
    description: 'Members read a venue',
    trigger: { kind: 'http', route: getVenueRoute },
    access: { tables: { main: { reads: ['get'] } } },
  },
  getAvailability: {
    service: 'bookings',
    handler: 'functions/bookings/get-availability.ts',
    description: "Members read a venue-day's free slots: the venue and one query of its day",
    trigger: { kind: 'http', route: getAvailabilityRoute },
    access: { tables: { main: { reads: ['get', 'query'] } } },
  },
} as const satisfies Record<string, FunctionDeclaration>;
