// The campaign list as a marketer and an analyst read it: results per campaign, filters in the URL sent
// to the API, pages by cursor, and a designed empty state with the way to create one (for writers only).
import { fireEvent, screen, within } from '@testing-library/react';
import { Outlet, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonAnswer, renderWithProviders } from '@/testing/render';
import { CampaignListPage } from './campaign-list-page';

const campaign = (n: number, status = 'active') => ({
  campaignId: `C${n}`,
  status,
  version: 1,
  definition: {
    name: `Campaign ${n}`,
    description: '',
    trigger: { kind: 'purchase' },
    conditions: {},
    effects: { bonusPoints: { kind: 'multiplier', factor: 2 } },
    limits: {},
    priority: 100,
    exclusive: false,
    optIn: false,
    visibleToMembers: true,
    startsAt: '2026-12-11T16:00:00.000Z',
    endsAt: '2026-12-13T16:00:00.000Z',
  },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  results: {
    participants: 12,
    awards: 15,
    pointsAwarded: 1_920,
    pointsReversed: 0,
    participantRevenue: 1_234_567,
    couponsIssued: 0,
    couponsRedeemed: 0,
  },
});

function fakeList(pages: Record<string, { items: unknown[]; nextCursor: string | null }>) {
  const urls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      urls.push(url);
      return jsonAnswer(pages[url.searchParams.get('cursor') ?? ''] ?? { items: [], nextCursor: null });
    }),
  );
  return urls;
}

function renderAs(permissions: string[], route = '/campaigns') {
  const profile = { id: 's1', name: '李娜', email: null, roles: [], permissions: new Set(permissions) };
  return renderWithProviders(
    <Routes>
      <Route element={<Outlet context={profile} />}>
        <Route path="/campaigns" element={<CampaignListPage />} />
      </Route>
    </Routes>,
    { route, session: { status: 'signedIn', accessToken: 'token' } },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the campaign list', () => {
  it('shows each campaign with its status and results, in yuan', async () => {
    fakeList({ '': { items: [campaign(1)], nextCursor: null } });
    renderAs(['campaigns:read', 'campaigns:write']);
    const row = (await screen.findByRole('link', { name: 'Campaign 1' })).closest('tr')!;
    expect(within(row).getByText('进行中')).toBeDefined();
    expect(within(row).getByText('¥12,345.67')).toBeDefined();
    expect(within(row).getByText('1,920')).toBeDefined();
  });

  it('asks the API for the filter in the URL and goes on with the cursor it gave', async () => {
    const urls = fakeList({
      '': { items: [campaign(1, 'paused')], nextCursor: 'page-2' },
      'page-2': { items: [campaign(2, 'paused')], nextCursor: null },
    });
    renderAs(['campaigns:read'], '/campaigns?status=paused&trigger=purchase');
    await screen.findByRole('link', { name: 'Campaign 1' });
    expect(urls[0]!.searchParams.get('status')).toBe('paused');
    expect(urls[0]!.searchParams.get('trigger')).toBe('purchase');
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    await screen.findByRole('link', { name: 'Campaign 2' });
    expect(urls.at(-1)!.searchParams.get('cursor')).toBe('page-2');
    expect(urls.at(-1)!.searchParams.get('status')).toBe('paused');
    fireEvent.click(screen.getByRole('button', { name: /上一页/ }));
    await screen.findByRole('link', { name: 'Campaign 1' });
  });

  it('shows a designed empty state, with the way to create a campaign only to those who may', async () => {
    fakeList({});
    const { unmount } = renderAs(['campaigns:read', 'campaigns:write']);
    await screen.findByText('还没有营销活动');
    expect(screen.getAllByRole('button', { name: /新建活动/ }).length).toBe(2);
    unmount();
    renderAs(['campaigns:read']);
    await screen.findByText('还没有营销活动');
    expect(screen.queryByRole('button', { name: /新建活动/ })).toBeNull();
  });
});
