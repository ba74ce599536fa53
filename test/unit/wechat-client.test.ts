// The WeChat client against stubbed HTTP answers: documented errcodes map to clear API problems.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Problem } from '../../lib/http/problem';
import {
  code2Session,
  code2SessionProblem,
  webAuthorizationIdentity,
  WeChatProtocolError,
} from '../../lib/wechat/client';

const answer = (body: unknown, status = 200) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status }));

beforeEach(() => {
  process.env.WECHAT_API_BASE = 'https://wechat.test/';
  process.env.WECHAT_APPID = 'wx-test';
  process.env.WECHAT_APP_SECRET_JSON = JSON.stringify({ appSecret: 'app-secret' });
});
afterEach(() => vi.unstubAllGlobals());

describe('code2Session', () => {
  it('returns the openid and unionid but never the session key', async () => {
    const fetch = answer({ openid: 'o-1', session_key: 'sk-secret', unionid: 'u-1' });
    vi.stubGlobal('fetch', fetch);
    const identity = await code2Session('code-1');
    expect(identity).toEqual({ openid: 'o-1', unionid: 'u-1' });
    expect(JSON.stringify(identity)).not.toContain('sk-secret');
    const url = new URL(String((fetch.mock.calls[0] as unknown[])[0]));
    expect(url.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: 'wx-test',
      secret: 'app-secret',
      js_code: 'code-1',
      grant_type: 'authorization_code',
    });
  });

  it.each([
    [40029, 401, 'WECHAT_CODE_INVALID'],
    [40163, 401, 'WECHAT_CODE_INVALID'],
    [45011, 429, 'WECHAT_RATE_LIMITED'],
    [40226, 403, 'WECHAT_USER_BLOCKED'],
    [-1, 503, 'UPSTREAM_UNAVAILABLE'],
    [99999, 502, 'WECHAT_ERROR'],
  ])('maps errcode %i to %i %s', async (errcode, status, code) => {
    vi.stubGlobal('fetch', answer({ errcode, errmsg: 'x' }));
    const error = await code2Session('c').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ status, code });
    expect(code2SessionProblem(errcode).status).toBe(status);
  });

  it('treats an unexpected answer as a protocol error, not a login', async () => {
    vi.stubGlobal('fetch', answer({ hello: 'world' }));
    await expect(code2Session('c')).rejects.toBeInstanceOf(WeChatProtocolError);
  });

  it('answers 503 when WeChat is unreachable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(code2Session('c')).rejects.toMatchObject({ status: 503 });
  });
});

describe("the Official Account's web authorisation", () => {
  beforeEach(() => {
    process.env.WECHAT_OFFICIAL_ACCOUNT_SECRET_JSON = JSON.stringify({
      appid: 'wx-oa',
      appSecret: 'oa-secret',
    });
  });

  it("exchanges the code with the Official Account's own appid and secret for its openid and the unionid", async () => {
    const fetch = answer({
      access_token: 'web-token',
      expires_in: 7200,
      refresh_token: 'r',
      openid: 'oa-1',
      scope: 'snsapi_userinfo',
      unionid: 'u-1',
    });
    vi.stubGlobal('fetch', fetch);
    const identity = await webAuthorizationIdentity('web-code');
    expect(identity).toEqual({ openid: 'oa-1', unionid: 'u-1' });
    expect(JSON.stringify(identity)).not.toContain('web-token');
    const url = new URL(String((fetch.mock.calls[0] as unknown[])[0]));
    expect(url.pathname).toBe('/sns/oauth2/access_token');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: 'wx-oa',
      secret: 'oa-secret',
      code: 'web-code',
      grant_type: 'authorization_code',
    });
  });

  it('answers an invalid or used code as WECHAT_CODE_INVALID', async () => {
    for (const errcode of [40029, 40163]) {
      vi.stubGlobal('fetch', answer({ errcode, errmsg: 'x' }));
      await expect(webAuthorizationIdentity('c')).rejects.toMatchObject({
        status: 401,
        code: 'WECHAT_CODE_INVALID',
      });
    }
  });

  it('refuses an answer of an unexpected shape', async () => {
    vi.stubGlobal('fetch', answer({ access_token: 'only' }));
    await expect(webAuthorizationIdentity('c')).rejects.toBeInstanceOf(WeChatProtocolError);
  });
});
