import { api } from '@sbm/web-shared/api';

export const { useGetDailySalesQuery, useGetPointsLiabilityQuery, useGetMembersByTierQuery } = api;

/** Reads every analytics figure on screen again. */
export const refreshAnalytics = () => api.util.invalidateTags(['analytics']);
