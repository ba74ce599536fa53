// POS request signatures: what a till must send, and what is refused.
import { describe, expect, it } from 'vitest';
import {
  isFreshTimestamp,
  posSignatureHeaderSchema,
  signatureMatches,
  signPosRequest,
} from '../../lib/pos/signature';

describe('POS signatures', () => {
  const body = '{"transactionId":"T-1"}';

  it('signs v1=hex(HMAC-SHA256(secret, timestamp + "." + body))', () => {
    // Computed independently: printf '1795600000.{"transactionId":"T-1"}' | openssl dgst -sha256 -hmac demo-pos-secret
    expect(signPosRequest('demo-pos-secret', '1795600000', body)).toBe(
      'v1=5af39dd841e33703108adfeddfa0db71b95fa16a467acd7b709a0f95d146c851',
    );
    expect(
      signatureMatches(
        'demo-pos-secret',
        '1795600000',
        body,
        signPosRequest('demo-pos-secret', '1795600000', body),
      ),
    ).toBe(true);
  });

  it('refuses another body, timestamp or secret, and a missing signature', () => {
    const signature = signPosRequest('s', '1795600000', body);
    expect(signatureMatches('s', '1795600000', `${body} `, signature)).toBe(false);
    expect(signatureMatches('s', '1795600001', body, signature)).toBe(false);
    expect(signatureMatches('t', '1795600000', body, signature)).toBe(false);
    expect(signatureMatches('s', '1795600000', body, undefined)).toBe(false);
  });

  it('accepts timestamps within 300 s either way and nothing else', () => {
    expect(isFreshTimestamp('1795600300', 1795600000)).toBe(true);
    expect(isFreshTimestamp('1795599700', 1795600000)).toBe(true);
    expect(isFreshTimestamp('1795600301', 1795600000)).toBe(false);
    expect(isFreshTimestamp('1795599699', 1795600000)).toBe(false);
    expect(isFreshTimestamp('17956e5', 1795600000)).toBe(false);
    expect(isFreshTimestamp(undefined, 1795600000)).toBe(false);
  });

  it('makes signatures of the form X-Pos-Signature is documented with', () => {
    expect(posSignatureHeaderSchema.safeParse(signPosRequest('s', '1795600000', '{}')).success).toBe(true);
    expect(posSignatureHeaderSchema.safeParse('v1=ABC').success).toBe(false);
  });
});
