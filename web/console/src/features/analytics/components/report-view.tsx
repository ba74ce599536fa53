import { DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Segmented, Select, Skeleton, Spin, Typography } from 'antd';
import { businessDayOf, formatDateTime, formatWait } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useShellProfile } from '@/features/shell';
import {
  GROUP_BY,
  MAX_REPORT_DAYS,
  PROGRAMME_WIDE,
  useDownloadReportCsvMutation,
  useElapsedSeconds,
  useListStoresQuery,
  useReportRun,
  type ReportName,
  type ReportRunState,
} from '../api/reports';
import { downloadCsv } from '../csv';
import { reportChart } from '../report-charts';
import { rowObjects } from '../report-cells';
import {
  reportParamsFromSearch,
  searchOfReportParams,
  seesAllStores,
  type ReportParams,
} from '../report-search';
import { PeriodPicker } from './period-picker';
import { ReportMatrix } from './report-matrix';
import { ReportTable } from './report-table';

const ReportChart = lazy(() => import('./report-chart'));

/** Reports whose periods are set by the grouping; cohorts are by month and stores and campaigns whole. */
const GROUPED: ReadonlySet<ReportName> = new Set(['members', 'sales', 'points', 'tiers']);

const sameParams = (a: ReportParams, b: ReportParams) =>
  searchOfReportParams(a).toString() === searchOfReportParams(b).toString();

/**
 * One report of the archive: its period, grouping and stores from the URL (a link shows the same
 * report), run when asked, drawn as a chart over the table of its rows, and downloadable as CSV.
 */
export function ReportView({ report }: { report: ReportName }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const profile = useShellProfile();
  const today = useMemo(() => businessDayOf(new Date()), []);
  const [search, setSearch] = useSearchParams();
  const searchKey = search.toString();
  const applied = useMemo(
    () => reportParamsFromSearch(new URLSearchParams(searchKey), today),
    [searchKey, today],
  );
  // Choices not yet run: a report is run (and, on Athena, paid for) only when asked.
  const [draft, setDraft] = useState<ReportParams | null>(null);
  const shown = draft ?? applied;
  const [attempt, setAttempt] = useState(0);
  // A programme-wide report takes no stores, whatever the URL carried over from another report.
  const request = useMemo(
    () => ({ report, ...applied, ...(PROGRAMME_WIDE.has(report) && { storeIds: undefined }) }),
    [report, applied],
  );
  const state = useReportRun(request, attempt);

  const allStores = seesAllStores(profile.roles);
  const stores = useListStoresQuery(
    { limit: 100 },
    { skip: !allStores || !profile.permissions.has('stores:read') },
  );
  const names = useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.storeId, store.name])),
    [stores.data],
  );
  // The run names its stores for every reader; the store list (admins) names the filter's choices.
  const runNames = state.status === 'succeeded' ? state.run.storeNames : undefined;
  const storeName = useCallback(
    (storeId: string) => names.get(storeId) ?? runNames?.[storeId],
    [names, runNames],
  );

  const choose = (next: Partial<ReportParams>) => setDraft({ ...shown, ...next });
  const run = () => {
    if (sameParams(shown, applied)) setAttempt((count) => count + 1);
    else setSearch(searchOfReportParams(shown));
    setDraft(null);
  };

  const [downloadReportCsv, download] = useDownloadReportCsvMutation();
  const saveCsv = async (reportId: string) => {
    try {
      const file = await downloadReportCsv({
        reportId,
        fallbackName: `${report}-${applied.from}-${applied.to}.csv`,
      }).unwrap();
      // fetch's text() drops the file's byte-order mark; Excel needs it to read 汉字 as UTF-8.
      downloadCsv(file.fileName, file.content.startsWith('\uFEFF') ? file.content : `\uFEFF${file.content}`);
    } catch (error) {
      void message.error(problemText(error, t, language));
    } finally {
      download.reset();
    }
  };

  const reportName = t(`analytics.reports.name.${report}`);
  return (
    <Card
      title={<h2 className="card-heading">{reportName}</h2>}
      extra={
        state.status === 'succeeded' &&
        state.run.rows.length > 0 && (
          <Button
            icon={<DownloadOutlined />}
            loading={download.isLoading}
            onClick={() => void saveCsv(state.reportId)}
          >
            {t('analytics.downloadCsv')}
          </Button>
        )
      }
    >
      <p className="card-hint" style={{ marginTop: 0 }}>
        {t(`analytics.reports.hint.${report}`)}
      </p>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <PeriodPicker
          period={shown}
          today={today}
          maxDays={MAX_REPORT_DAYS}
          onChange={(period) => choose(period)}
        />
        {GROUPED.has(report) && (
          <Segmented
            aria-label={t('analytics.reports.groupBy')}
            value={shown.groupBy}
            options={GROUP_BY.map((groupBy) => ({
              value: groupBy,
              label: t(`analytics.reports.by.${groupBy}`),
            }))}
            onChange={(groupBy) => choose({ groupBy })}
          />
        )}
        {allStores && !PROGRAMME_WIDE.has(report) && (
          <Select
            aria-label={t('analytics.reports.stores')}
            // Staff without the store list (analysts, marketers) name stores by their ids.
            mode={stores.data ? 'multiple' : 'tags'}
            allowClear
            maxTagCount="responsive"
            placeholder={t('analytics.reports.allStores')}
            style={{ minWidth: 220, maxWidth: 420 }}
            value={shown.storeIds ?? []}
            options={(stores.data?.items ?? []).map((store) => ({
              value: store.storeId,
              label: store.name,
            }))}
            optionFilterProp="label"
            onChange={(storeIds: string[]) =>
              choose({ storeIds: storeIds.length > 0 ? storeIds.slice(0, 100) : undefined })
            }
          />
        )}
        <Button
          type={draft && !sameParams(draft, applied) ? 'primary' : 'default'}
          icon={draft && !sameParams(draft, applied) ? <PlayCircleOutlined /> : <ReloadOutlined />}
          onClick={run}
        >
          {t(draft && !sameParams(draft, applied) ? 'analytics.reports.run' : 'analytics.reports.runAgain')}
        </Button>
      </Flex>
      <ReportBody report={report} state={state} storeName={storeName} onRetry={run} />
    </Card>
  );
}

/** The run's state, or its chart and rows. */
function ReportBody({
  report,
  state,
  storeName,
  onRetry,
}: {
  report: ReportName;
  state: ReportRunState;
  storeName: (storeId: string) => string | undefined;
  onRetry: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const startedAt = state.status === 'requesting' || state.status === 'running' ? state.startedAt : undefined;
  const elapsed = useElapsedSeconds(startedAt);
  const run = state.status === 'succeeded' ? state.run : undefined;
  const rows = useMemo(() => (run ? rowObjects(run) : []), [run]);
  const option = useMemo(
    () => (run ? reportChart(report, rows, { t, language, storeName }) : undefined),
    [report, rows, run, t, language, storeName],
  );

  if (state.status === 'idle') return null;
  if (state.status === 'requesting' || state.status === 'running')
    return (
      <Flex vertical align="center" gap={12} style={{ padding: '48px 0' }} role="status">
        <Spin />
        <span>{t('analytics.reports.running', { elapsed: formatWait(Math.max(1, elapsed), language) })}</span>
        <Typography.Text type="secondary">{t('analytics.reports.runningHint')}</Typography.Text>
      </Flex>
    );
  if (state.status === 'error' || state.status === 'failed') {
    const description =
      state.status === 'error'
        ? problemText(state.error, t, language)
        : t([
            `analytics.reports.failure.${state.run.error?.code ?? 'unknown'}`,
            `problems.code.${state.run.error?.code ?? 'unknown'}`,
            'analytics.reports.failure.unknown',
          ]);
    return (
      <Alert
        type="error"
        showIcon
        title={t('analytics.reports.failed')}
        description={description}
        action={
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  const computed = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t(state.reused ? 'analytics.reports.computedEarlier' : 'analytics.reports.computedAt', {
        at: state.run.generatedAt ? formatDateTime(state.run.generatedAt, language) : '—',
      })}
    </Typography.Text>
  );
  if (state.run.rows.length === 0)
    return (
      <Flex vertical gap={8}>
        {computed}
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ padding: '32px 0' }}
          description={
            <>
              <strong>{t('analytics.reports.empty')}</strong>
              <br />
              {t('analytics.reports.emptyHint')}
            </>
          }
        />
      </Flex>
    );
  return (
    <Flex vertical gap={16}>
      {computed}
      {option && (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <ReportChart
            option={option}
            label={t('analytics.reports.chartLabel', {
              report: t(`analytics.reports.name.${report}`),
              from: state.run.from,
              to: state.run.to,
            })}
          />
        </Suspense>
      )}
      <ReportMatrix report={report} rows={rows} />
      <ReportTable run={state.run} storeName={storeName} />
    </Flex>
  );
}
