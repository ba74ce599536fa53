// The analytics screen as an analyst uses it: a report per route run from its URL, its chart and rows, failures in words, its CSV file.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Outlet, Route, Routes } from 'react-router';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { REPORT_NAMES, type ReportName } from '../api/reports';
import { REPORT_ID, REPORT_TABLES, succeededRun } from '../testing/report-fixtures';
import { AnalyticsPage } from './analytics-page';

// ECharts draws nothing in happy-dom; the chart's own behaviour is the browser tests' business.
vi.mock('./report-chart', () => ({
  default: ({ label, option }: { label: string; option: { series: { name: string }[] } }) => (
    <div role="img" aria-label={label} data-series={option.series.map((series) => series.name).join('|')} />
  ),
}));

const analyst = {
  id: 'me',
  name: 'Analyst',
  email: null,
  roles: ['analyst'],
  permissions: new Set(['analytics:read', 'campaigns:read']),
};
const admin = { ...analyst, roles: ['admin'], permissions: new Set(['analytics:read', 'stores:read']) };
const storeManager = { ...analyst, roles: ['store_manager'], permissions: new Set(['analytics:read']) };

const renderAnalytics = (route: string, profile: typeof analyst = analyst) =>
  renderWithProviders(
    <Routes>
      <Route element={<Outlet context={profile} />}>
        <Route path="/analytics/*" element={<AnalyticsPage />} />
      </Route>
    </Routes>,
    { route, session: { status: 'signedIn', accessToken: 'token' } },
  );

interface Call {
  method: string;
  path: string;
  accept: string | null;
  authorization: string | null;
  body?: string;
}

/** An API whose report runs at once and answers `run`; its CSV is a file named by content-disposition. */
function fakeReportApi(run: (report: ReportName) => Response) {
  const calls: Call[] = [];
  let report: ReportName = 'sales';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { method, path, headers, body } = await requestOf(input, init);
      calls.push({
        method,
        path,
        accept: headers.get('accept'),
        authorization: headers.get('authorization'),
        body,
      });
      if (path === '/v1/admin/stores')
        return jsonAnswer({
          items: [{ storeId: 'b1-017', name: '星巴克 B1', active: true, createdAt: '2026-01-01T00:00:00Z' }],
          nextCursor: null,
        });
      if (method === 'POST') {
        report = (JSON.parse(body!) as { report: ReportName }).report;
        return jsonAnswer({ reportId: REPORT_ID, status: 'succeeded', reused: true }, 202);
      }
      if (headers.get('accept') === 'text/csv')
        return new Response('\uFEFFperiod,issued\r\n2026-11-01,1250400\r\n', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="points-2026-11-01-2026-11-30.csv"',
          },
        });
      return run(report);
    }),
  );
  return calls;
}

const REPORT_LABELS: Record<ReportName, string> = {
  sales: '销售',
  points: '积分',
  members: '会员',
  tiers: '等级',
  cohorts: '留存',
  stores: '门店排行',
  campaigns: '营销活动',
  reconciliation: '积分对账',
};

const card = () => screen.getByRole('heading', { level: 2 }).closest('.ant-card') as HTMLElement;

describe('the analytics screen', () => {
  for (const report of REPORT_NAMES)
    it(`runs the ${report} report of the URL and shows its chart and its rows`, async () => {
      const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
      renderAnalytics(`/analytics/${report}?from=2026-11-01&to=2026-11-30&groupBy=week`);

      const chartName = new RegExp(`^${REPORT_LABELS[report]}，2026-11-01 至 2026-11-30$`);
      expect(await screen.findByRole('img', { name: chartName }, { timeout: 3_000 })).toBeTruthy();
      // One row a report row below the header row (the heat tables add their own).
      const dataTable = within(card())
        .getAllByRole('table')
        .find((candidate) => candidate.closest('.ant-table'))!;
      expect(within(dataTable).getAllByRole('row')).toHaveLength(REPORT_TABLES[report].rows.length + 1);
      expect(JSON.parse(calls.find((call) => call.method === 'POST')!.body!)).toEqual({
        report,
        from: '2026-11-01',
        to: '2026-11-30',
        groupBy: 'week',
      });
      expect(screen.getByText(/^计算于 .+（沿用最近一次相同条件的结果）$/)).toBeTruthy();
    });

  it('formats fen as yuan, shares as percentages, and a row of no category as the whole store', async () => {
    fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/sales?from=2026-11-01&to=2026-11-30', admin);

    const table = await screen.findByRole('table');
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual([
      '期间（起始日）',
      '门店',
      '品类',
      '消费笔数',
      '销售额',
      '客单价',
      '会员消费占比',
    ]);
    const [, first, second] = within(table).getAllByRole('row');
    await waitFor(() =>
      expect(
        within(first!)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ).toEqual(['2026-11-01', '星巴克 B1', '全部品类', '4', '¥512.00', '¥128.00', '50.0%']),
    );
    expect(within(second!).getByText('66.7%')).toBeTruthy();
    // Categories break a store down: the chart stacks the stores' totals only, the busiest first.
    const chart = await screen.findByRole('img', { name: /^销售，/ });
    expect(chart.getAttribute('data-series')).toBe('l2-003|星巴克 B1');
  });

  it('names stores for an analyst, who has no store list, by the names the report gives', async () => {
    fakeReportApi((name) =>
      jsonAnswer(
        succeededRun(name, undefined, { storeNames: { 'b1-017': '星巴克 B1', 'l2-003': '优衣库 L2' } }),
      ),
    );
    renderAnalytics('/analytics/sales?from=2026-11-01&to=2026-11-30');
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByText('星巴克 B1')).toHaveLength(2));
    expect(within(table).getByText('优衣库 L2')).toBeTruthy();
  });

  it('draws the retention of cohorts and the moves between tiers as heat tables', async () => {
    fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/cohorts');
    const retention = await screen.findByRole('table', { name: '留存率' });
    expect(within(retention).getByRole('row', { name: /2026-09/ }).textContent).toContain('42.0%');

    fireEvent.click(screen.getByRole('tab', { name: '等级' }));
    const moves = await screen.findByRole('table', { name: '等级变动（期间合计）' });
    expect(within(moves).getByRole('row', { name: /^bronze/ }).textContent).toBe('bronze6');
  });

  it('says the archive holds nothing for the choices rather than drawing an empty chart', async () => {
    fakeReportApi((name) =>
      jsonAnswer(succeededRun(name, { columns: REPORT_TABLES[name].columns, rows: [] })),
    );
    renderAnalytics('/analytics/points');

    expect(await screen.findByText('所选条件下没有数据')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /^积分，/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /下载 CSV/ })).toBeNull();
  });

  it("says in words why a report failed, from the run's error code", async () => {
    fakeReportApi((name) =>
      jsonAnswer(
        succeededRun(name, undefined, {
          status: 'failed',
          columns: [],
          rows: [],
          error: { code: 'REPORT_TOO_LARGE', message: 'The report has 60000 rows' },
        }),
      ),
    );
    renderAnalytics('/analytics/sales?from=2026-01-01&to=2026-11-30&groupBy=day');

    expect(await screen.findByText('报表生成失败')).toBeTruthy();
    expect(screen.getByText('报表行数过多。请缩短统计期间、改用更长的统计周期，或减少门店。')).toBeTruthy();
    expect(screen.queryByText(/60000/)).toBeNull();
  });

  it("says in words why the API refused the report, from the problem's code", async () => {
    fakeReportApi(() => problemAnswer(404, 'NOT_FOUND'));
    renderAnalytics('/analytics/stores');

    expect(await screen.findByText('报表生成失败')).toBeTruthy();
    expect(screen.queryByText(/NOT_FOUND/)).toBeNull();
  });

  it('downloads the CSV with Accept: text/csv and the token, saved under the name the API gives', async () => {
    const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    const saved: { name: string; text: Promise<string> }[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:report'), revokeObjectURL: vi.fn() }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const blob = (URL.createObjectURL as ReturnType<typeof vi.fn>).mock.calls.at(-1)![0] as Blob;
      saved.push({ name: this.download, text: blob.text() });
    });
    renderAnalytics('/analytics/points?from=2026-11-01&to=2026-11-30');

    fireEvent.click(await screen.findByRole('button', { name: /下载 CSV/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const download = calls.find((call) => call.accept === 'text/csv')!;
    expect(download).toMatchObject({
      method: 'GET',
      path: `/v1/admin/reports/${REPORT_ID}`,
      authorization: 'Bearer token',
    });
    expect(saved[0]!.name).toBe('points-2026-11-01-2026-11-30.csv');
    // Byte-order mark kept, for Excel.
    expect((await saved[0]!.text).startsWith('\uFEFFperiod,issued')).toBe(true);
    click.mockRestore();
  });

  it('runs the choices made only when asked, and puts them in the URL', async () => {
    const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/members?from=2026-11-01&to=2026-11-30&groupBy=day');
    await screen.findByRole('table');

    fireEvent.click(screen.getByText('按月'));
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /生成报表/ }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2));
    expect(JSON.parse(calls.filter((call) => call.method === 'POST')[1]!.body!)).toMatchObject({
      groupBy: 'month',
    });
    // The same choices again: the report is asked for again (the API answers its recent run).
    fireEvent.click(await screen.findByRole('button', { name: /重新生成/ }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(3));
  });

  it('names the stores of the URL, and offers the store filter only to staff who see every store', async () => {
    const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/stores?from=2026-11-01&to=2026-11-30&stores=b1-017,l2-003', admin);
    await screen.findByRole('table');
    expect(JSON.parse(calls.find((call) => call.method === 'POST')!.body!)).toMatchObject({
      storeIds: ['b1-017', 'l2-003'],
    });
    expect(screen.getByRole('combobox', { name: '门店' })).toBeTruthy();
  });

  it('leaves the store filter out for a store manager, whose reports cover their stores', async () => {
    const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/stores', storeManager);
    await screen.findByRole('table');
    expect(screen.queryByRole('combobox', { name: '门店' })).toBeNull();
    expect(JSON.parse(calls.find((call) => call.method === 'POST')!.body!)).not.toHaveProperty('storeIds');
    // The reconciliation is the whole programme's: not offered, and its URL leads to the sales report.
    expect(screen.queryByRole('tab', { name: '积分对账' })).toBeNull();
  });

  it('runs the reconciliation for the whole programme, whatever stores the URL carried over', async () => {
    const calls = fakeReportApi((name) => jsonAnswer(succeededRun(name)));
    renderAnalytics('/analytics/reconciliation?from=2026-11-01&to=2026-11-30&stores=b1-017', admin);
    const table = await screen.findByRole('table');
    expect(screen.queryByRole('combobox', { name: '门店' })).toBeNull();
    expect(JSON.parse(calls.find((call) => call.method === 'POST')!.body!)).not.toHaveProperty('storeIds');
    const cells = within(table)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(cells).toContain('期间合计发放15,09515,0950');
    expect(cells).toContain('2026-11-03兑换300307-7');
  });
});
