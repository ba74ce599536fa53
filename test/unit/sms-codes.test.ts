// The rules of SMS sign-in codes and their send limits, as pure functions: what a try of a code is judged,
// how codes are drawn and kept, and which counters a send takes.
import { describe, expect, it } from 'vitest';
import {
  judgeSmsCode,
  newSmsCode,
  SMS_CODE_MAX_ATTEMPTS,
  SMS_CODE_TTL_SECONDS,
  smsCodeHash,
  type StoredSmsCode,
} from '../../lib/auth/sms-codes';
import {
  smsSendCounters,
  SMS_SENDS_PER_PHONE_PER_HOUR,
  SMS_SENDS_PER_PHONE_PER_MINUTE,
  SMS_SENDS_PER_SOURCE_PER_HOUR,
} from '../../lib/auth/sms-sign-in';

const PHONE = '+8613800138000';
const issued = 1_796_000_000;
const stored = (code: string, attempts = 1): StoredSmsCode => ({
  codeHash: smsCodeHash(PHONE, code),
  issuedAt: issued * 1000,
  expiresAt: issued + SMS_CODE_TTL_SECONDS,
  attempts,
});

describe('an SMS sign-in code', () => {
  it('is six digits, leading zeros kept, and not the same every time', () => {
    const codes = Array.from({ length: 200 }, newSmsCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(150);
  });

  it('is kept as a hash bound to its number: the same code for another number does not match', () => {
    expect(smsCodeHash(PHONE, '123456')).not.toContain('123456');
    expect(smsCodeHash(PHONE, '123456')).not.toBe(smsCodeHash('+8613800138001', '123456'));
    expect(judgeSmsCode(stored('123456'), '+8613800138001', '123456', issued)).toBe('wrong');
  });

  it('is right within its 5 minutes and expired from their end, whatever was typed', () => {
    expect(judgeSmsCode(stored('123456'), PHONE, '123456', issued)).toBe('right');
    expect(judgeSmsCode(stored('123456'), PHONE, '123456', issued + SMS_CODE_TTL_SECONDS - 1)).toBe('right');
    expect(judgeSmsCode(stored('123456'), PHONE, '123456', issued + SMS_CODE_TTL_SECONDS)).toBe('expired');
    expect(judgeSmsCode(stored('123456'), PHONE, '654321', issued + SMS_CODE_TTL_SECONDS)).toBe('expired');
  });

  it('takes 5 tries, the counted one included; past them it is exhausted even when right', () => {
    expect(judgeSmsCode(stored('123456', SMS_CODE_MAX_ATTEMPTS), PHONE, '123456', issued)).toBe('right');
    expect(judgeSmsCode(stored('123456', SMS_CODE_MAX_ATTEMPTS), PHONE, '000000', issued)).toBe('wrong');
    expect(judgeSmsCode(stored('123456', SMS_CODE_MAX_ATTEMPTS + 1), PHONE, '123456', issued)).toBe(
      'exhausted',
    );
  });
});

describe('the send limits', () => {
  it('count per source an hour, and per number a minute and an hour, under keys without the number', () => {
    const counters = smsSendCounters(PHONE, '203.0.113.7');
    expect(counters.map(({ limit, windowSeconds }) => [limit, windowSeconds])).toEqual([
      [SMS_SENDS_PER_SOURCE_PER_HOUR, 3600],
      [SMS_SENDS_PER_PHONE_PER_MINUTE, 60],
      [SMS_SENDS_PER_PHONE_PER_HOUR, 3600],
    ]);
    expect([
      SMS_SENDS_PER_SOURCE_PER_HOUR,
      SMS_SENDS_PER_PHONE_PER_MINUTE,
      SMS_SENDS_PER_PHONE_PER_HOUR,
    ]).toEqual([20, 1, 5]);
    for (const { key } of counters) expect(JSON.stringify(key)).not.toContain('13800138000');
  });

  it('counts per number only when the source is unknown', () => {
    expect(smsSendCounters(PHONE, undefined)).toHaveLength(2);
  });
});
