import { api } from '@sbm/web-shared/api';

// The stores section's calls: stores, their POS keys, unmatched sales and dead letters.
export const {
  useListStoresQuery,
  useGetStoreQuery,
  useCreateStoreMutation,
  useRenameStoreMutation,
  useDeactivateStoreMutation,
  useListPosKeysQuery,
  useIssuePosKeyMutation,
  useRotatePosKeyMutation,
  useRevokePosKeyMutation,
  useListUnmatchedPurchasesQuery,
  useAssignUnmatchedPurchaseMutation,
  useListPosDeadLettersQuery,
  useRedrivePosDeadLetterMutation,
  useRedrivePosDeadLettersMutation,
} = api;

export type {
  ListPosDeadLettersApiResponse,
  ListUnmatchedPurchasesApiResponse,
  PosKey,
  Store,
} from '@sbm/web-shared/api';

/** Rows a list page asks for at a time. */
export const PAGE_SIZE = 20;
