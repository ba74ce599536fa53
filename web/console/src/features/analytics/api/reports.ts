import {
  api,
  type GetReportApiResponse,
  type RequestReportApiArg,
  type RequestReportApiResponse,
} from '@sbm/web-shared/api';
import { asApiError } from '@sbm/web-shared/problems';
import type { ApiError } from '@sbm/web-shared/api';
import { useEffect, useState } from 'react';
import { useAppDispatch } from '@/app/hooks';

export type ReportRequest = RequestReportApiArg['body'];
export type ReportName = ReportRequest['report'];
export type GroupBy = NonNullable<ReportRequest['groupBy']>;
export type ReportRun = GetReportApiResponse;
export type ReportCell = ReportRun['rows'][number][number];

export const REPORT_NAMES = [
  'sales',
  'points',
  'members',
  'tiers',
  'cohorts',
  'stores',
  'campaigns',
  'reconciliation',
] as const satisfies readonly ReportName[];
/**
 * Reports of the whole programme, for staff whose analytics reach every store, and never by store: the
 * reconciliation of the archive against the points ledger (redemptions and expiry have no store).
 */
export const PROGRAMME_WIDE: ReadonlySet<ReportName> = new Set(['reconciliation']);
export const GROUP_BY = ['day', 'week', 'month'] as const satisfies readonly GroupBy[];
/** The longest period one report covers (the API's MAX_REPORT_DAYS). */
export const MAX_REPORT_DAYS = 367;

/** Waits between reads of a running report: half a second, doubling, then every two seconds. */
export const POLL_DELAYS_MS = [500, 1_000, 2_000] as const;
const pollDelay = (attempt: number) => POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)]!;

/** A report's CSV file as the API names it: the file is written by the server, which audits the download. */
export interface ReportCsv {
  fileName: string;
  content: string;
}

/** `attachment; filename="points-2026-11-01-2026-11-30.csv"` → the name, or undefined. */
export function fileNameOf(disposition: string | null | undefined): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) return decodeURIComponent(encoded[1]!.trim());
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || undefined;
}

const reportsApi = api.injectEndpoints({
  endpoints: (build) => ({
    // GET with Accept: text/csv through the one authenticated base query (its token and its renewal on
    // 401); a mutation, since the server records every download in the audit trail.
    downloadReportCsv: build.mutation<ReportCsv, { reportId: string; fallbackName: string }>({
      query: ({ reportId }) => ({
        url: `/v1/admin/reports/${encodeURIComponent(reportId)}`,
        headers: { accept: 'text/csv' },
        responseHandler: 'text',
      }),
      transformResponse: (content: string, meta, { fallbackName }) => ({
        fileName: fileNameOf(meta?.response?.headers.get('content-disposition')) ?? fallbackName,
        content,
      }),
    }),
  }),
});

export const { useDownloadReportCsvMutation } = reportsApi;
export const { downloadReportCsv } = reportsApi.endpoints;
export const { useListStoresQuery } = api;

/** Where a report run stands, as a screen shows it. */
export type ReportRunState =
  | { status: 'idle' }
  | { status: 'requesting'; startedAt: number }
  | { status: 'running'; startedAt: number; reportId: string; reused: boolean }
  | { status: 'succeeded'; reportId: string; reused: boolean; run: ReportRun }
  | { status: 'failed'; reportId: string; reused: boolean; run: ReportRun }
  | { status: 'error'; error: ApiError };

/** The same request, whatever order its stores were named in. */
export const requestKey = (request: ReportRequest | undefined) =>
  request
    ? JSON.stringify([
        request.report,
        request.from,
        request.to,
        request.groupBy ?? 'day',
        request.storeIds ? [...request.storeIds].sort() : null,
      ])
    : '';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Runs a report: asks for it (POST), then reads it (GET) after 0.5 s, 1 s, then every 2 s until it has
 * succeeded or failed. Stops when the screen goes or the request changes; `attempt` runs the same
 * request again (the API answers a run of the last minutes, `reused`). No request, no run.
 */
export function useReportRun(request: ReportRequest | undefined, attempt = 0): ReportRunState {
  const dispatch = useAppDispatch();
  const key = requestKey(request);
  const [state, setState] = useState<ReportRunState>({ status: 'idle' });

  useEffect(() => {
    if (!key) {
      setState({ status: 'idle' });
      return;
    }
    const [report, from, to, groupBy, storeIds] = JSON.parse(key) as [
      ReportName,
      string,
      string,
      GroupBy,
      string[] | null,
    ];
    const body: ReportRequest = { report, from, to, groupBy, ...(storeIds && { storeIds }) };
    const controller = new AbortController();
    const { signal } = controller;
    const startedAt = Date.now();
    setState({ status: 'requesting', startedAt });

    void (async () => {
      try {
        const requested: RequestReportApiResponse = await dispatch(
          api.endpoints.requestReport.initiate({ body }, { track: false }),
        ).unwrap();
        if (signal.aborted) return;
        const { reportId, reused } = requested;
        setState({ status: 'running', startedAt, reportId, reused });
        // A run already finished (reused) is read at once; a fresh one is given its first half second.
        const finished = requested.status === 'succeeded' || requested.status === 'failed';
        for (let poll = 0; !signal.aborted; poll++) {
          if (poll > 0 || !finished) await sleep(pollDelay(finished ? poll - 1 : poll), signal);
          if (signal.aborted) return;
          const run = await dispatch(
            api.endpoints.getReport.initiate({ reportId }, { subscribe: false, forceRefetch: true }),
          ).unwrap();
          if (signal.aborted) return;
          if (run.status === 'succeeded' || run.status === 'failed') {
            setState({ status: run.status, reportId, reused, run });
            return;
          }
        }
      } catch (error) {
        if (!signal.aborted) setState({ status: 'error', error: asApiError(error) });
      }
    })();
    return () => controller.abort();
  }, [dispatch, key, attempt]);

  return state;
}

/** Seconds since `startedAt`, ticking while `running`. */
export function useElapsedSeconds(startedAt: number | undefined) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === undefined ? 0 : Math.max(0, Math.floor((now - startedAt) / 1_000));
}
