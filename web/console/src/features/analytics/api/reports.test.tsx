// The report run as a screen sees it: asked for once, read again with a backoff until it ends, and left alone once gone.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { REPORT_ID, succeededRun } from '../testing/report-fixtures';
import { makeStore } from '@/app/store';
import { downloadReportCsv, fileNameOf, requestKey, useReportRun, type ReportRequest } from './reports';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };

function Probe({ request, attempt = 0 }: { request?: ReportRequest; attempt?: number }) {
  const state = useReportRun(request, attempt);
  const text = [
    state.status,
    'reused' in state && (state.reused ? 'reused' : 'fresh'),
    state.status === 'succeeded' && `rows=${state.run.rows.length}`,
    state.status === 'failed' && `code=${state.run.error?.code}`,
    state.status === 'error' && `problem=${state.error.code}`,
  ].filter(Boolean);
  return <output>{text.join(' ')}</output>;
}

/** A screen whose grouping changes at the press of a button. */
function Regrouping() {
  const [groupBy, setGroupBy] = useState<'week' | 'month'>('week');
  return (
    <>
      <button onClick={() => setGroupBy('month')}>by month</button>
      <Probe request={{ ...points, groupBy }} />
    </>
  );
}

/** An API whose report answers `statuses` one read after another (the last one again after). */
function fakeReports(
  statuses: ('queued' | 'running' | 'succeeded' | 'failed')[],
  requested: { status: 'queued' | 'running' | 'succeeded' | 'failed'; reused: boolean } = {
    status: 'queued',
    reused: false,
  },
) {
  const calls: { method: string; path: string; at: number; body?: string }[] = [];
  let reads = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { method, path, body } = await requestOf(input, init);
      calls.push({ method, path, at: Date.now(), body });
      if (method === 'POST' && path === '/v1/admin/reports')
        return jsonAnswer({ reportId: REPORT_ID, ...requested }, 202);
      const status = statuses[Math.min(reads++, statuses.length - 1)]!;
      return jsonAnswer(
        status === 'succeeded'
          ? succeededRun('points')
          : succeededRun('points', undefined, {
              status,
              columns: [],
              rows: [],
              generatedAt: status === 'failed' ? '2026-12-01T01:00:03.000Z' : null,
              error:
                status === 'failed'
                  ? { code: 'REPORT_TOO_LARGE', message: 'The report has too many rows' }
                  : null,
            }),
      );
    }),
  );
  return calls;
}

const points: ReportRequest = { report: 'points', from: '2026-11-01', to: '2026-11-30', groupBy: 'week' };

describe('a report run', () => {
  it('asks once, then reads after 0.5 s, 1 s and 2 s until the report has succeeded', async () => {
    const calls = fakeReports(['queued', 'running', 'succeeded']);
    renderWithProviders(<Probe request={points} />, { session: signedIn });

    expect(await screen.findByText('running fresh')).toBeTruthy();
    expect(await screen.findByText('succeeded fresh rows=2', undefined, { timeout: 6_000 })).toBeTruthy();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v1/admin/reports',
      `GET /v1/admin/reports/${REPORT_ID}`,
      `GET /v1/admin/reports/${REPORT_ID}`,
      `GET /v1/admin/reports/${REPORT_ID}`,
    ]);
    expect(JSON.parse(calls[0]!.body!)).toEqual(points);
    const waits = calls.slice(1).map((call, i) => call.at - calls[i]!.at);
    // 0.5 s, 1 s, 2 s: each wait at least its step (timers never fire early), and each longer than the last.
    expect(waits[0]).toBeGreaterThanOrEqual(490);
    expect(waits[1]).toBeGreaterThanOrEqual(990);
    expect(waits[2]).toBeGreaterThanOrEqual(1_990);
  }, 10_000);

  it('reads a reused run that has already succeeded at once', async () => {
    const calls = fakeReports(['succeeded'], { status: 'succeeded', reused: true });
    renderWithProviders(<Probe request={points} />, { session: signedIn });

    expect(await screen.findByText('succeeded reused rows=2')).toBeTruthy();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeLessThan(400);
  });

  it('stops at a failed run, with its code', async () => {
    fakeReports(['failed']);
    renderWithProviders(<Probe request={points} />, { session: signedIn });

    expect(await screen.findByText('failed fresh code=REPORT_TOO_LARGE')).toBeTruthy();
  });

  it('says why the request was refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problemAnswer(403, 'FORBIDDEN')),
    );
    renderWithProviders(<Probe request={points} />, { session: signedIn });

    expect(await screen.findByText('error problem=FORBIDDEN')).toBeTruthy();
  });

  it('reads no more once the screen is gone', async () => {
    const calls = fakeReports(['running']);
    const { unmount } = renderWithProviders(<Probe request={points} />, { session: signedIn });
    await waitFor(() => expect(calls).toHaveLength(2), { timeout: 2_000 });
    unmount();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(calls).toHaveLength(2);
  }, 5_000);

  it('starts over when the parameters change, leaving the first run', async () => {
    const calls = fakeReports(['running']);
    renderWithProviders(<Regrouping />, { session: signedIn });
    await waitFor(() => expect(calls).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: 'by month' }));
    await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2));
    await waitFor(() => expect(calls).toHaveLength(3), { timeout: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 700));
    // One read, the second run's: the first run's timer was cleared when its parameters went.
    expect(calls.filter((call) => call.method === 'GET')).toHaveLength(1);
    expect(JSON.parse(calls[1]!.body!)).toMatchObject({ groupBy: 'month' });
  }, 5_000);

  it('runs nothing without a request', async () => {
    const calls = fakeReports(['succeeded']);
    renderWithProviders(<Probe />, { session: signedIn });
    expect(await screen.findByText('idle')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });
});

describe('report requests and files', () => {
  it('treats the same stores in another order as the same request', () => {
    expect(requestKey({ ...points, storeIds: ['b', 'a'] })).toBe(
      requestKey({ ...points, storeIds: ['a', 'b'] }),
    );
    expect(requestKey(points)).not.toBe(requestKey({ ...points, groupBy: 'day' }));
  });

  it('reads the file name of a content-disposition', () => {
    expect(fileNameOf('attachment; filename="points-2026-11-01-2026-11-30.csv"')).toBe(
      'points-2026-11-01-2026-11-30.csv',
    );
    expect(fileNameOf("attachment; filename*=UTF-8''%E9%94%80%E5%94%AE.csv")).toBe('销售.csv');
    expect(fileNameOf(null)).toBeUndefined();
  });

  it('downloads the CSV through the session: a 401 renews the token once and the file is asked for again', async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const { method, path, headers } = await requestOf(input, init);
        calls.push(`${method} ${path} ${headers.get('authorization')} ${headers.get('accept')}`);
        if (path === '/v1/admin/auth/refresh')
          return jsonAnswer({
            accessToken: 'new-token',
            expiresIn: 900,
            staff: { id: 'S1', roles: ['admin'] },
          });
        if (headers.get('authorization') !== 'Bearer new-token') return problemAnswer(401, 'UNAUTHORIZED');
        return new Response('\uFEFFstore_id\r\n', {
          headers: { 'content-disposition': 'attachment; filename="stores-2026-11-01-2026-11-30.csv"' },
        });
      }),
    );
    const store = makeStore({ session: { status: 'signedIn', accessToken: 'old-token', ended: null } });

    const file = await store
      .dispatch(downloadReportCsv.initiate({ reportId: REPORT_ID, fallbackName: 'stores.csv' }))
      .unwrap();

    expect(file.fileName).toBe('stores-2026-11-01-2026-11-30.csv');
    expect(file.content).toContain('store_id');
    expect(calls).toEqual([
      `GET /v1/admin/reports/${REPORT_ID} Bearer old-token text/csv`,
      expect.stringMatching(/^POST \/v1\/admin\/auth\/refresh /),
      `GET /v1/admin/reports/${REPORT_ID} Bearer new-token text/csv`,
    ]);
  });
});
