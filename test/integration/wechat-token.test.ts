// The WeChat access token against DynamoDB Local: held by the instance, renewed without a forced refresh
// when another instance renewed it already.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documents } from '../../lib/db/client';
import { tableNameFromEnv } from '../../lib/db/tables';
import { sendSubscribeMessage } from '../../lib/wechat/client';

process.env.WECHAT_API_BASE = 'https://wechat.test/';
process.env.WECHAT_APPID = 'wx-test';
process.env.WECHAT_APP_SECRET_JSON = JSON.stringify({ appSecret: 's' });

afterEach(() => vi.unstubAllGlobals());

const storeToken = (token: string) =>
  documents.put({
    TableName: tableNameFromEnv('main'),
    Item: { pk: 'WECHAT#ACCESS_TOKEN', sk: 'WECHAT', token, validUntil: Date.now() + 3_600_000 },
  });

/** WeChat accepting only `valid` tokens; stable_token answers `issued` and records whether it was forced. */
function stubWeChat(valid: Set<string>, issued: string) {
  const tokenCalls: { force_refresh: boolean }[] = [];
  const sends: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      if (url.pathname.endsWith('stable_token')) {
        tokenCalls.push(JSON.parse(String(init.body)));
        valid.add(issued);
        return Response.json({ access_token: issued, expires_in: 7200 });
      }
      const token = url.searchParams.get('access_token')!;
      sends.push(token);
      return Response.json(
        valid.has(token) ? { errcode: 0, errmsg: 'ok' } : { errcode: 40001, errmsg: 'invalid' },
      );
    }),
  );
  return { tokenCalls, sends };
}

const message = { touser: 'openid-x', templateId: 'tpl', data: { thing1: { value: 'hi' } } };

describe('WeChat access token', () => {
  it('is read once and held for later sends, and a token renewed elsewhere is taken without forcing a new one', async () => {
    await storeToken('T1');
    const first = stubWeChat(new Set(['T1']), 'never');
    expect(await sendSubscribeMessage(message)).toBe('sent');
    await documents.delete({
      TableName: tableNameFromEnv('main'),
      Key: { pk: 'WECHAT#ACCESS_TOKEN', sk: 'WECHAT' },
    });
    // Held: the second send does not need the table.
    expect(await sendSubscribeMessage(message)).toBe('sent');
    expect(first.sends).toEqual(['T1', 'T1']);
    expect(first.tokenCalls).toEqual([]);

    // Another instance renewed it: WeChat refuses T1, the table holds T2.
    await storeToken('T2');
    const second = stubWeChat(new Set(['T2']), 'never');
    expect(await sendSubscribeMessage(message)).toBe('sent');
    expect(second.sends).toEqual(['T1', 'T2']);
    expect(second.tokenCalls).toEqual([]);
  });

  it('forces a new token only when the table holds the very token WeChat refused', async () => {
    await storeToken('T2');
    stubWeChat(new Set(['T2']), 'never');
    expect(await sendSubscribeMessage(message)).toBe('sent');
    await storeToken('T3');
    const wechat = stubWeChat(new Set(), 'T4');
    // The held T2 is refused, then the table's T3 too: only then is a new one forced.
    expect(await sendSubscribeMessage(message)).toBe('sent');
    expect(wechat.sends).toEqual(['T2', 'T3', 'T4']);
    expect(wechat.tokenCalls).toEqual([expect.objectContaining({ force_refresh: true })]);
  });
});
