import { createSelector } from '@reduxjs/toolkit';
import { api, type GetDailySalesApiResponse } from '@sbm/web-shared/api';
import { useEffect, useMemo } from 'react';
import { useAppDispatch, useAppSelector } from '@/app/hooks';

export const { useGetPointsLiabilityQuery, useRecordAnalyticsExportMutation } = api;

/**
 * The daily sales of every day of a period: one cached query a day (the same cache entries as the
 * dashboard's, so a day read there is not asked again), subscribed while the period is shown.
 */
export function useDailySalesOfDays(days: readonly string[]) {
  const dispatch = useAppDispatch();
  const key = days.join(',');
  useEffect(() => {
    const subscriptions = key
      .split(',')
      .filter(Boolean)
      .map((day) => dispatch(api.endpoints.getDailySales.initiate({ day })));
    return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
  }, [dispatch, key]);
  const selectDays = useMemo(() => {
    const perDay = key
      .split(',')
      .filter(Boolean)
      .map((day) => api.endpoints.getDailySales.select({ day }));
    return createSelector(perDay, (...results) => results);
  }, [key]);
  const results = useAppSelector(selectDays);
  const reports = results
    .map((result) => result.data)
    .filter((data): data is GetDailySalesApiResponse => !!data);
  return {
    reports,
    isLoading: results.some((result) => !result.data && !result.isError),
    error: results.find((result) => result.isError)?.error,
    refetch: () => {
      for (const day of key.split(',').filter(Boolean))
        void dispatch(api.endpoints.getDailySales.initiate({ day }, { forceRefetch: true }));
    },
  };
}
