// Stores and their POS keys against DynamoDB Local, with the clock passed in: a deactivated store's keys
// are refused like revoked ones, staff see each key's state and never a secret, and lists page by view.
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
  deactivateStore,
  getPosKey,
  getStore,
  issuePosKey,
  listPosKeys,
  listStores,
  renameStore,
  revokePosKey,
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

/** Whether a till signing with the key at `at` is let in. */
const tillAccepted = (key: { keyId: string; secret: string }, at: Date) => {
  const body = '{"amount":100}';
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

const disabledUsageKeys = () =>
  apiGateway
    .commandCalls(UpdateApiKeyCommand)
    .filter((call) => call.args[0].input.patchOperations?.[0]?.value === 'false')
    .map((call) => call.args[0].input.apiKey);

async function newStore(name = 'Deactivation store') {
  const storeId = unique('store');
  await createStore({ storeId, name });
  return storeId;
}

describe('deactivating a store', () => {
  it('refuses its keys with POS_SIGNATURE_INVALID, held or read afresh, and stops them at the gateway', async () => {
    const storeId = await newStore();
    const held = await issuePosKey(storeId);
    const unread = await issuePosKey(storeId);
    const other = await issuePosKey(await newStore('A store that stays open'));
    const at = new Date();
    expect(await tillAccepted(held, at)).toBe('ok');

    const { before, after } = await deactivateStore(storeId, at);

    expect(before.active).toBe(true);
    expect(after).toMatchObject({ storeId, active: false, deactivatedAt: at.toISOString() });
    expect(await tillAccepted(unread, at)).toBe('POS_SIGNATURE_INVALID');
    // An instance holds a key it read for a minute at most: then the store's state is read again.
    expect(await tillAccepted(held, new Date(at.getTime() + 61_000))).toBe('POS_SIGNATURE_INVALID');
    expect(await tillAccepted(other, new Date(at.getTime() + 61_000))).toBe('ok');
    const usageKeys = await Promise.all(
      [held, unread].map(async (key) => (await getPosKey(key.keyId))!.usageKeyId),
    );
    expect(disabledUsageKeys().sort()).toEqual(usageKeys.sort());
  });

  it('issues and rotates no key for it, and deactivating it again changes nothing', async () => {
    const storeId = await newStore();
    const key = await issuePosKey(storeId);
    const first = await deactivateStore(storeId, new Date('2026-11-30T09:15:02.210Z'));

    expect(await outcomeOf(issuePosKey(storeId))).toBe('STORE_INACTIVE');
    expect(await outcomeOf(rotatePosKey(key.keyId))).toBe('STORE_INACTIVE');
    const again = await deactivateStore(storeId);
    expect(again.before).toEqual(first.after);
    expect(again.after).toEqual(first.after);
    // Revoking still works: staff may stop a key for good whatever its store's state.
    await revokePosKey(key.keyId);
    expect((await getPosKey(key.keyId))?.status).toBe('revoked');
  });

  it('races issues and rotations of its keys safely: none works afterwards, and every refused one is disabled', async () => {
    const storeId = await newStore();
    const rotated = await issuePosKey(storeId);
    const at = new Date();
    const outcomes = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        issuePosKey(storeId).then(
          (key) => key,
          (error: { code?: string }) => error.code ?? String(error),
        ),
      ),
      rotatePosKey(rotated.keyId, at).then(
        (key) => key,
        (error: { code?: string }) => error.code ?? String(error),
      ),
      deactivateStore(storeId, at).then(() => 'deactivated'),
    ]);

    const issued = outcomes.filter((outcome) => typeof outcome === 'object');
    const refused = outcomes.filter((outcome) => typeof outcome === 'string' && outcome !== 'deactivated');
    expect(refused.every((outcome) => outcome === 'STORE_INACTIVE')).toBe(true);
    expect(issued.length + refused.length).toBe(5);
    const later = new Date(at.getTime() + 61_000);
    for (const key of [rotated, ...issued])
      expect(await tillAccepted(key, later)).toBe('POS_SIGNATURE_INVALID');
    // Each refused key had registered a usage plan key already; each was disabled again.
    expect(disabledUsageKeys().length).toBeGreaterThanOrEqual(refused.length);
  });

  it('is refused for a store that does not exist', async () => {
    expect(await outcomeOf(deactivateStore(unique('nowhere')))).toBe('NOT_FOUND');
    expect(await outcomeOf(renameStore(unique('nowhere'), 'Nobody'))).toBe('NOT_FOUND');
  });
});

describe("a store's keys as staff see them", () => {
  it('tells active, rotating until its grace end, expired and revoked apart, and never gives a secret', async () => {
    const storeId = await newStore('Key listing store');
    const rotatedAt = new Date();
    const first = await issuePosKey(storeId);
    const revoked = await issuePosKey(storeId);
    await revokePosKey(revoked.keyId, rotatedAt);
    const successor = await rotatePosKey(first.keyId, rotatedAt);
    const graceEnd = hoursAfter(rotatedAt, ROTATION_GRACE_HOURS).toISOString();

    const during = await listPosKeys(storeId, { limit: 20 }, hoursAfter(rotatedAt, 1));
    const byId = new Map(during.items.map((key) => [key.keyId, key]));
    expect(byId.get(first.keyId)).toMatchObject({
      state: 'rotating',
      validUntil: graceEnd,
      rotatedTo: successor.keyId,
    });
    expect(byId.get(successor.keyId)).toMatchObject({ state: 'active' });
    expect(byId.get(revoked.keyId)).toMatchObject({ state: 'revoked', revokedAt: rotatedAt.toISOString() });
    expect(during.nextCursor).toBeNull();
    const listed = JSON.stringify(during);
    for (const secret of [first.secret, revoked.secret, successor.secret])
      expect(listed).not.toContain(secret);
    expect(listed).not.toMatch(/secret|ciphertext|usageKeyId/i);

    const after = await listPosKeys(storeId, { limit: 20 }, hoursAfter(rotatedAt, ROTATION_GRACE_HOURS));
    expect(after.items.find((key) => key.keyId === first.keyId)?.state).toBe('expired');
  });

  it('pages through them with a cursor that opens for that store alone', async () => {
    const storeId = await newStore('Many keys');
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push((await issuePosKey(storeId)).keyId);
    const first = await listPosKeys(storeId, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await listPosKeys(storeId, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((key) => key.keyId).sort()).toEqual(issued.sort());
    expect(
      await outcomeOf(listPosKeys(await newStore('Another'), { limit: 2, cursor: first.nextCursor! })),
    ).toBe('INVALID_CURSOR');
  });
});

describe('the store list', () => {
  it('gives a store manager their stores only, page by page, with a cursor that opens for that view alone', async () => {
    const theirs = [await newStore('One'), await newStore('Two'), await newStore('Three')];
    const notTheirs = await newStore('Not theirs');
    const view = new Set(theirs);

    const first = await listStores({ limit: 2 }, view);
    const second = await listStores({ limit: 2, cursor: first.nextCursor! }, view);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items].map((store) => store.storeId);
    expect(seen).toEqual([...theirs].sort());
    expect(seen).not.toContain(notTheirs);
    expect(await outcomeOf(listStores({ limit: 2, cursor: first.nextCursor! }, new Set([notTheirs])))).toBe(
      'INVALID_CURSOR',
    );
    expect(await outcomeOf(listStores({ limit: 2, cursor: first.nextCursor! }))).toBe('INVALID_CURSOR');
  });

  it('pages through every store for staff of all stores, each once, in the order of their ids', async () => {
    const created = [await newStore('Alpha'), await newStore('Beta')];
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listStores({ limit: 7, cursor });
      seen.push(...page.items.map((store) => store.storeId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    for (const storeId of created) expect(seen).toContain(storeId);
  });

  it('reads stores kept before deactivation existed as active, and renames keep the rest', async () => {
    const storeId = await newStore('Old name');
    const { before, after } = await renameStore(storeId, 'New name');
    expect(before.name).toBe('Old name');
    expect(after).toMatchObject({ storeId, name: 'New name', active: true });
    expect(await getStore(storeId)).toEqual(after);
  });
});
