// The adjustment dialog as the service desk uses it: one Idempotency-Key per intended adjustment, sent
// again unchanged by a second submission, a new one once the form changes; refusals in words.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { AdjustPointsDialog } from './adjust-points-dialog';

const signedIn = { status: 'signedIn' as const, accessToken: 'token' };

function fakeAdjustments(answer: () => Response) {
  const sent: { key: string | null; body: Record<string, unknown> }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = await requestOf(input, init);
      if (request.path === '/v1/admin/loyalty/adjustments')
        sent.push({ key: request.headers.get('idempotency-key'), body: JSON.parse(request.body!) });
      return answer();
    }),
  );
  return sent;
}

async function fillIn(points: string, note: string) {
  fireEvent.change(screen.getByRole('spinbutton', { name: '积分数' }), { target: { value: points } });
  fireEvent.mouseDown(screen.getByRole('combobox', { name: '原因' }));
  fireEvent.click(await screen.findByTitle('客情关怀'));
  fireEvent.change(screen.getByRole('textbox', { name: '说明' }), { target: { value: note } });
}

const renderDialog = (onAdjusted = vi.fn(), onClose = vi.fn()) => {
  renderWithProviders(
    <AdjustPointsDialog open customerId="c-1" balance={100} onClose={onClose} onAdjusted={onAdjusted} />,
    { session: signedIn },
  );
  return { onAdjusted, onClose };
};

describe('the points adjustment dialog', () => {
  it('sends a second submission of the same adjustment with the same Idempotency-Key', async () => {
    const sent = fakeAdjustments(() =>
      jsonAnswer({ adjustmentId: 'a-1', customerId: 'c-1', points: 300, balance: 400 }, 201),
    );
    const { onAdjusted } = renderDialog();
    await fillIn('300', '停车费补偿');
    const submit = screen.getByRole('button', { name: '确认调整' });
    fireEvent.click(submit);
    fireEvent.click(submit);
    await waitFor(() => expect(onAdjusted).toHaveBeenCalled());
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((request) => request.key)).size).toBe(1);
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[0]!.body).toEqual({
      customerId: 'c-1',
      points: 300,
      reasonCode: 'goodwill',
      note: '停车费补偿',
    });
    expect(onAdjusted).toHaveBeenCalledWith('已调整 +300 积分，可用积分现为 400');
  });

  it('says why a removal was refused, and draws a new key once the terms change', async () => {
    const sent = fakeAdjustments(() => problemAnswer(409, 'INSUFFICIENT_POINTS'));
    const { onAdjusted } = renderDialog();
    fireEvent.click(screen.getByText('扣减'));
    await fillIn('500', '更正');
    fireEvent.click(screen.getByRole('button', { name: '确认调整' }));
    expect(await screen.findByText('会员可用积分不足。')).toBeTruthy();
    expect(sent[0]!.body.points).toBe(-500);

    fireEvent.change(screen.getByRole('spinbutton', { name: '积分数' }), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: '确认调整' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body.points).toBe(-50);
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
    expect(onAdjusted).not.toHaveBeenCalled();
  });

  it('asks for the points, a reason and a note before sending anything', async () => {
    const sent = fakeAdjustments(() => jsonAnswer({}));
    renderDialog();
    fireEvent.click(screen.getByRole('button', { name: '确认调整' }));
    expect(await screen.findByText('请输入 1 至 1,000,000 之间的整数')).toBeTruthy();
    expect(screen.getByText('请选择原因')).toBeTruthy();
    expect(screen.getByText('请填写说明，它会记入审计日志')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });
});
