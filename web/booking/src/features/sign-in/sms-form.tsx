import { Button, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES, isValidCode, isValidPhone, phoneDigits } from './validation';

/** Seconds before another code may be asked for (the API also limits sending, with 429 and Retry-After). */
export const RESEND_SECONDS = 60;

/**
 * Sign-in with a phone number and the 6-digit code texted to it. The form checks the number and the
 * code before anything is sent; `onSend` and `onVerify` call the API and answer an error message (the
 * problem in the member's words) or nothing.
 */
export function SmsSignInForm({
  onSend,
  onVerify,
}: {
  onSend: (phone: string, countryCode: string) => Promise<string | undefined>;
  onVerify: (phone: string, countryCode: string, code: string) => Promise<string | undefined>;
}) {
  const { t } = useTranslation();
  const [countryCode, setCountryCode] = useState<string>('86');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [phoneError, setPhoneError] = useState<string>();
  const [codeError, setCodeError] = useState<string>();
  const [failure, setFailure] = useState<string>();
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
    if (!isValidPhone(phone, countryCode)) return setPhoneError(t('signIn.phoneInvalid'));
    setPhoneError(undefined);
    setBusy('sending');
    const error = await onSend(phoneDigits(phone), countryCode);
    setBusy(null);
    if (error) return setFailure(error);
    setSent(true);
    setWait(RESEND_SECONDS);
  };

  const verify = async () => {
    setFailure(undefined);
    if (!isValidPhone(phone, countryCode)) return setPhoneError(t('signIn.phoneInvalid'));
    if (!isValidCode(code)) return setCodeError(t('signIn.codeInvalid'));
    setCodeError(undefined);
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
          {phoneError}
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
          {codeError}
        </p>
      )}
      {failure && (
        <p role="alert" className="error">
          {failure}
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
