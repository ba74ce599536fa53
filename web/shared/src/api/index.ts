import { platformApi } from './generated';

/**
 * The platform's API: the generated endpoints, with the cache tags that OpenAPI's tags are too coarse
 * for. Regeneration never touches this file.
 */
export const api = platformApi.enhanceEndpoints({
  endpoints: {
    // One cache entry a day: a new day's figures never refetch the others.
    getDailySales: { providesTags: (_result, _error, { day }) => [{ type: 'analytics', id: day }] },
    getPointsLiability: { providesTags: [{ type: 'analytics', id: 'liability' }] },
    // A member's points show on their profile (member 360) as well as in their ledger.
    adjustPoints: { invalidatesTags: ['loyalty admin', 'customers admin'] },
    assignUnmatchedPurchase: { invalidatesTags: ['loyalty admin', 'customers admin'] },
    cancelRedemption: { invalidatesTags: ['rewards admin', 'loyalty admin', 'customers admin'] },
    // Members per tier are named by the ladder: saving the ladder reads them again.
    getMembersByTier: { providesTags: [{ type: 'analytics', id: 'tiers' }] },
    saveTierLadder: { invalidatesTags: ['loyalty admin', { type: 'analytics', id: 'tiers' }] },
    // A preview of earning writes nothing: the ladder and rules on screen stay as they are.
    previewEarning: { invalidatesTags: [] },
    // Signing in or renewing a session changes nothing cached.
    adminLogin: { invalidatesTags: [] },
    adminLoginTwoFactor: { invalidatesTags: [] },
    adminLoginEnrolment: { invalidatesTags: [] },
    adminLoginEnrolmentConfirm: { invalidatesTags: [] },
    refreshTokens: { invalidatesTags: [] },
    consoleRefresh: { invalidatesTags: [] },
    consoleLogout: { invalidatesTags: [] },
    // A dry run and an audience count read; they change nothing cached.
    dryRunCampaign: { invalidatesTags: [] },
    previewCampaignAudience: { invalidatesTags: [] },
    // An upload form changes nothing until a reward names the picture.
    createRewardImageUpload: { invalidatesTags: [] },
    // Running a report reads the archive: the live figures on screen stay as they are.
    requestReport: { invalidatesTags: [] },
    // Recording a download adds to the audit trail; the reports on screen stay as they are.
    recordAnalyticsExport: { invalidatesTags: ['audit'] },
  },
});

export * from './generated';
export { baseApi, configureApiSession, type ApiSession } from './base-api';
export { isApiError, type ApiError, type FieldProblem } from './api-error';
