// The service desk's pickup screen: a code typed as people type it, the item and the member masked, one
// confirmation, and the API's refusal in the reader's language.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import CollectPickupPage from './collect-pickup-page';

const pickup = {
  code: 'H7KQ2MXR9TBW',
  state: 'ready',
  redemptionId: '01JDG3J5L7N9Q1S3U5W7Y9A1C3',
  rewardId: '01JDE4G6J8L0N2Q4S6U8W0Y2A4',
  rewardName: '帆布袋',
  quantity: 2,
  member: { customerId: '01JD0A2C4E6G8J0K2M4P6R8T0V', name: '王*', phone: '138****5678' },
  expiresAt: '2026-12-20T06:12:44.000Z',
};
const signedIn = { status: 'signedIn' as const, accessToken: 'token' };

function fakeDesk(collect: () => Response) {
  const calls: { method: string; path: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { method, path } = await requestOf(input, init);
      calls.push({ method, path });
      if (method === 'POST') return collect();
      return jsonAnswer(pickup);
    }),
  );
  return calls;
}

describe('the pickup screen', () => {
  it('looks the typed code up in its canonical form, shows the member masked, and confirms once', async () => {
    const calls = fakeDesk(() =>
      jsonAnswer({
        ...pickup,
        state: 'collected',
        customerId: pickup.member.customerId,
        collectedAt: '2026-12-06T06:41:09.310Z',
      }),
    );
    renderWithProviders(<CollectPickupPage />, { session: signedIn });
    fireEvent.change(screen.getByLabelText('领取码'), { target: { value: 'h7kq 2mxr-9tbw' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await screen.findByRole('heading', { name: '帆布袋', level: 2 });
    expect(screen.getByText('王*')).toBeTruthy();
    expect(screen.getByText('138****5678')).toBeTruthy();
    expect(calls[0]).toEqual({ method: 'GET', path: '/v1/admin/pickups/H7KQ2MXR9TBW' });
    fireEvent.click(screen.getByRole('button', { name: '确认已发放' }));
    await screen.findByRole('heading', { name: '已确认发放：帆布袋 × 2' });
    expect(calls.filter((call) => call.method === 'POST')).toEqual([
      { method: 'POST', path: '/v1/admin/pickups/H7KQ2MXR9TBW/collect' },
    ]);
  });

  it('says so when another desk collected it first', async () => {
    fakeDesk(() => problemAnswer(409, 'PICKUP_ALREADY_COLLECTED'));
    renderWithProviders(<CollectPickupPage />, { session: signedIn });
    fireEvent.change(screen.getByLabelText('领取码'), { target: { value: 'H7KQ2MXR9TBW' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    fireEvent.click(await screen.findByRole('button', { name: '确认已发放' }));
    await screen.findByText('该礼品已被领取，请勿重复发放。');
  });
});
