/**
 * What the build is told about where it runs (Vite's VITE_ variables, read at build time). The defaults
 * are the local cloud's: its WeChat simulator authorises the simulated Official Account.
 */
export const config = {
  /** WeChat's web authorisation page: https://open.weixin.qq.com/connect/oauth2/authorize in the cloud. */
  wechatAuthorizeUrl:
    (import.meta.env.VITE_WECHAT_AUTHORIZE_URL as string | undefined) ?? '/_wechat/connect/oauth2/authorize',
  /** The Official Account's appid. */
  wechatAppId: (import.meta.env.VITE_WECHAT_APPID as string | undefined) ?? 'wx-local-official-account',
};
