// Finding a member as the service desk does: the member code goes straight to the member (or says in
// words why not), a phone search lists what the API answered as it answered it, and a role without
// customers:pii is not offered a name search.
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Outlet, Route, Routes, useLocation } from 'react-router';
import type { StaffProfile } from '@/features/auth';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { CustomerSearchPage } from './customer-search-page';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };
const staff = (permissions: string[]): StaffProfile => ({
  id: 's-1',
  name: '李娜',
  email: null,
  roles: [],
  permissions: new Set(permissions),
});
const masked = {
  id: '01JD3Q8Z6W4K9T2M5N7P1R3S5V',
  name: '王**',
  phone: '138****5678',
  birthday: '****-05-**',
  memberSince: '2026-11-02T03:14:10.021Z',
};

function Where() {
  return <span data-testid="where">{useLocation().pathname}</span>;
}

function renderSearch(permissions: string[]) {
  return renderWithProviders(
    <Routes>
      <Route element={<Outlet context={staff(permissions)} />}>
        <Route path="/customers" element={<CustomerSearchPage />} />
        <Route path="/customers/:customerId" element={<Where />} />
      </Route>
    </Routes>,
    { route: '/customers', session: signedIn },
  );
}

function fakeApi(answer: (path: string, query: URLSearchParams) => Response) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { path } = await requestOf(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      calls.push(`${path}${url.search}`);
      return answer(path, url.searchParams);
    }),
  );
  return calls;
}

const chooseMode = (name: string) => fireEvent.click(screen.getByRole('radio', { name }));
const find = (value: string, field: string) => {
  fireEvent.change(screen.getByRole('textbox', { name: field }), { target: { value } });
  fireEvent.click(screen.getByRole('button', { name: /查找/ }));
};

describe('finding a member', () => {
  it('opens the member whose current member code was scanned', async () => {
    const calls = fakeApi(() => jsonAnswer({ customer: masked }));
    renderSearch(['customers:read', 'customers:pii']);
    expect(screen.getByText('先查找一位会员')).toBeTruthy();
    find('483920571364', '会员码');
    expect((await screen.findByTestId('where')).textContent).toBe(`/customers/${masked.id}`);
    expect(calls).toEqual(['/v1/admin/member-codes/483920571364']);
  });

  it('says in words that a code expired, and refuses anything but 12 digits before asking', async () => {
    const calls = fakeApi(() => problemAnswer(404, 'MEMBER_CODE_UNKNOWN'));
    renderSearch(['customers:read']);
    find('12345', '会员码');
    expect(await screen.findByText('会员码为 12 位数字')).toBeTruthy();
    expect(calls).toEqual([]);
    find('483920571364', '会员码');
    expect(await screen.findByText(/会员码无效或已过期/)).toBeTruthy();
  });

  it('lists the members of a phone number exactly as the API masked them, and says when none match', async () => {
    fakeApi((_, query) =>
      jsonAnswer({ items: query.get('phone') === '13800005678' ? [masked] : [], nextCursor: null }),
    );
    renderSearch(['customers:read']);
    chooseMode('手机号');
    find('13800005678', '手机号');
    const row = (await screen.findByRole('link', { name: '王**' })).closest('tr')!;
    expect(within(row).getByText('138****5678')).toBeTruthy();
    expect(within(row).getByText('****-05-**')).toBeTruthy();
    find('13900000000', '手机号');
    expect(await screen.findByText('没有找到会员')).toBeTruthy();
  });

  it('offers the name search only to staff who may see names', () => {
    fakeApi(() => jsonAnswer({ items: [], nextCursor: null }));
    renderSearch(['customers:read']);
    expect(screen.queryByRole('radio', { name: '姓名' })).toBeNull();
    expect(screen.getAllByRole('radio')).toHaveLength(3);
  });

  it('searches by name for staff with customers:pii, a page at a time', async () => {
    const calls = fakeApi((_, query) =>
      jsonAnswer(
        query.get('cursor')
          ? { items: [{ ...masked, id: 'c-2', name: '王小红' }], nextCursor: null }
          : { items: [{ ...masked, name: '王小明' }], nextCursor: 'next-page' },
      ),
    );
    renderSearch(['customers:read', 'customers:pii']);
    chooseMode('姓名');
    find('王小', '姓名');
    expect(await screen.findByRole('link', { name: '王小明' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /下一页/ }));
    expect(await screen.findByRole('link', { name: '王小红' })).toBeTruthy();
    expect(calls.at(-1)).toContain('cursor=next-page');
    expect(calls.at(-1)).toContain(`name=${encodeURIComponent('王小')}`);
  });
});
