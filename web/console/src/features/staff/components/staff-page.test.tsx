// The Staff screen as an admin uses it: staff page by page with the API's cursors, who has two-factor
// sign-in, and the actions an admin has (none for a viewer without staff:write).
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Outlet, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { StaffProfile } from '@/features/auth';
import { jsonAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { StaffPage } from './staff-page';

const member = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `S${n}`,
  email: `staff${n}@sbm.local`,
  name: `员工${n}`,
  roles: ['marketer'],
  storeIds: [],
  active: true,
  twoFactorEnabled: false,
  createdAt: '2026-11-02T01:15:27.381Z',
  ...extra,
});

function renderPage(permissions: string[]) {
  const profile: StaffProfile = {
    id: 'ADMIN',
    name: 'Demo Admin',
    email: 'admin@sbm.local',
    roles: ['admin'],
    permissions: new Set(permissions),
  };
  return renderWithProviders(
    <Routes>
      <Route element={<Outlet context={profile} />}>
        <Route index element={<StaffPage />} />
      </Route>
    </Routes>,
    { session: { status: 'signedIn', accessToken: 'access-1' } },
  );
}

function answering(pages: Record<string, unknown>) {
  const lists: (string | null)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const call = await requestOf(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      if (call.path === '/v1/admin/stores')
        return jsonAnswer({
          items: [{ storeId: 'demo-store', name: '示范店', createdAt: '2026-01-01T00:00:00Z' }],
        });
      if (call.path === '/v1/admin/two-factor-policy')
        return jsonAnswer({ requiredForAdmins: false, updatedAt: null });
      const cursor = url.searchParams.get('cursor');
      lists.push(cursor);
      return jsonAnswer(pages[cursor ?? 'first']);
    }),
  );
  return lists;
}

describe('the Staff screen', () => {
  it('pages through staff with the cursors the API gives, back and forth', async () => {
    const lists = answering({
      first: { items: [member(1, { twoFactorEnabled: true }), member(2)], nextCursor: 'cursor-2' },
      'cursor-2': {
        items: [member(3, { roles: ['store_manager'], storeIds: ['demo-store'] })],
        nextCursor: null,
      },
    });
    renderPage(['staff:read', 'staff:write']);

    const first = await screen.findByRole('row', { name: /员工1/ });
    expect(within(first).getByText('已开启')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /员工2/ })).getByText('未开启')).toBeTruthy();
    expect((screen.getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    const third = await screen.findByRole('row', { name: /员工3/ });
    expect(within(third).getByText('门店经理')).toBeTruthy();
    expect(within(third).getByText('示范店')).toBeTruthy();
    expect(screen.getByText('第 2 页')).toBeTruthy();
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    await screen.findByRole('row', { name: /员工1/ });
    expect(lists.slice(0, 2)).toEqual([null, 'cursor-2']);
  }, 20_000);

  it('says so when there is nobody yet', async () => {
    answering({ first: { items: [], nextCursor: null } });
    renderPage(['staff:read', 'staff:write']);
    expect(await screen.findByText('还没有员工。添加第一位员工后，他们即可用邮箱和密码登录。')).toBeTruthy();
  });

  it('offers no changes to a viewer without staff:write', async () => {
    answering({ first: { items: [member(1)], nextCursor: null } });
    renderPage(['staff:read']);
    await screen.findByRole('row', { name: /员工1/ });
    expect(screen.queryByRole('button', { name: '添加员工' })).toBeNull();
    expect(screen.queryByRole('button', { name: /更多操作/ })).toBeNull();
    await waitFor(() =>
      expect(
        (screen.getByRole('switch', { name: '管理员须开启两步验证' }) as HTMLButtonElement).disabled,
      ).toBe(true),
    );
  });
});
