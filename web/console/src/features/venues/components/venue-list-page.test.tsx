// The venue list as staff see it: each venue's kind, store, capacity and status, a link to its day view,
// the kind filter in the URL, and a new venue only for staff who may write venues.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer } from '@/testing/render';
import { admin, renderVenues, supportDesk } from '../testing/render-section';

const base = {
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  closedDates: [],
  specialHours: {},
  slotMinutes: 60,
  minNoticeMinutes: 0,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 60,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  createdAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T06:00:00.000Z',
  version: 1,
};
const workshop = {
  ...base,
  id: 'atrium-workshop',
  name: '中庭手作工坊',
  kind: 'event',
  capacity: { mode: 'pool', coversPerSlot: 10 },
};
const hotpot = {
  ...base,
  id: 'plaza-hotpot',
  name: '海底捞',
  kind: 'restaurant',
  storeId: 'plaza-l5-002',
  status: 'inactive',
  slotMinutes: 90,
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2', name: '2人桌', seats: 2, active: true },
      { id: 't4', name: '4人桌', seats: 4, active: true },
      { id: 't6', name: '6人桌', seats: 6, active: false },
    ],
  },
};

function fakeApi() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      asked.push(`${url.pathname}${url.search}`);
      if (url.pathname === '/v1/admin/stores')
        return jsonAnswer({
          items: [
            { storeId: 'plaza-l5-002', name: '海底捞（L5-002）', active: true, createdAt: base.createdAt },
          ],
          nextCursor: null,
        });
      const kind = url.searchParams.get('kind');
      return jsonAnswer({
        items: [workshop, hotpot].filter((venue) => !kind || venue.kind === kind),
        nextCursor: null,
      });
    }),
  );
  return asked;
}

describe('the venue list', () => {
  it("shows each venue's kind, store, capacity and status, and links it to its day view", async () => {
    fakeApi();
    renderVenues({ ...admin, route: '/venues' });

    const hotpotRow = (await screen.findByRole('link', { name: '海底捞' })).closest('tr')!;
    const row = within(hotpotRow as HTMLElement);
    expect(row.getByText('餐厅')).toBeTruthy();
    expect(row.getByText('海底捞（L5-002）')).toBeTruthy();
    expect(row.getByText('按资源：2 个，共 6 座 （另有 1 个已停用）')).toBeTruthy();
    expect(row.getByText('每 90 分钟一个时段')).toBeTruthy();
    expect(row.getByText('已停用')).toBeTruthy();
    expect(row.getByRole('link', { name: '查看“海底捞”的当日预约' }).getAttribute('href')).toBe(
      '/bookings?venue=plaza-hotpot',
    );
    const workshopRow = within(
      screen.getByRole('link', { name: '中庭手作工坊' }).closest('tr') as HTMLElement,
    );
    expect(workshopRow.getByText('商场')).toBeTruthy();
    expect(workshopRow.getByText('按人数：每时段 10 位')).toBeTruthy();
    expect(workshopRow.getByText('接受预约')).toBeTruthy();
    expect(screen.getByRole('link', { name: '中庭手作工坊' }).getAttribute('href')).toBe(
      '/venues/atrium-workshop',
    );

    fireEvent.click(screen.getByRole('button', { name: /新建场地/ }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/venues/new'));
  }, 30_000);

  it('filters by kind through the URL and asks the API for that kind', async () => {
    const asked = fakeApi();
    renderVenues({ ...admin, route: '/venues?kind=event' });

    expect(await screen.findByRole('link', { name: '中庭手作工坊' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '海底捞' })).toBeNull();
    expect(asked).toContain('/v1/admin/venues?limit=20&kind=event');
    expect(screen.getByTestId('location').textContent).toBe('/venues?kind=event');
  });

  it('offers staff who only read venues no new venue, and names no store it cannot read', async () => {
    const asked = fakeApi();
    renderVenues({ ...supportDesk, route: '/venues' });

    const row = within((await screen.findByRole('link', { name: '海底捞' })).closest('tr') as HTMLElement);
    expect(row.getByText('plaza-l5-002')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新建场地/ })).toBeNull();
    expect(asked.some((path) => path.startsWith('/v1/admin/stores'))).toBe(false);
  });

  it('says when there is no venue yet', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonAnswer({ items: [], nextCursor: null })),
    );
    renderVenues({ ...admin, route: '/venues' });
    expect(await screen.findByText('新建场地后，会员即可在线预约。')).toBeTruthy();
  });
});
