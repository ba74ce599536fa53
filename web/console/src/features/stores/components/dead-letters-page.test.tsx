// Dead letters as staff of every store see them: each with its reason in words, an empty state, and a
// store manager told why they are not theirs to see.
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer } from '@/testing/render';
import { renderAsStaff } from '../testing/render-section';
import { DeadLettersPage } from './dead-letters-page';

const admin = { roles: ['admin'], permissions: ['stores:read', 'pos:operate'] };
const letter = {
  messageId: '5fea7756-0ea4-451a-a703-a558b933e274',
  sentAt: '2026-11-11T06:32:06.903Z',
  receiveCount: 5,
  lastError: { code: 'NO_POINTS_ACCOUNT', message: 'No points account for customer C1 yet' },
  message: {
    kind: 'purchase',
    transaction: {
      transactionId: 'T20261111-0042',
      storeId: 'plaza-b1-017',
      occurredAt: '2026-11-11T06:32:05.000Z',
      customer: { customerId: 'C1' },
      amount: 12800,
      currency: 'CNY',
      items: [],
    },
    receivedAt: '2026-11-11T06:32:06.841Z',
    keyId: 'pk-1',
    correlationId: 'c-1',
  },
};

describe('the dead letters', () => {
  it('gives each its kind, store, sale and reason, and says how many more there are', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonAnswer({ items: [letter], total: 12 })),
    );
    renderAsStaff(<DeadLettersPage />, admin);

    const row = (await screen.findByText('T20261111-0042')).closest('tr')!;
    expect(within(row).getByText('消费')).toBeTruthy();
    expect(within(row).getByText('plaza-b1-017')).toBeTruthy();
    expect(within(row).getByText('会员还没有积分账户')).toBeTruthy();
    expect(within(row).getByText('No points account for customer C1 yet')).toBeTruthy();
    expect(within(row).getByRole('button', { name: `重新投递消息 ${letter.messageId}` })).toBeTruthy();
    expect(screen.getByText('共约 12 条死信，这里显示最早的 1 条。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '全部重新投递' })).toBeTruthy();
  });

  it('says when there are none, and offers no redrive', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonAnswer({ items: [], total: 0 })),
    );
    renderAsStaff(<DeadLettersPage />, admin);

    expect(await screen.findByText('没有死信')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '全部重新投递' })).toBeNull();
  });

  it('tells a store manager that dead letters are for staff of every store', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problemAnswer(403, 'FORBIDDEN')),
    );
    renderAsStaff(<DeadLettersPage />, { roles: ['store_manager'], permissions: ['pos:operate'] });

    expect(
      await screen.findByText('死信涉及所有门店的消息，只有负责全部门店的员工可以查看和重新投递。'),
    ).toBeTruthy();
  });
});
