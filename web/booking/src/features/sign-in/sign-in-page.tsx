import { useSmsSendMutation, useSmsVerifyMutation, useWechatWebLoginMutation } from '@sbm/web-shared/api';
import { problemText } from '@sbm/web-shared/problems';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { config } from '../../lib/config';
import { startSession } from '../session/session';
import { selectSession } from '../session/session-slice';
import { SignInScreen } from './sign-in-screen';
import { isWeChatBrowser, wechatAuthorizeUrl } from './wechat';

/** The state sent to WeChat's authorisation and checked on the way back (a forged return is refused). */
const WECHAT_STATE_KEY = 'sbm.booking.wechatState';

/**
 * Sign-in: inside WeChat with the Official Account's web authorisation (POST /v1/auth/wechat/web-login
 * exchanges the code WeChat sends back), and with a phone number and a texted code (POST
 * /v1/auth/sms/send, /v1/auth/sms/verify). Both end with the member's tokens, as the mini program's.
 */
export function SignInPage() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const location = useLocation();
  const [search] = useSearchParams();
  const session = useAppSelector(selectSession);
  const [sendCode] = useSmsSendMutation();
  const [verifyCode] = useSmsVerifyMutation();
  const [wechatLogin, wechat] = useWechatWebLoginMutation();
  // What went wrong, said in the language shown (a forged return has no problem of the API's).
  const [wechatError, setWechatError] = useState<{ problem?: unknown }>();
  const inWeChat = isWeChatBrowser(globalThis.navigator?.userAgent ?? '');
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const exchanged = useRef(false);

  // Back from WeChat with ?code&state: the code is exchanged once (StrictMode runs effects twice).
  const code = search.get('code');
  const state = search.get('state');
  useEffect(() => {
    if (!code || exchanged.current) return;
    exchanged.current = true;
    const expected = sessionStorage.getItem(WECHAT_STATE_KEY);
    sessionStorage.removeItem(WECHAT_STATE_KEY);
    if (!expected || expected !== state) return setWechatError({});
    void wechatLogin({ body: { code } }).then((result) => {
      if (!result.data) return setWechatError({ problem: result.error });
      dispatch(startSession(result.data));
      void navigate('/', { replace: true });
    });
  }, [code, state, wechatLogin, dispatch, navigate]);

  if (session.status === 'signedIn') return <Navigate to={from} replace />;

  return (
    <SignInScreen
      expired={session.ended === 'expired'}
      wechat={
        inWeChat
          ? {
              busy: wechat.isLoading,
              error: wechatError
                ? wechatError.problem === undefined
                  ? t('signIn.failed')
                  : problemText(wechatError.problem, t, i18n.language)
                : undefined,
              onStart: () => {
                const nonce = crypto.randomUUID();
                sessionStorage.setItem(WECHAT_STATE_KEY, nonce);
                const back = `${globalThis.location.origin}/book/sign-in`;
                globalThis.location.assign(
                  wechatAuthorizeUrl(config.wechatAuthorizeUrl, config.wechatAppId, back, nonce),
                );
              },
            }
          : undefined
      }
      sms={{
        onSend: async (phone, countryCode) => {
          const result = await sendCode({ body: { phone, countryCode } });
          return result.error ? { problem: result.error } : undefined;
        },
        onVerify: async (phone, countryCode, smsCode) => {
          const result = await verifyCode({ body: { phone, countryCode, code: smsCode } });
          if (result.error) return { problem: result.error };
          dispatch(startSession(result.data));
          void navigate(from, { replace: true });
          return undefined;
        },
      }}
    />
  );
}
