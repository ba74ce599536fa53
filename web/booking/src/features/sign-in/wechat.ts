/** Whether the page is open inside WeChat's browser, where WeChat's web authorisation signs in. */
export const isWeChatBrowser = (userAgent: string) => /MicroMessenger/i.test(userAgent);

/**
 * WeChat's web authorisation page for the Official Account: WeChat sends the member back to
 * `redirectUri` with `?code&state`, and the PWA exchanges the code (POST /v1/auth/wechat/web-login).
 * `snsapi_userinfo` so that WeChat answers the unionid, which links the member to the mini program's.
 */
export function wechatAuthorizeUrl(
  base: string,
  appId: string,
  redirectUri: string,
  state: string,
  origin = globalThis.location?.origin ?? 'http://localhost',
): string {
  const url = new URL(base, origin);
  url.searchParams.set('appid', appId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'snsapi_userinfo');
  url.searchParams.set('state', state);
  url.hash = 'wechat_redirect';
  return url.toString();
}
