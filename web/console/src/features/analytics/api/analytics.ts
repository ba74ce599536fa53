import { api } from '@sbm/web-shared/api';

export const { useGetPointsLiabilityQuery, useRecordAnalyticsExportMutation } = api;
