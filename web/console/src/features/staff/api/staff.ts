import { api } from '@sbm/web-shared/api';

/** Staff management, the stores a store manager may be given, and the two-factor policy. */
export const {
  useListStaffQuery,
  useCreateStaffMutation,
  useSetStaffRolesMutation,
  useDeactivateStaffMutation,
  useResetStaffPasswordMutation,
  useUnlockStaffMutation,
  useResetStaffTwoFactorMutation,
  useListStoresQuery,
  useTwoFactorPolicyQuery,
  useSetTwoFactorPolicyMutation,
} = api;
