// The WeChat simulator's Official Account web authorisation, which the local cloud's web sign-in runs
// against: an immediate redirect with a code, a code good once for 5 minutes, and one unionid per person
// across the mini program and the Official Account.
import { describe, expect, it } from 'vitest';
import { simulatedUnionid, WeChatSimulator } from '../../lib/local/wechat-simulator';

const officialAccount = { appid: 'wx-oa', appSecret: 'oa-secret' };
const push = { token: 'push-token', encodingAesKey: 'a'.repeat(43) };

function simulator(now = { ms: Date.parse('2026-12-01T00:00:00Z') }) {
  return { now, wechat: new WeChatSimulator('wx-mini', 'mini-secret', push, officialAccount, () => now.ms) };
}

const authorizeQuery = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    appid: 'wx-oa',
    redirect_uri: 'https://mall.example/book/?from=menu',
    response_type: 'code',
    scope: 'snsapi_userinfo',
    state: 's-1',
    ...overrides,
  });

function codeOf(result: { status: number; headers?: Record<string, string> }) {
  expect(result.status).toBe(302);
  const back = new URL(result.headers!.location!);
  expect(back.origin + back.pathname).toBe('https://mall.example/book/');
  expect(back.searchParams.get('from')).toBe('menu');
  expect(back.searchParams.get('state')).toBe('s-1');
  return back.searchParams.get('code')!;
}

const exchange = (wechat: WeChatSimulator, code: string, secret = 'oa-secret') =>
  wechat.handle(
    'GET',
    '/sns/oauth2/access_token',
    new URLSearchParams({ appid: 'wx-oa', secret, code, grant_type: 'authorization_code' }),
    undefined,
  ).body as Record<string, unknown>;

describe('the simulated Official Account web authorisation', () => {
  it('redirects at once with a code for the person named, which gives their openid and unionid', () => {
    const { wechat } = simulator();
    const code = codeOf(
      wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery({ person: 'li' }), undefined),
    );
    const answer = exchange(wechat, code);
    expect(answer).toMatchObject({
      access_token: expect.any(String),
      expires_in: 7200,
      refresh_token: expect.any(String),
      scope: 'snsapi_userinfo',
      unionid: simulatedUnionid('li'),
    });
    expect(answer.openid).not.toBe('openid-li');
  });

  it('gives the mini program the same unionid for the same person, and another openid', () => {
    const { wechat } = simulator();
    const mini = wechat.handle(
      'GET',
      '/sns/jscode2session',
      new URLSearchParams({
        appid: 'wx-mini',
        secret: 'mini-secret',
        js_code: 'li',
        grant_type: 'authorization_code',
      }),
      undefined,
    ).body as Record<string, unknown>;
    const code = codeOf(
      wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery(), undefined, {
        'x-simulated-person': 'li',
      }),
    );
    const web = exchange(wechat, code);
    expect(web.unionid).toBe(mini.unionid);
    expect(web.openid).not.toBe(mini.openid);
    expect(simulatedUnionid('wang')).not.toBe(simulatedUnionid('li'));
  });

  it('takes a code once (40163), within 5 minutes (40029 after), and refuses an unknown one (40029)', () => {
    const { wechat, now } = simulator();
    const code = codeOf(wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery(), undefined));
    exchange(wechat, code);
    expect(exchange(wechat, code)).toMatchObject({ errcode: 40163 });
    const late = codeOf(wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery(), undefined));
    now.ms += 5 * 60 * 1000 + 1;
    expect(exchange(wechat, late)).toMatchObject({ errcode: 40029 });
    expect(exchange(wechat, 'made-up')).toMatchObject({ errcode: 40029 });
  });

  it('refuses a wrong secret, and an authorisation for another appid or scope', () => {
    const { wechat } = simulator();
    const code = codeOf(wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery(), undefined));
    expect(exchange(wechat, code, 'wrong')).toMatchObject({ errcode: 40125 });
    expect(
      wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery({ appid: 'wx-mini' }), undefined)
        .status,
    ).toBe(400);
    expect(
      wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery({ scope: 'snsapi_login' }), undefined)
        .status,
    ).toBe(400);
  });

  it('answers snsapi_base the unionid only of a person who consented to snsapi_userinfo before', () => {
    const { wechat } = simulator();
    const base = (person: string) =>
      exchange(
        wechat,
        codeOf(
          wechat.handle(
            'GET',
            '/connect/oauth2/authorize',
            authorizeQuery({ scope: 'snsapi_base', person }),
            undefined,
          ),
        ),
      );
    expect(base('new-person').unionid).toBeUndefined();
    codeOf(
      wechat.handle('GET', '/connect/oauth2/authorize', authorizeQuery({ person: 'new-person' }), undefined),
    );
    expect(base('new-person').unionid).toBe(simulatedUnionid('new-person'));
  });
});
