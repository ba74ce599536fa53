import { createSelector } from '@reduxjs/toolkit';
import { api, type GetDailySalesApiResponse } from '@sbm/web-shared/api';
import { useEffect, useMemo } from 'react';
import { useAppDispatch, useAppSelector } from '@/app/hooks';

export const { useGetDailySalesQuery, useGetPointsLiabilityQuery, useGetMembersByTierQuery } = api;

/** The figures of one day, or undefined while they load. */
export type DayFigures = { day: string; totals?: GetDailySalesApiResponse['totals'] };

/**
 * The daily sales of every day of a period: one cached query a day (a day already read is not asked
 * again), subscribed while the period is shown.
 */
export function useDailySalesOfPeriod(days: readonly string[]) {
  const dispatch = useAppDispatch();
  const key = days.join(',');
  useEffect(() => {
    const subscriptions = key
      .split(',')
      .filter(Boolean)
      .map((day) => dispatch(api.endpoints.getDailySales.initiate({ day })));
    return () => subscriptions.forEach((subscription) => subscription.unsubscribe());
  }, [dispatch, key]);
  const selectPeriod = useMemo(() => {
    const perDay = key
      .split(',')
      .filter(Boolean)
      .map((day) => api.endpoints.getDailySales.select({ day }));
    return createSelector(perDay, (...results) => results);
  }, [key]);
  const results = useAppSelector(selectPeriod);
  const figures: DayFigures[] = days.map((day, i) => ({ day, totals: results[i]?.data?.totals }));
  return {
    figures,
    isLoading: results.some((result) => !result.data && !result.isError),
    error: results.find((result) => result.isError)?.error,
  };
}

/** Reads every analytics figure on screen again. */
export const refreshAnalytics = () => api.util.invalidateTags(['analytics']);
