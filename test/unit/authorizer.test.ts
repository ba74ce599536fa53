// The API authorizer's pure parts: which header values are bearer tokens, and what the policy covers.
import { describe, expect, it } from 'vitest';
import { bearerToken, stageWideResource } from '../../lib/auth/authorizer';

describe('authorizer helpers', () => {
  it('accepts only a well-formed Bearer JWT', () => {
    expect(bearerToken('Bearer aaa.bbb.ccc')).toBe('aaa.bbb.ccc');
    expect(bearerToken('bearer aaa.bbb.ccc')).toBeUndefined();
    expect(bearerToken('Bearer aaa.bbb')).toBeUndefined();
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('allows the whole stage, since API Gateway reuses a cached policy across routes', () => {
    expect(stageWideResource('arn:aws:execute-api:cn-north-1:123:abc/prod/GET/v1/customers/me')).toBe(
      'arn:aws:execute-api:cn-north-1:123:abc/prod/*/*',
    );
  });
});

describe('authorizerContextOf', () => {
  it('passes everything a staff route needs, as flat strings', async () => {
    const { authorizerContextOf, staffContextSchema } = await import('../../lib/auth/principal');
    const staff = {
      kind: 'staff' as const,
      staffId: 's-1',
      sessionId: 'x',
      roles: ['store_manager' as const],
      storeIds: ['a', 'b'],
    };
    const context = authorizerContextOf(staff);
    expect(Object.values(context).every((value) => typeof value === 'string')).toBe(true);
    expect(staffContextSchema.parse(context)).toEqual(staff);
  });
});
