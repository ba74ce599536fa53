import { WechatOutlined } from '@ant-design/icons';
import { Alert, Button, Divider, Spin } from 'antd';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { SmsSignInForm } from './sms-form';

/**
 * The sign-in screen: WeChat's web authorisation when the page is open inside WeChat (`wechat`), and a
 * phone number with a texted code (`sms`). The page wires each to its API route.
 */
export function SignInScreen({
  expired,
  wechat,
  sms,
}: {
  /** The last session ended by itself: say so. */
  expired: boolean;
  wechat?: { busy: boolean; error?: string; onStart: () => void };
  sms?: ComponentProps<typeof SmsSignInForm>;
}) {
  const { t } = useTranslation();
  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title" className="screen-title">
        {t('signIn.title')}
      </h2>
      <p className="subtitle">{t('signIn.subtitle')}</p>
      {expired && <Alert type="info" showIcon title={t('signIn.expired')} />}
      {wechat && (
        <div className="wechat">
          {wechat.busy ? (
            <Spin aria-label={t('signIn.wechatSigningIn')} />
          ) : (
            <Button block type="primary" icon={<WechatOutlined aria-hidden />} onClick={wechat.onStart}>
              {t('signIn.wechat')}
            </Button>
          )}
          <p className="hint">{t('signIn.wechatHint')}</p>
          {wechat.error && (
            <p role="alert" className="error">
              {wechat.error}
            </p>
          )}
          {sms && <Divider />}
        </div>
      )}
      {sms && (
        <>
          <h3>{t('signIn.sms')}</h3>
          <SmsSignInForm {...sms} />
        </>
      )}
    </section>
  );
}
