import { api } from '@sbm/web-shared/api';

export const { useListAuditEntriesQuery, useListStaffQuery } = api;
