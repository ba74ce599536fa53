// A new key's secret is shown once: with the warning, a copy button that copies it, and a rotation's grace end.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { SecretModal } from './secret-modal';

const revealed = {
  keyId: 'pk-8b21e4d07c9f3a56',
  secret: 'V3nB7xQ1mK9tR5wZ2cL8pF4hJ0sD6gY3aE7uI1oT9kM',
  replaced: { keyId: 'pk-3f9a1c7e5b2d4068', validUntil: '2026-11-28T03:20:45.118Z' },
};

describe('the secret of a new key', () => {
  it('warns that it is shown once, copies it, and says when the replaced key stops, in Shanghai time', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const onClose = vi.fn();
    renderWithProviders(<SecretModal revealed={revealed} onClose={onClose} />);

    expect(await screen.findByText('密钥只显示这一次')).toBeTruthy();
    expect(screen.getByText(revealed.secret)).toBeTruthy();
    // 03:20 UTC is 11:20 in Shanghai.
    expect(
      screen.getByText(/旧密钥 pk-3f9a1c7e5b2d4068 将继续有效至 2026\/11\/28 11:20（上海时间）/),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /复制密钥/ }));
    expect(await screen.findByText('已复制')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(revealed.secret);

    fireEvent.click(screen.getByRole('button', { name: '我已保存，关闭' }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('asks to copy by hand when the browser refuses the clipboard', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    });
    renderWithProviders(<SecretModal revealed={{ keyId: 'pk-1', secret: 'only-once' }} onClose={() => {}} />);

    fireEvent.click(await screen.findByRole('button', { name: /复制密钥/ }));
    expect(await screen.findByText('无法自动复制，请手动选中密钥复制。')).toBeTruthy();
    expect(screen.queryByText(/将继续有效至/)).toBeNull();
  });
});
