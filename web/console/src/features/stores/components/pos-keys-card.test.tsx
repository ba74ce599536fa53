// A store's keys as staff read them: each state in words with its dates, and only the actions the staff may take.
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer } from '@/testing/render';
import { managerPermissions, renderAsStaff } from '../testing/render-section';
import { PosKeysCard } from './pos-keys-card';

const store = {
  storeId: 'plaza-b1-017',
  name: 'Manner Coffee',
  active: true,
  createdAt: '2026-10-20T02:05:44.019Z',
};
const keys = [
  {
    keyId: 'pk-old',
    storeId: store.storeId,
    state: 'rotating',
    createdAt: '2026-10-20T02:06:10.402Z',
    validUntil: '2026-11-28T03:20:45.118Z',
    rotatedTo: 'pk-new',
  },
  { keyId: 'pk-new', storeId: store.storeId, state: 'active', createdAt: '2026-11-27T03:20:45.118Z' },
  {
    keyId: 'pk-gone',
    storeId: store.storeId,
    state: 'revoked',
    createdAt: '2026-10-01T02:00:00.000Z',
    revokedAt: '2026-10-02T02:00:00.000Z',
  },
];

const answerKeys = () =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => jsonAnswer({ items: keys, nextCursor: null })),
  );
const row = (keyId: string) => screen.getByRole('row', { name: new RegExp(`^${keyId}`) });

describe("a store's POS keys", () => {
  it('tells a store manager each state, newest first, with rotate for the active key and revoke for working ones', async () => {
    answerKeys();
    renderAsStaff(<PosKeysCard store={store} />, {
      roles: ['store_manager'],
      permissions: managerPermissions,
    });

    await screen.findByRole('row', { name: /pk-gone/ });
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getAllByRole('cell')[0]!.textContent);
    expect(rows).toEqual(['pk-new', 'pk-old', 'pk-gone']);
    expect(within(row('pk-old')).getByText('轮换中')).toBeTruthy();
    expect(within(row('pk-old')).getByText('2026/11/28 11:20 前仍有效')).toBeTruthy();
    expect(within(row('pk-gone')).getByText('已吊销')).toBeTruthy();
    expect(screen.getByRole('button', { name: /签发新密钥/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: '轮换密钥 pk-new' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '轮换密钥 pk-old' })).toBeNull();
    expect(screen.getByRole('button', { name: '吊销密钥 pk-old' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '吊销密钥 pk-gone' })).toBeNull();
  });

  it('offers no key actions to staff who may only read stores, and marks the keys of a deactivated store stopped', async () => {
    answerKeys();
    renderAsStaff(<PosKeysCard store={{ ...store, active: false }} />, {
      roles: ['viewer'],
      permissions: ['stores:read'],
    });

    await screen.findByRole('row', { name: /pk-gone/ });
    expect(screen.queryByRole('button', { name: /签发新密钥/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /轮换|吊销/ })).toBeNull();
    expect(within(row('pk-new')).getByText('已随门店停用')).toBeTruthy();
    expect(within(row('pk-gone')).getByText('已吊销')).toBeTruthy();
  });
});
