// The store list pages with the API's cursors, back and forth, and offers creating stores only to staff who may.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer } from '@/testing/render';
import { managerPermissions, renderAsStaff } from '../testing/render-section';
import { StoreListPage } from './store-list-page';

const store = (storeId: string, name: string, active = true) => ({
  storeId,
  name,
  active,
  createdAt: '2026-10-20T02:05:44.019Z',
});

function fakeStores() {
  const asked: (string | null)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const cursor = new URL(input instanceof Request ? input.url : String(input)).searchParams.get('cursor');
      asked.push(cursor);
      return cursor === 'page-2'
        ? jsonAnswer({ items: [store('plaza-l2-031', 'UNIQLO', false)], nextCursor: null })
        : jsonAnswer({ items: [store('plaza-b1-017', 'Manner Coffee')], nextCursor: 'page-2' });
    }),
  );
  return asked;
}

describe('the store list', () => {
  it('goes to the next page with its cursor and back to the first', async () => {
    const asked = fakeStores();
    renderAsStaff(<StoreListPage />, { roles: ['admin'], permissions: ['stores:read', 'stores:write'] });

    expect(await screen.findByRole('link', { name: 'Manner Coffee' })).toBeTruthy();
    expect(screen.getByText('营业中')).toBeTruthy();
    expect((screen.getByRole('button', { name: '上一页' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));

    expect(await screen.findByRole('link', { name: 'UNIQLO' })).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
    expect(screen.getByText('第 2 页')).toBeTruthy();
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    expect(await screen.findByRole('link', { name: 'Manner Coffee' })).toBeTruthy();
    expect(asked.slice(0, 2)).toEqual([null, 'page-2']);
    expect(screen.getByRole('button', { name: /新建门店/ })).toBeTruthy();
  });

  it('offers a store manager no new store, and says so when they have none', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonAnswer({ items: [], nextCursor: null })),
    );
    renderAsStaff(<StoreListPage />, { roles: ['store_manager'], permissions: managerPermissions });

    expect(await screen.findByText('您的账号还没有分配门店，请联系管理员。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新建门店/ })).toBeNull();
    expect(screen.queryByRole('navigation', { name: '分页' })).toBeNull();
  });
});
