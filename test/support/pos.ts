import { signPosRequest } from '../../lib/pos/signature';
import { call } from './http';

/** Sends a signed POS request like a till would. */
export function posCall(
  path: string,
  body: unknown,
  key: { keyId: string; secret: string },
  options: { timestamp?: number; signature?: string } = {},
) {
  const rawBody = JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return call('POST', path, {
    rawBody,
    headers: {
      'x-pos-key': key.keyId,
      'x-pos-timestamp': timestamp,
      'x-pos-signature': options.signature ?? signPosRequest(key.secret, timestamp, rawBody),
    },
  });
}

export const demoPosKey = { keyId: 'demo-pos-key', secret: 'demo-pos-secret' };
