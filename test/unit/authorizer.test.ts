// The API authorizers' pure parts: which header values are bearer tokens, what the policy covers, and
// which usage plan key the POS key authorizer names.
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { bearerToken, stageWideResource } from '../../lib/auth/authorizer';
import { posUsageKeyValue } from '../../lib/http/gateway';

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
  it("passes a staff token's holder and expiry as flat strings, and none of the roles a cached answer would outlive", async () => {
    const { authorizerContextOf, staffContextSchema } = await import('../../lib/auth/principal');
    const staff = {
      kind: 'staff' as const,
      staffId: 's-1',
      sessionId: 'x',
      roles: ['admin' as const],
      storeIds: ['a', 'b'],
    };
    const context = authorizerContextOf(staff, 1_900_000_000);
    expect(Object.values(context).every((value) => typeof value === 'string')).toBe(true);
    expect(context).toEqual({ kind: 'staff', staffId: 's-1', sessionId: 'x', exp: '1900000000' });
    expect(staffContextSchema.parse(context)).toEqual({
      kind: 'staff',
      staffId: 's-1',
      sessionId: 'x',
      exp: 1_900_000_000,
    });
  });
});

describe('POS key authorizer', () => {
  const methodArn = 'arn:aws:execute-api:cn-north-1:123:abc/prod/POST/v1/pos/transactions';
  const authorize = async (headers: Record<string, string> | null) => {
    const { handler } = await import('../../functions/pos/pos-key-authorizer');
    return handler({ type: 'REQUEST', methodArn, headers } as APIGatewayRequestAuthorizerEvent);
  };

  it("names the key's usage plan key, whatever the header's case, for the whole stage", async () => {
    for (const name of ['X-Pos-Key', 'x-pos-key']) {
      const result = await authorize({ [name]: 'demo-pos-key' });
      expect(result).toMatchObject({
        principalId: 'pos:demo-pos-key',
        usageIdentifierKey: posUsageKeyValue('demo-pos-key'),
        policyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'execute-api:Invoke',
              Resource: 'arn:aws:execute-api:cn-north-1:123:abc/prod/*/*',
            },
          ],
        },
      });
    }
  });

  it.each([
    ['no headers at all', null],
    ['no X-Pos-Key', { 'x-pos-timestamp': '1700000000', 'x-pos-signature': 'v1=00' }],
    ['an empty X-Pos-Key', { 'x-pos-key': '' }],
    ['an X-Pos-Key that is no key id', { 'x-pos-key': 'not a key/id' }],
  ])(
    'names no usage plan key for a request with %s, so that the API key check refuses it as a POS request',
    async (_, headers) => {
      const result = await authorize(headers);
      expect(result.usageIdentifierKey).toBeUndefined();
      expect(result.principalId).toBe('pos:unidentified');
      expect(result.policyDocument.Statement).toEqual([expect.objectContaining({ Effect: 'Allow' })]);
    },
  );
});
