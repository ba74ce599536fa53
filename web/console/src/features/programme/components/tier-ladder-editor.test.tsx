// The tier ladder editor as staff use it: the ladder's rules said beside the field before anything is sent,
// and a valid ladder saved with the API's answer confirmed.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { TierLadderEditor } from './tier-ladder-editor';

const ladder = [
  { code: 'bronze', name: '铜卡', qualifyingPoints: 0, benefits: [] },
  { code: 'silver', name: '银卡', qualifyingPoints: 1000, benefits: ['生日双倍积分'] },
];

function fakeLadderApi() {
  const saved: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const { method, body } = await requestOf(input, init);
      if (method === 'PUT') {
        saved.push(JSON.parse(body!));
        return jsonAnswer(JSON.parse(body!));
      }
      return jsonAnswer({ tiers: ladder });
    }),
  );
  return saved;
}

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };
const tierCard = (n: number) =>
  screen.getByText(n === 1 ? '等级 1 · 入会等级' : `等级 ${n}`).closest('.ant-card') as HTMLElement;

describe('the tier ladder editor', () => {
  it('says beside the threshold that it must rise, and sends nothing', async () => {
    const saved = fakeLadderApi();
    renderWithProviders(<TierLadderEditor />, { session: signedIn });
    await waitFor(() =>
      expect(within(tierCard(2)).getByLabelText('升级门槛（积分）')).toHaveProperty('value', '1000'),
    );

    fireEvent.change(within(tierCard(2)).getByLabelText('升级门槛（积分）'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: '保存等级' }));

    expect(await within(tierCard(2)).findByText('门槛必须高于前一个等级')).toBeTruthy();
    expect(saved).toEqual([]);
  });

  it('saves a ladder with a new tier and confirms it', async () => {
    const saved = fakeLadderApi();
    renderWithProviders(<TierLadderEditor />, { session: signedIn });
    await waitFor(() => expect(within(tierCard(2)).getByLabelText('名称')).toHaveProperty('value', '银卡'));

    fireEvent.click(screen.getByRole('button', { name: /添加等级/ }));
    const gold = tierCard(3);
    fireEvent.change(within(gold).getByLabelText('等级代码'), { target: { value: 'gold' } });
    fireEvent.change(within(gold).getByLabelText('名称'), { target: { value: '金卡' } });
    fireEvent.change(within(gold).getByLabelText('升级门槛（积分）'), { target: { value: '5000' } });
    fireEvent.click(screen.getByRole('button', { name: '保存等级' }));

    expect(await screen.findByText('会员等级已保存')).toBeTruthy();
    expect(saved).toEqual([
      { tiers: [...ladder, { code: 'gold', name: '金卡', qualifyingPoints: 5000, benefits: [] }] },
    ]);
  });
});
