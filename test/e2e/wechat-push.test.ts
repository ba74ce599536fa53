// WeChat message pushes over HTTP, as WeChat sends them and as an attacker replays them.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { SealedPush } from '../../lib/local/wechat-simulator';
import { call, cloudUrl, login, uniqueCode } from '../support/http';

const PUSH_TOKEN = 'local-push-token';
const plainSignature = (timestamp: string, nonce: string) =>
  createHash('sha1').update([PUSH_TOKEN, timestamp, nonce].sort().join('')).digest('hex');

const revokeMessage = (openid: string) => ({
  ToUserName: 'gh_local_demo',
  FromUserName: openid,
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'user_authorization_revoke',
  OpenID: openid,
  AppID: 'wx-local-demo-app',
  RevokeInfo: '1',
});

/** A signed-in member and the openid the simulator gave them. */
async function member(label: string) {
  const code = uniqueCode(label);
  const { body } = await login(code);
  return { code, openid: `openid-${code}`, token: body.accessToken, id: body.customer.id };
}

const profileStatus = async (token: string) => (await call('GET', '/v1/customers/me', { token })).status;

/** WeChat (the simulator) seals a message in safe mode and pushes it to us; answers what we answered. */
async function pushFromWeChat(message: Record<string, unknown>, options: { timestamp?: number } = {}) {
  const started = await call<{ id: string; request: SealedPush }>('POST', '/_wechat/_simulator/push', {
    body: { url: `${cloudUrl()}/v1/wechat/push`, message, ...options },
  });
  expect(started.status).toBe(202);
  const answer = await vi.waitFor(
    async () => {
      const delivery = await call<{ answer?: { status: number; body: string } }>(
        'GET',
        `/_wechat/_simulator/pushes/${started.body.id}`,
      );
      expect(delivery.body.answer).toBeDefined();
      return delivery.body.answer!;
    },
    { timeout: 5000, interval: 50 },
  );
  return { request: started.body.request, answer };
}

/** Sends a push's request again, as someone who captured it would. */
const replay = (request: SealedPush) =>
  fetch(`${cloudUrl()}/v1/wechat/push?${new URLSearchParams(request.query)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });

const problemCode = async (response: Response) => ((await response.json()) as { code: string }).code;
const epochSeconds = (offsetSeconds = 0) => Math.floor(Date.now() / 1000) + offsetSeconds;

describe('WeChat message push', () => {
  it('erases nobody when one signed triple from 2017 is replayed with bodies naming other members', async () => {
    // A signature over token, timestamp and nonce alone, once seen in a log or a proxy, signs any body.
    const timestamp = '1500000000';
    const nonce = 'captured';
    const victims = await Promise.all(['a', 'b', 'c'].map((label) => member(`victim-${label}`)));
    for (const victim of victims) {
      const answer = await fetch(
        `${cloudUrl()}/v1/wechat/push?signature=${plainSignature(timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(revokeMessage(victim.openid)),
        },
      );
      expect(answer.status).toBe(401);
    }
    for (const victim of victims) expect(await profileStatus(victim.token)).toBe(200);
  });

  it('erases the member a revoke push from WeChat names, ends their sessions, and refuses the push replayed', async () => {
    const victim = await member('revoked');
    const refreshToken = (await login(victim.code)).body.refreshToken;
    const { request, answer } = await pushFromWeChat(revokeMessage(victim.openid));
    expect(answer).toEqual({ status: 200, body: 'success' });
    // Every session of the member ended with the erasure.
    expect(await profileStatus(victim.token)).toBe(401);
    const refreshed = await call('POST', '/v1/auth/refresh', { body: { refreshToken } });
    expect(refreshed.status).toBe(401);
    expect((await login(victim.code)).body.customer.id).not.toBe(victim.id);

    const replayed = await replay(request);
    expect(replayed.status).toBe(401);
    expect(await problemCode(replayed)).toBe('WECHAT_PUSH_REPLAYED');

    const admin = (
      await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
        body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
      })
    ).body.accessToken;
    const requests = await call<{ items: { customerId: string; kind: string }[] }>(
      'GET',
      '/v1/admin/privacy-requests',
      { token: admin },
    );
    expect(requests.body.items.filter((item) => item.customerId === victim.id)).toEqual([
      expect.objectContaining({ kind: 'erasure-after-wechat-withdrawal' }),
    ]);
  });

  it('refuses a captured push whose ciphertext was changed, and a push without safe mode', async () => {
    const bystander = await member('bystander');
    // WeChat pushes something harmless; the attacker changes the nonce (to pass the replay check) or the body.
    const { request } = await pushFromWeChat({
      ...revokeMessage(bystander.openid),
      Event: 'user_info_modified',
    });
    const swapped = await replay({
      query: { ...request.query, nonce: `${request.query.nonce}1` },
      body: request.body,
    });
    expect(swapped.status).toBe(401);
    expect(await problemCode(swapped)).toBe('WECHAT_SIGNATURE_INVALID');
    const flipped = request.body.Encrypt.startsWith('A') ? 'B' : 'A';
    const tampered = await replay({
      query: request.query,
      body: { ...request.body, Encrypt: flipped + request.body.Encrypt.slice(1) },
    });
    expect(tampered.status).toBe(401);
    expect(await problemCode(tampered)).toBe('WECHAT_SIGNATURE_INVALID');

    const timestamp = String(epochSeconds());
    const plain = await fetch(
      `${cloudUrl()}/v1/wechat/push?signature=${plainSignature(timestamp, 'plain')}&timestamp=${timestamp}&nonce=plain`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(revokeMessage(bystander.openid)),
      },
    );
    expect(plain.status).toBe(401);
    expect(await problemCode(plain)).toBe('WECHAT_PUSH_NOT_ENCRYPTED');
    expect(await profileStatus(bystander.token)).toBe(200);
  });

  it.each([
    ['six minutes old', -360],
    ['six minutes ahead', 360],
  ])('refuses a genuine push timestamped %s', async (_, offset) => {
    const victim = await member('stale');
    const { answer } = await pushFromWeChat(revokeMessage(victim.openid), {
      timestamp: epochSeconds(offset),
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'WECHAT_PUSH_STALE' });
    expect(await profileStatus(victim.token)).toBe(200);
  });

  it('answers the endpoint handshake with echostr only when signed within five minutes', async () => {
    const handshake = (timestamp: string, signature = plainSignature(timestamp, 'hs')) =>
      fetch(
        `${cloudUrl()}/v1/wechat/push?signature=${signature}&timestamp=${timestamp}&nonce=hs&echostr=hello`,
      );
    const now = String(epochSeconds());
    const good = await handshake(now);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('hello');
    expect((await handshake(now, '0'.repeat(40))).status).toBe(401);
    const old = await handshake('1500000000');
    expect(old.status).toBe(401);
    expect(await problemCode(old)).toBe('WECHAT_PUSH_STALE');
  });
});
