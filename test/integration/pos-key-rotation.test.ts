// POS key rotation against DynamoDB Local, with the clock passed in: a rotated key's grace end is fixed once.
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  GetUsagePlansCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateSecretBoxKey } from '../../lib/pos/secret-box';
import { signPosRequest } from '../../lib/pos/signature';
import { authenticatePosRequest } from '../../lib/pos/signature-check';
import {
  createStore,
  getPosKey,
  isPosKeyUsable,
  issuePosKey,
  rotatePosKey,
  ROTATION_GRACE_HOURS,
} from '../../lib/pos/stores';
import { hoursAfter } from '../support/calendar';
import { unique } from '../support/members';

process.env.POS_USAGE_PLAN_NAME = 'pos-plan-it';
process.env.POS_SECRET_BOX_KEY_JSON = generateSecretBoxKey();
const apiGateway = mockClient(APIGatewayClient);
beforeEach(() => {
  apiGateway.reset();
  apiGateway.on(GetUsagePlansCommand).resolves({ items: [{ id: 'plan-it', name: 'pos-plan-it' }] });
  apiGateway.on(CreateApiKeyCommand).callsFake(() => ({ id: unique('apikey') }));
  apiGateway.on(CreateUsagePlanKeyCommand).resolves({});
  apiGateway.on(UpdateApiKeyCommand).resolves({});
});

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );

async function storeKey() {
  const storeId = unique('store');
  await createStore({ storeId, name: 'Rotation store' });
  return issuePosKey(storeId);
}

/** Whether a till signing with the key at `at` is let in. */
const tillAccepted = async (key: { keyId: string; secret: string }, at: Date) => {
  const body = '{}';
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return outcomeOf(
    authenticatePosRequest(
      {
        'x-pos-key': key.keyId,
        'x-pos-timestamp': timestamp,
        'x-pos-signature': signPosRequest(key.secret, timestamp, body),
      },
      body,
      at,
    ),
  );
};

describe('rotating a POS key', () => {
  it('refuses to rotate a rotated key again, so its grace end stays where the first rotation set it', async () => {
    const first = await storeKey();
    const rotatedAt = new Date();
    const graceEnd = hoursAfter(rotatedAt, ROTATION_GRACE_HOURS);
    const second = await rotatePosKey(first.keyId, rotatedAt);
    expect(second.previousKeyValidUntil).toBe(graceEnd.toISOString());

    expect(await outcomeOf(rotatePosKey(first.keyId, hoursAfter(rotatedAt, 12)))).toBe(
      'POS_KEY_ALREADY_ROTATED',
    );
    expect((await getPosKey(first.keyId))?.validUntil).toBe(graceEnd.toISOString());
    expect((await getPosKey(first.keyId))?.rotatedTo).toBe(second.keyId);
    // The first key works to its original grace end, and not a moment past it.
    expect(await tillAccepted(first, hoursAfter(graceEnd, -1 / 60))).toBe('ok');
    expect(await tillAccepted(first, graceEnd)).toBe('POS_SIGNATURE_INVALID');
    expect(await tillAccepted(first, hoursAfter(rotatedAt, 36))).not.toBe('ok');
    expect(await tillAccepted(second, hoursAfter(rotatedAt, 36))).toBe('ok');
  });

  it('refuses to rotate the successor while its predecessor is still in grace, leaving that grace end alone', async () => {
    const first = await storeKey();
    const rotatedAt = new Date();
    const graceEnd = hoursAfter(rotatedAt, ROTATION_GRACE_HOURS);
    const second = await rotatePosKey(first.keyId, rotatedAt);

    expect(await outcomeOf(rotatePosKey(second.keyId, hoursAfter(rotatedAt, 1)))).toBe(
      'POS_KEY_ROTATION_PENDING',
    );
    expect((await getPosKey(first.keyId))?.validUntil).toBe(graceEnd.toISOString());
    expect((await getPosKey(second.keyId))?.validUntil).toBeUndefined();
    expect(isPosKeyUsable((await getPosKey(first.keyId))!, graceEnd)).toBe(false);

    // Once the first key has stopped, the second rotates as any key does: one predecessor, its own grace.
    const third = await rotatePosKey(second.keyId, graceEnd);
    expect(third.previousKeyValidUntil).toBe(hoursAfter(graceEnd, ROTATION_GRACE_HOURS).toISOString());
    expect((await getPosKey(first.keyId))?.validUntil).toBe(graceEnd.toISOString());
  });

  it('lets one of racing rotations of a key through, and disables the usage keys of the others', async () => {
    const first = await storeKey();
    const rotatedAt = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        rotatePosKey(first.keyId, rotatedAt).then(
          (key) => key.keyId,
          (error: { code?: string }) => error.code ?? String(error),
        ),
      ),
    );
    const successors = outcomes.filter((outcome) => outcome.startsWith('pk-'));
    expect(successors).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'POS_KEY_ALREADY_ROTATED')).toHaveLength(5);
    expect((await getPosKey(first.keyId))?.rotatedTo).toBe(successors[0]);
    // Every successor registered with the gateway but not stored (the first key's own creation aside) is disabled.
    const registered = apiGateway.commandCalls(CreateApiKeyCommand).length - 1;
    expect(apiGateway.commandCalls(UpdateApiKeyCommand)).toHaveLength(registered - 1);
  });
});
