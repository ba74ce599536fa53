import { useEffect, useState } from 'react';

/**
 * The check-in code drawn as a QR code, in the browser: the `qrcode` library is loaded when a code is
 * shown, and draws a data: image (the CSP allows those). Nothing leaves the device.
 */
export function CheckInQr({ code, label, size = 232 }: { code: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setSrc(null);
    void import('qrcode').then(async ({ toDataURL }) => {
      const url = await toDataURL(code, { margin: 2, width: size, errorCorrectionLevel: 'M' });
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [code, size]);
  return src ? (
    <img className="qr" src={src} alt={label} width={size} height={size} />
  ) : (
    <div
      className="qr"
      style={{ width: size, height: size }}
      role="img"
      aria-label={label}
      aria-busy="true"
    />
  );
}
