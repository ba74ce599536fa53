import { api } from '@sbm/web-shared/api';

export type {
  Campaign,
  CampaignDefinition,
  DryRunCampaignApiArg,
  DryRunCampaignApiResponse,
  ListCampaignsApiArg,
} from '@sbm/web-shared/api';

export const {
  useListCampaignsQuery,
  useGetCampaignQuery,
  useCreateCampaignMutation,
  useUpdateCampaignMutation,
  usePatchCampaignMutation,
  useDeleteCampaignMutation,
  useChangeCampaignStatusMutation,
  useDryRunCampaignMutation,
  useListCampaignVersionsQuery,
  useListCampaignParticipantsQuery,
  useListCampaignAwardsQuery,
  usePreviewCampaignAudienceMutation,
  // The catalogue's coupons and vouchers a campaign can give.
  useListAllRewardsQuery,
} = api;

/** The lifecycle actions, and the statuses each may start from (as the API's transitions say). */
export const lifecycle = {
  schedule: ['draft'],
  activate: ['draft', 'scheduled', 'paused'],
  pause: ['active', 'scheduled'],
  end: ['draft', 'scheduled', 'active', 'paused'],
} as const satisfies Record<string, readonly string[]>;
export type LifecycleAction = keyof typeof lifecycle;
