import { Button, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES, isValidCode, isValidPhone, phoneDigits } from './validation';

/** Seconds before another code may be asked for (the API also limits sending, with 429 and Retry-After). */
export const RESEND_SECONDS = 60;

/** A refused call, as the generated client answers it: said in the member's language when shown. */
export interface Refusal {
  problem: unknown;
}

/**
 * Sign-in with a phone number and the 6-digit code texted to it. The form checks the number and the
 * code before anything is sent; `onSend` and `onVerify` call the API and answer its refusal or nothing.
 * Messages are kept as what went wrong, not as text, so a change of language says them again.
 */
export function SmsSignInForm({
  onSend,
  onVerify,
}: {
  onSend: (phone: string, countryCode: string) => Promise<Refusal | undefined>;
  onVerify: (phone: string, countryCode: string, code: string) => Promise<Refusal | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const [countryCode, setCountryCode] = useState<string>('86');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [phoneError, setPhoneError] = useState(false);
  const [codeError, setCodeError] = useState(false);
  const [failure, setFailure] = useState<Refusal>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState<'sending' | 'verifying' | null>(null);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const send = async () => {
    setFailure(undefined);
    if (!isValidPhone(phone, countryCode)) return setPhoneError(true);
    setPhoneError(false);
    setBusy('sending');
    const error = await onSend(phoneDigits(phone), countryCode);
    setBusy(null);
    if (error) return setFailure(error);
    setSent(true);
    setWait(RESEND_SECONDS);
  };

  const verify = async () => {
    setFailure(undefined);
    if (!isValidPhone(phone, countryCode)) return setPhoneError(true);
    setPhoneError(false);
    if (!isValidCode(code)) return setCodeError(true);
    setCodeError(false);
    setBusy('verifying');
    const error = await onVerify(phoneDigits(phone), countryCode, code.trim());
    setBusy(null);
    if (error) setFailure(error);
  };

  return (
    <form
      className="sms-form"
      aria-label={t('signIn.sms')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void verify();
      }}
    >
      <div className="phone-row">
        <label className="field country">
          <span>{t('signIn.countryCode')}</span>
          <Select
            value={countryCode}
            onChange={setCountryCode}
            aria-label={t('signIn.countryCode')}
            options={COUNTRY_CODES.map((each) => ({ value: each, label: `+${each}` }))}
            popupMatchSelectWidth={false}
          />
        </label>
        <label className="field phone">
          <span>{t('signIn.phone')}</span>
          <Input
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            placeholder={t('signIn.phonePlaceholder')}
            aria-invalid={phoneError ? true : undefined}
            aria-describedby={phoneError ? 'phone-error' : undefined}
          />
        </label>
      </div>
      {phoneError && (
        <p id="phone-error" className="error">
          {t('signIn.phoneInvalid')}
        </p>
      )}
      <Button
        block
        htmlType="button"
        onClick={() => void send()}
        disabled={busy !== null || wait > 0}
        loading={busy === 'sending'}
      >
        {busy === 'sending'
          ? t('signIn.sending')
          : wait > 0
            ? t('signIn.resendIn', { seconds: wait })
            : t('signIn.sendCode')}
      </Button>
      {sent && <p role="status">{t('signIn.codeSent')}</p>}
      <label className="field">
        <span>{t('signIn.code')}</span>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? 'code-error' : undefined}
        />
      </label>
      {codeError && (
        <p id="code-error" className="error">
          {t('signIn.codeInvalid')}
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {problemText(failure.problem, t, i18n.language)}
        </p>
      )}
      <Button
        block
        htmlType="submit"
        type="primary"
        disabled={busy === 'sending'}
        loading={busy === 'verifying'}
      >
        {busy === 'verifying' ? t('signIn.submitting') : t('signIn.submit')}
      </Button>
    </form>
  );
}
