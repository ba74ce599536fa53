// Member 360 as each role sees it: the profile exactly as the API masked it, the points account, and
// only the actions and tabs the staff member's permissions allow.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Outlet, Route, Routes } from 'react-router';
import type { StaffProfile } from '@/features/auth';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import MemberPage from './member-page';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };
const customerId = '01JD3Q8Z6W4K9T2M5N7P1R3S5V';
const points = {
  customerId,
  balance: 3280,
  pending: 128,
  lifetimeEarned: 5120,
  qualifyingPoints: 4210,
  tier: { code: 'silver', name: 'Silver', benefits: [] },
  memberSince: '2026-11-02T03:14:10.021Z',
  expiring: { within30Days: 0, within60Days: 420, within90Days: 500 },
  nextTier: { code: 'gold', name: 'Gold', qualifyingPoints: 5000 },
  pointsToNextTier: 790,
};
const redemption = (id: string, status: 'issued' | 'cancelled', codeStatus: 'issued' | 'redeemed') => ({
  redemptionId: id,
  rewardId: 'r-1',
  rewardName: `Parking ${id}`,
  quantity: 1,
  pointsSpent: 300,
  status,
  redeemedAt: '2026-11-20T11:05:31.208Z',
  vouchers: [{ maskedCode: `********${id}`, status: codeStatus, expiresAt: '2026-12-20T11:05:31.208Z' }],
});

function fakeApi(customer: Record<string, unknown>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { path } = await requestOf(input, init);
      if (path === `/v1/admin/customers/${customerId}`) return jsonAnswer({ customer, points });
      if (path.endsWith('/ledger')) return jsonAnswer({ items: [], nextCursor: null });
      if (path.endsWith('/vouchers'))
        return jsonAnswer({
          items: [
            redemption('AAA1', 'issued', 'issued'),
            redemption('BBB2', 'issued', 'redeemed'),
            redemption('CCC3', 'cancelled', 'issued'),
          ],
          nextCursor: null,
        });
      if (path.endsWith('/campaigns')) return jsonAnswer({ items: [] });
      if (path.endsWith('/bookings'))
        return jsonAnswer({
          items: [
            {
              bookingId: 'b-1',
              status: 'confirmed',
              venueId: 'demo-restaurant',
              venueName: 'Harbour Kitchen',
              venueKind: 'restaurant',
              start: '2026-12-12T19:00:00+08:00',
              end: '2026-12-12T20:30:00+08:00',
              partySize: 3,
              channel: 'member',
              createdAt: '2026-12-06T09:00:00.000Z',
            },
          ],
          nextCursor: null,
        });
      if (path === '/v1/admin/privacy-requests') return jsonAnswer({ items: [] });
      return problemAnswer(404, 'NOT_FOUND');
    }),
  );
}

function renderMember(permissions: string[]) {
  const staff: StaffProfile = {
    id: 's',
    name: 'S',
    email: null,
    roles: [],
    permissions: new Set(permissions),
  };
  return renderWithProviders(
    <Routes>
      <Route element={<Outlet context={staff} />}>
        <Route path="/customers/:customerId" element={<MemberPage />} />
      </Route>
    </Routes>,
    { route: `/customers/${customerId}`, session: signedIn },
  );
}

describe('member 360', () => {
  it('shows a role without customers:pii the profile as the API masked it, and no action it lacks', async () => {
    fakeApi({
      id: customerId,
      name: '王**',
      phone: '138****5678',
      birthday: '****-05-**',
      memberSince: points.memberSince,
    });
    renderMember(['customers:read', 'loyalty:read']);
    expect(await screen.findByRole('heading', { name: '王**', level: 1 })).toBeTruthy();
    expect(screen.getByText('138****5678')).toBeTruthy();
    expect(screen.getByText('****-05-**')).toBeTruthy();
    expect(screen.getByText(/您的角色看不到会员个人信息/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /调整积分/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /补录消费/ })).toBeNull();
    expect(screen.queryByRole('tab', { name: '隐私请求' })).toBeNull();
  });

  it('shows the points account: balance, pending, lifetime, tier progress and what expires', async () => {
    fakeApi({ id: customerId, name: '王小明', memberSince: points.memberSince });
    renderMember(['customers:read', 'customers:pii', 'loyalty:read', 'loyalty:adjust']);
    const card = (await screen.findByRole('heading', { name: '积分账户' })).closest(
      '.ant-card',
    ) as HTMLElement;
    for (const text of ['3,280', '128', '5,120', 'Silver', '距 Gold 还差 790 定级积分', '420', '500'])
      expect(within(card).getByText(text)).toBeTruthy();
    expect(screen.getByRole('button', { name: /调整积分/ })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '隐私请求' })).toBeTruthy();
  });

  it('offers to cancel only a standing redemption none of whose codes was used, to staff who may', async () => {
    fakeApi({ id: customerId, name: '王小明', memberSince: points.memberSince });
    renderMember(['customers:read', 'customers:pii', 'redemptions:cancel']);
    fireEvent.click(await screen.findByRole('tab', { name: '兑换与券' }));
    await screen.findByText('********AAA1');
    expect(screen.getAllByRole('button', { name: /取消兑换/ }).map((b) => b.textContent)).toEqual([
      '取消兑换 Parking AAA1',
    ]);
    expect(screen.getByText('已核销')).toBeTruthy();
  });

  it('shows the bookings tab only to staff who may read bookings', async () => {
    fakeApi({ id: customerId, name: '王小明', memberSince: points.memberSince });
    renderMember(['customers:read', 'customers:pii', 'bookings:read']);
    fireEvent.click(await screen.findByRole('tab', { name: '预约' }));
    expect(await screen.findByText('Harbour Kitchen')).toBeTruthy();
    expect(screen.getByText('已确认')).toBeTruthy();
    cleanup();
    renderMember(['customers:read', 'customers:pii']);
    await screen.findByRole('tab', { name: '参与的活动' });
    expect(screen.queryByRole('tab', { name: '预约' })).toBeNull();
  });
});
