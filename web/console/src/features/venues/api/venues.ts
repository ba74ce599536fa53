import { api } from '@sbm/web-shared/api';

// The venues section's calls: venues as staff keep them, and the stores a venue may belong to.
export const {
  useListVenuesForStaffQuery,
  useGetVenueForStaffQuery,
  useCreateVenueMutation,
  useUpdateVenueMutation,
  useListStoresQuery,
} = api;

export type { Store, Venue } from '@sbm/web-shared/api';

/** Rows the venue list asks for at a time. */
export const PAGE_SIZE = 20;

/** The most stores one page gives (the API's limit): a mall's stores fit, the picker reads no further. */
export const STORE_PAGE = 100;
