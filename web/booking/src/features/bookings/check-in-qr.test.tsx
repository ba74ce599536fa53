import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { CheckInQr } from './check-in-qr';

describe('the check-in QR code', () => {
  it('draws the code in the browser as a PNG data: image, named for screen readers', async () => {
    renderWithProviders(<CheckInQr code="ci.01JD3Q8Z6W4K9T2M5N7P1R3S5V.abc" label="签到二维码" />);
    await waitFor(() => expect(screen.getByRole('img', { name: '签到二维码' }).tagName).toBe('IMG'));
    const src = screen.getByRole('img', { name: '签到二维码' }).getAttribute('src')!;
    expect(src).toMatch(/^data:image\/png;base64,/);
    // A PNG's signature, then its header: the image is what qrcode drew, not a placeholder.
    const bytes = Uint8Array.from(atob(src.split(',')[1]!), (char) => char.charCodeAt(0));
    expect([...bytes.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
  });

  it('draws another image for another code', async () => {
    const first = renderWithProviders(<CheckInQr code="code-one" label="qr" />);
    await waitFor(() => expect(screen.getByRole('img', { name: 'qr' }).tagName).toBe('IMG'));
    const one = screen.getByRole('img', { name: 'qr' }).getAttribute('src');
    first.unmount();
    renderWithProviders(<CheckInQr code="code-two" label="qr" />);
    await waitFor(() => expect(screen.getByRole('img', { name: 'qr' }).tagName).toBe('IMG'));
    expect(screen.getByRole('img', { name: 'qr' }).getAttribute('src')).not.toBe(one);
  });
});
