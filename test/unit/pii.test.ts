// PII never reaches logs raw, wherever it sits in a log entry.
import { describe, expect, it } from 'vitest';
import { maskPiiReplacer, maskPiiValue } from '../../lib/observability/pii';

describe('PII masking', () => {
  it('masks PII keys at any depth and keeps other fields', () => {
    const entry = {
      customerId: 'c-1',
      profile: { phone: '13800138000', name: 'Wang Fang', openid: 'openid-abc', unionid: 'u-123456' },
    };
    const logged = JSON.stringify(entry, maskPiiReplacer);
    for (const raw of ['13800138000', 'Wang Fang', 'openid-abc', 'u-123456'])
      expect(logged).not.toContain(raw);
    expect(logged).toContain('c-1');
  });

  it('keeps only the last two characters of long values', () => {
    expect(maskPiiValue('13800138000')).toBe('***00');
    expect(maskPiiValue('abc')).toBe('***');
  });

  it('keeps the name of an error, which is not personal data', () => {
    const logged = JSON.stringify(
      { error: { name: 'ConditionalCheckFailedException', message: 'x', stack: 's' } },
      maskPiiReplacer,
    );
    expect(logged).toContain('ConditionalCheckFailedException');
  });
});
