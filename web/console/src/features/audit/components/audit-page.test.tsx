// The audit screen as an admin uses it: filters sent as the API takes them, pages followed by cursor,
// an entry opened with its before and after as rows, actors named by name and email.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Outlet, Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, renderWithProviders } from '@/testing/render';
import { AuditPage } from './audit-page';

const entry = (n: number, overrides: Record<string, unknown> = {}) => ({
  actor: '01JC9T5V3W7X1Y4Z8A2B6C0D3E',
  actorKind: 'staff',
  actorName: '李娜',
  actorEmail: 'li.na@sbm-plaza.cn',
  roles: ['support'],
  action: 'loyalty.adjust',
  target: `customer:member-${n}`,
  before: { balance: 3280, name: '***娜' },
  after: { balance: 3780, name: '***娜', note: '停车券补偿' },
  correlationId: `corr-${n}`,
  sourceIp: '203.0.113.24',
  at: `2026-12-0${n}T02:47:13.406Z`,
  ...overrides,
});

function fakeAuditApi() {
  const searches: URLSearchParams[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === '/v1/admin/staff') return jsonAnswer({ items: [], nextCursor: null });
      searches.push(url.searchParams);
      return url.searchParams.get('cursor') === 'page-2'
        ? jsonAnswer({
            items: [
              entry(1, {
                actorKind: 'unidentified',
                actor: 'unidentified',
                actorName: undefined,
                actorEmail: undefined,
                action: 'staff.sign-in-failed',
                before: undefined,
                after: undefined,
              }),
            ],
          })
        : jsonAnswer({ items: [entry(2)], nextCursor: 'page-2' });
    }),
  );
  return searches;
}

const profile = {
  id: 'me',
  name: 'Admin',
  email: null,
  roles: ['admin'],
  permissions: new Set(['audit:read']),
};
const renderAudit = () =>
  renderWithProviders(
    <Routes>
      <Route element={<Outlet context={profile} />}>
        <Route path="/audit" element={<AuditPage />} />
      </Route>
    </Routes>,
    { route: '/audit', session: { status: 'signedIn', accessToken: 'token' } },
  );

describe('the audit screen', () => {
  it('searches by the actor as typed, and follows the cursor to the next page and back', async () => {
    const searches = fakeAuditApi();
    renderAudit();
    await screen.findByText('li.na@sbm-plaza.cn');

    fireEvent.change(screen.getByRole('combobox', { name: '操作人' }), { target: { value: '李娜' } });
    fireEvent.click(screen.getByRole('button', { name: /查询/ }));
    await waitFor(() => expect(searches.at(-1)?.get('actor')).toBe('李娜'));
    expect(searches.at(-1)?.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The pager waits for the search's answer, whose cursor it follows.
    const next = screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement;
    await waitFor(() => expect(next.disabled).toBe(false));
    fireEvent.click(next);
    expect(await screen.findByText('未识别身份')).toBeTruthy();
    expect(searches.at(-1)?.get('cursor')).toBe('page-2');
    expect(searches.at(-1)?.get('actor')).toBe('李娜');
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    expect(await screen.findByText('li.na@sbm-plaza.cn')).toBeTruthy();
  });

  it("opens an entry's before and after as field rows, masked data as kept", async () => {
    fakeAuditApi();
    renderAudit();
    fireEvent.click(await screen.findByRole('button', { name: /查看/ }));

    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('变更内容');
    // The changes are the drawer's last table (the first describes who, when and where from).
    const rows = within(within(drawer).getAllByRole('table').at(-1)!)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual([
      '字段变更前变更后',
      'balance已修改32803780',
      'name***娜***娜',
      'note新增—停车券补偿',
    ]);
    expect(within(drawer).getByText('李娜')).toBeTruthy();
  });
});
