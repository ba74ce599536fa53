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
    // Signing in or renewing a session changes nothing cached.
    adminLogin: { invalidatesTags: [] },
    adminLoginTwoFactor: { invalidatesTags: [] },
    adminLoginEnrolment: { invalidatesTags: [] },
    adminLoginEnrolmentConfirm: { invalidatesTags: [] },
    refreshTokens: { invalidatesTags: [] },
    consoleRefresh: { invalidatesTags: [] },
    consoleLogout: { invalidatesTags: [] },
  },
});

export * from './generated';
export { baseApi, configureApiSession, type ApiSession } from './base-api';
export { isApiError, type ApiError, type FieldProblem } from './api-error';
