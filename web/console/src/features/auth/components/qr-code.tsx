import { useEffect, useState } from 'react';
import { stepStyles } from './step-styles';

/**
 * An otpauth:// URI drawn as a QR code for an authenticator app to scan. The `qrcode` library is loaded
 * only when a QR code is shown, and draws into a data: image (the console's CSP allows those).
 */
export function QrCode({ value, label, size = 184 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void import('qrcode').then(async ({ toDataURL }) => {
      const url = await toDataURL(value, { margin: 1, width: size, errorCorrectionLevel: 'M' });
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [value, size]);
  return src ? (
    <img src={src} alt={label} width={size} height={size} style={stepStyles.qr} />
  ) : (
    <div style={{ ...stepStyles.qr, width: size, height: size }} role="img" aria-label={label} />
  );
}
