import { api } from '@sbm/web-shared/api';

/** What the customers section asks of the API: finding members, what is known of one, and acting for them. */
export const {
  useSearchCustomersQuery,
  useLazyLookUpMemberCodeQuery,
  useGetCustomerForStaffQuery,
  useListCustomerLedgerQuery,
  useListMemberRedemptionsQuery,
  useListMemberParticipationQuery,
  useListPrivacyRequestsQuery,
  useListMemberBookingsQuery,
  useAdjustPointsMutation,
  useCancelRedemptionMutation,
  useListUnmatchedPurchasesQuery,
  useAssignUnmatchedPurchaseMutation,
} = api;

export type {
  Customer,
  LedgerEntry,
  ListMemberBookingsApiResponse,
  ListMemberRedemptionsApiResponse,
  ListUnmatchedPurchasesApiResponse,
  PointsAccountSummary,
} from '@sbm/web-shared/api';
