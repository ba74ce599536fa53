import { api } from '@sbm/web-shared/api';

/** The signed-in staff member's own two-factor sign-in. */
export const {
  useOwnTwoFactorQuery,
  useStartOwnEnrolmentMutation,
  useConfirmOwnEnrolmentMutation,
  useReplaceOwnRecoveryCodesMutation,
  useDisableOwnTwoFactorMutation,
} = api;
