// The shell shows only the sections the staff member's permissions open, who they are, and sign-out.
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { jsonAnswer, problemAnswer, renderWithProviders } from '@/testing/render';
import { ConsoleLayout } from './console-layout';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };

function renderShell(me: () => Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => me()),
  );
  return renderWithProviders(
    <Routes>
      <Route element={<ConsoleLayout />}>
        <Route path="*" element={<p>page</p>} />
      </Route>
    </Routes>,
    { session: signedIn },
  );
}

const menuItems = async () => {
  const menu = await screen.findByRole('navigation', { name: '主菜单' });
  return within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent);
};

describe('the console shell', () => {
  it("shows the sections a store manager's permissions open, and no others", async () => {
    renderShell(() =>
      jsonAnswer({
        id: 'S1',
        name: '张伟',
        email: 'zhang.wei@sbm.local',
        roles: ['store_manager'],
        storeIds: ['plaza-b1-017'],
        permissions: ['stores:read', 'stores:keys', 'pos:operate', 'analytics:read'],
      }),
    );

    expect(await menuItems()).toEqual(['仪表盘', '门店与 POS', '数据分析']);
    expect(screen.getByText('张伟')).toBeTruthy();
    expect(screen.getByRole('button', { name: /退出登录/ })).toBeTruthy();
  });

  it('shows every section to an admin', async () => {
    renderShell(() =>
      jsonAnswer({
        id: 'S1',
        name: 'Admin',
        email: 'admin@sbm.local',
        roles: ['admin'],
        storeIds: [],
        permissions: [
          'customers:read',
          'rewards:write',
          'campaigns:read',
          'stores:read',
          'loyalty:configure',
          'analytics:read',
          'staff:write',
          'audit:read',
        ],
      }),
    );

    expect(await menuItems()).toEqual([
      '仪表盘',
      '会员',
      '礼品与权益',
      '营销活动',
      '门店与 POS',
      '积分规则',
      '数据分析',
      '员工',
      '审计日志',
    ]);
  });

  it('says when the account cannot be read, with a way to try again', async () => {
    renderShell(() => problemAnswer(503, 'UPSTREAM_UNAVAILABLE'));

    expect(await screen.findByRole('heading', { name: '无法读取您的账号信息' })).toBeTruthy();
    expect(screen.getByText('依赖的服务暂时不可用，请稍后再试。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
