import { api } from '@sbm/web-shared/api';

export const {
  useGetTierLadderQuery,
  useSaveTierLadderMutation,
  useListEarningRulesQuery,
  useSaveEarningRulesMutation,
  usePreviewEarningMutation,
  useListStoresQuery,
} = api;
