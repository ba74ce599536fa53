// One-time passwords for staff sign-in: the algorithm against RFC 6238's own vectors, and which codes a
// moment accepts (clock skew of one step either side, nothing further).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotpStep,
  otpauthUri,
  totpAt,
  totpStep,
} from '../../lib/auth/totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", codes of 8 digits.
const rfcSecret = Buffer.from('12345678901234567890', 'ascii');
const appendixB: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(appendixB)('gives the Appendix B code for T = %i s (SHA-1)', (seconds, code) => {
    expect(totpAt(rfcSecret, new Date(seconds * 1000), { digits: 8 })).toBe(code);
  });

  it('gives RFC 4226 Appendix D HOTP values for counters 0 to 9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(rfcSecret, counter))).toEqual(expected);
  });

  it('takes the code of the step before and after now, and no further', () => {
    const at = new Date('2026-12-06T08:00:10Z');
    const now = totpStep(at);
    const codeOf = (step: number) => hotp(rfcSecret, step);
    expect(matchTotpStep(rfcSecret, codeOf(now), at)).toBe(now);
    expect(matchTotpStep(rfcSecret, codeOf(now - 1), at)).toBe(now - 1);
    expect(matchTotpStep(rfcSecret, codeOf(now + 1), at)).toBe(now + 1);
    // Two steps off is more than a phone's clock should be; some of those codes may collide, so skip those.
    for (const step of [now - 2, now + 2, now - 10]) {
      const code = codeOf(step);
      if ([now - 1, now, now + 1].some((near) => codeOf(near) === code)) continue;
      expect(matchTotpStep(rfcSecret, code, at)).toBeUndefined();
    }
  });

  it('refuses codes of the wrong length or with other characters', () => {
    const at = new Date('2026-12-06T08:00:10Z');
    const code = totpAt(rfcSecret, at);
    expect(matchTotpStep(rfcSecret, code.slice(1), at)).toBeUndefined();
    expect(matchTotpStep(rfcSecret, `${code}0`, at)).toBeUndefined();
    expect(matchTotpStep(rfcSecret, ` ${code.slice(1)}`, at)).toBeUndefined();
  });

  it('round-trips any secret through base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(Buffer.from(bytes)))).toEqual(Buffer.from(bytes));
      }),
    );
    // RFC 4648 §10's vector, without padding.
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
  });

  it('writes an otpauth URI an authenticator app reads back to the same secret', () => {
    const uri = new URL(
      otpauthUri({ issuer: 'SBM 员工控制台', account: 'li.na@sbm.local', secret: rfcSecret }),
    );
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/SBM 员工控制台:li.na@sbm.local');
    expect(base32Decode(uri.searchParams.get('secret')!)).toEqual(rfcSecret);
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
  });
});
